import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { TimeSeriesChart, type AxisSpec, type ChartMode, type ChartSeries } from '@streamscope/charts';
import type { TimeRange } from '../../lib/time-range';
import { bucketLabel, formatPercent, LEVEL_LABELS } from '../../lib/format';
import { emptyExplanation } from '../../lib/empty-state';
import { GameViewersQuery } from './overview.queries';
import { overallCoverage, summarizeGames } from './game-summary';
import { GameSummaryTable } from './game-summary.table';
import { gameViewersVariables, TOP_GAMES } from './overview.prefetch';

export const REFRESH_MS = 60_000;

const METRICS = {
  average: { label: 'Average viewers', axis: { label: 'Average concurrent', unit: 'viewers', decimals: 1 }, mode: 'lines' },
  peak: { label: 'Peak viewers', axis: { label: 'Peak concurrent', unit: 'viewers', decimals: 0 }, mode: 'lines' },
  hours: { label: 'Hours watched', axis: { label: 'Watch time', unit: 'hours', decimals: 1 }, mode: 'stacked-area' },
} as const satisfies Record<string, { label: string; axis: AxisSpec; mode: ChartMode }>;

type Metric = keyof typeof METRICS;

function isMetric(value: string | null): value is Metric {
  return value !== null && value in METRICS;
}

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

export function ViewersByGameCard({ range, sweepIntervalSeconds }: Props) {
  const [searchParams, setSearchParams] = useSearchParams();
  const metricParam = searchParams.get('metric');
  const metric: Metric = isMetric(metricParam) ? metricParam : 'average';

  const { data, previousData, loading, error, refetch } = useQuery(GameViewersQuery, {
    variables: gameViewersVariables(range),
    // Preset windows slide every minute (new variables, new fetch); a fixed custom range polls.
    pollInterval: range.preset ? 0 : REFRESH_MS,
    notifyOnNetworkStatusChange: false,
  });
  const result = (data ?? previousData)?.gameViewers;

  const series: ChartSeries[] = useMemo(
    () =>
      (result?.series ?? []).map((s) => ({
        key: s.gameId,
        name: s.name,
        values: metric === 'average' ? s.averageViewers : metric === 'peak' ? s.peakViewers : s.hoursWatched,
      })),
    [result, metric],
  );
  const summary = useMemo(() => (result ? summarizeGames(result) : []), [result]);
  const coverage = result ? overallCoverage(result) : null;
  const emptyMessage = emptyExplanation(range, sweepIntervalSeconds);

  const setMetric = (next: Metric) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      if (next === 'average') params.delete('metric');
      else params.set('metric', next);
      return params;
    });

  return (
    <section className="card" aria-labelledby="viewers-by-game-title">
      <div className="card__header">
        <div>
          <h2 id="viewers-by-game-title" className="card__title">
            Viewers by game
          </h2>
          <p className="card__subtitle" data-testid="viewers-by-game-meta">
            {result ? (
              <>
                Top {TOP_GAMES} games by hours watched · coverage {formatPercent(coverage)} · bucket{' '}
                {bucketLabel(result.bucket)} · served from {LEVEL_LABELS[result.level]}
              </>
            ) : (
              <>Top {TOP_GAMES} games by hours watched</>
            )}
          </p>
        </div>
        <div className="segmented segmented--small" role="group" aria-label="Metric">
          {(Object.keys(METRICS) as Metric[]).map((m) => (
            <button key={m} type="button" className="segmented__item" aria-pressed={metric === m} onClick={() => setMetric(m)}>
              {METRICS[m].label}
            </button>
          ))}
        </div>
      </div>

      <TimeSeriesChart
        id="viewers-by-game"
        title={`${METRICS[metric].label} by game`}
        timestamps={result?.timestamps ?? []}
        series={series}
        yAxis={METRICS[metric].axis}
        mode={METRICS[metric].mode}
        timeZone={range.timeZone}
        loading={loading}
        error={error && !result ? `Could not load viewers by game: ${error.message}` : null}
        onRetry={() => void refetch()}
        emptyMessage={emptyMessage}
      />

      {error && result ? (
        <p className="card__warning" role="status">
          Refresh failed ({error.message}); showing the last loaded data.
        </p>
      ) : null}

      {summary.length > 0 ? <GameSummaryTable rows={summary} /> : null}
    </section>
  );
}
