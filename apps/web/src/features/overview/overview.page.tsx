import { useQuery } from '@apollo/client/react';
import type { TimeRange } from '../../lib/time-range';
import { PageHeading } from '../../components/page-heading';
import { KpiStrip } from './kpi-strip';
import { TopGamesQuery } from './overview.queries';
import { TopGamesCard } from './top-games.card';
import { ViewersByGameCard } from './viewers-by-game.card';

export const TOP_GAMES_TABLE = 10;

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

export function OverviewPage({ range, sweepIntervalSeconds }: Props) {
  const { data, previousData, loading, error } = useQuery(TopGamesQuery, {
    variables: { from: range.from, to: range.to, first: TOP_GAMES_TABLE, by: 'HOURS_WATCHED' },
  });
  const games = (data ?? previousData)?.topGames.edges.map((e) => e.node) ?? [];
  return (
    <main className="page" id="main">
      <PageHeading title="Overview" range={range} />
      <div className="stack">
        <KpiStrip range={range} topGame={games[0]} />
        <ViewersByGameCard range={range} sweepIntervalSeconds={sweepIntervalSeconds} />
        <TopGamesCard range={range} games={games} loading={loading} error={error && !data ? error.message : null} />
      </div>
    </main>
  );
}
