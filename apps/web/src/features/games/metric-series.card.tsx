import { useId, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { TimeSeriesChart, type ChartSeries } from '@streamscope/charts';
import type { GroupBy, Metric } from '../../gql/graphql';
import { CoverageNote } from '../../components/coverage-note';
import { emptyExplanation } from '../../lib/empty-state';
import { METRIC_INFO, METRICS } from '../../lib/metrics';
import type { TimeRange } from '../../lib/time-range';
import { MetricSeriesQuery } from './games.queries';

interface Props {
  id: string;
  title: string;
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
  groupBy: GroupBy;
  metric: Metric;
  onMetric(metric: Metric): void;
  top: number;
  includeOther: boolean;
  stacked: boolean;
  gameIds?: readonly string[];
}

/** Any metric split by game or language: top N plus "other", as lines or a stacked area. */
export function MetricSeriesCard({ id, title, range, sweepIntervalSeconds, groupBy, metric, onMetric, top, includeOther, stacked, gameIds }: Props) {
  const metricId = useId();
  const info = METRIC_INFO[metric];
  const { data, previousData, loading, error, refetch } = useQuery(MetricSeriesQuery, {
    variables: {
      from: range.from,
      to: range.to,
      bucket: range.bucket,
      timeZone: range.timeZone,
      metric,
      groupBy,
      top,
      includeOther,
      gameIds: gameIds && gameIds.length ? [...gameIds] : null,
    },
  });
  const result = (data ?? previousData)?.metricSeries;
  const series: ChartSeries[] = useMemo(
    () => (result?.series ?? []).map((s) => ({ key: s.key, name: s.other ? 'Other' : s.name, values: s.values })),
    [result],
  );
  const mode = stacked && info.stackable ? 'stacked-area' : 'lines';

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card__header">
        <div>
          <h2 id={`${id}-title`} className="card__title">
            {title}
          </h2>
          <p className="card__subtitle" data-testid={`${id}-meta`}>
            {info.label} · {mode === 'stacked-area' ? 'stacked' : 'lines'}
            {stacked && !info.stackable ? ' (peaks and ratios do not add up, so they are not stacked)' : ''}
            {result ? (
              <>
                {' · '}
                <CoverageNote coverage={result.coverage} bucket={result.bucket} level={result.level} partialSweeps={result.partialSweeps} />
              </>
            ) : null}
          </p>
        </div>
        <label className="field" htmlFor={metricId}>
          <span className="field__label">Metric</span>
          <select id={metricId} value={metric} onChange={(e) => onMetric(e.target.value as Metric)}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_INFO[m].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TimeSeriesChart
        id={id}
        title={title}
        timestamps={result?.timestamps ?? []}
        series={series}
        yAxis={info.axis}
        mode={mode}
        timeZone={range.timeZone}
        loading={loading}
        error={error && !result ? `Could not load ${title.toLowerCase()}: ${error.message}` : null}
        onRetry={() => void refetch()}
        emptyMessage={emptyExplanation(range, sweepIntervalSeconds)}
      />
      {error && result ? (
        <p className="card__warning" role="status">
          Refresh failed ({error.message}); showing the last loaded data.
        </p>
      ) : null}
    </section>
  );
}
