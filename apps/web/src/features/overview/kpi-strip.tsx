import { useQuery } from '@apollo/client/react';
import type { TimeRange } from '../../lib/time-range';
import { formatCompact, formatInteger } from '../../lib/format';
import { compare, lastValue } from '../../lib/kpi';
import { coverageWeightedMean } from './game-summary';
import { Trend } from './kpi-trend';
import { OverviewKpisQuery } from './overview.queries';
import { XPostRateKpi } from './x-rate.kpi';
import type { TopGamesQuery } from '../../gql/graphql';

type TopGame = TopGamesQuery['topGames']['edges'][number]['node'];

export function previousRange(range: Pick<TimeRange, 'from' | 'to'>): { prevFrom: string; prevTo: string } {
  const length = Date.parse(range.to) - Date.parse(range.from);
  return { prevFrom: new Date(Date.parse(range.from) - length).toISOString(), prevTo: range.from };
}

interface Props {
  range: TimeRange;
  topGame: TopGame | undefined;
}

export function KpiStrip({ range, topGame }: Props) {
  const { data, previousData, error } = useQuery(OverviewKpisQuery, {
    variables: { from: range.from, to: range.to, ...previousRange(range), bucket: range.bucket, timeZone: range.timeZone },
  });
  const d = data ?? previousData;
  const cur = d?.current;
  const prev = d?.previous;
  const viewersNow = compare(lastValue(cur?.averageViewers ?? []), lastValue(prev?.averageViewers ?? []));
  const channelsNow = compare(lastValue(cur?.averageChannels ?? []), lastValue(prev?.averageChannels ?? []));
  const avg = compare(
    cur ? coverageWeightedMean(cur.averageViewers, cur.coverage) : null,
    prev ? coverageWeightedMean(prev.averageViewers, prev.coverage) : null,
  );

  return (
    <section className="kpis" aria-label="Key figures" data-testid="kpis">
      {error && !d ? (
        <p className="card__warning" role="alert">
          Key figures could not be loaded: {error.message}
        </p>
      ) : null}
      <div className="kpi" data-testid="kpi-viewers-now">
        <span className="kpi__label">Viewers now</span>
        <span className="kpi__value">{formatInteger(viewersNow.current)}</span>
        <Trend kpi={viewersNow} />
      </div>
      <div className="kpi" data-testid="kpi-live-channels">
        <span className="kpi__label">Live channels</span>
        <span className="kpi__value">{formatInteger(channelsNow.current)}</span>
        <Trend kpi={channelsNow} />
      </div>
      <div className="kpi" data-testid="kpi-average-viewers">
        <span className="kpi__label">Average viewers (range)</span>
        <span className="kpi__value">{formatCompact(avg.current)}</span>
        <Trend kpi={avg} />
      </div>
      <div className="kpi" data-testid="kpi-top-game">
        <span className="kpi__label">Top game</span>
        <span className="kpi__value kpi__value--text">{topGame?.name ?? '–'}</span>
        <span className="kpi__trend muted">
          {topGame
            ? `${formatCompact(topGame.hoursWatched)} h watched · ${
                topGame.previousRank === null ? 'unranked before' : `was #${topGame.previousRank}`
              }`
            : 'no games in range'}
        </span>
      </div>
      <XPostRateKpi range={range} />
    </section>
  );
}
