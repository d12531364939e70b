import { useQuery } from '@apollo/client/react';
import type { PipelineQuery as PipelineResult } from '../../gql/graphql';
import { PageHeading } from '../../components/page-heading';
import { formatDateTime, formatInteger } from '../../lib/format';
import type { TimeRange } from '../../lib/time-range';
import { PipelineQuery } from './pipeline.queries';

type Run = PipelineResult['pipeline']['recentRuns'][number];

const POLL_MS = 15_000;

function ago(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'never';
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${(seconds / 3600).toFixed(1)} h ago`;
}

function RunsTable({ runs, timeZone, testId, caption }: { runs: readonly Run[]; timeZone: string; testId: string; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col" className="num hide-sm">Duration</th>
            <th scope="col" className="num hide-sm">Rows</th>
            <th scope="col" className="num hide-sm">API calls</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <code>{r.job}</code>
              </th>
              <td>
                <span className={`status status--${r.status}`} title={r.error ?? undefined}>
                  {r.status}
                </span>
              </td>
              <td>{formatDateTime(r.startedAt, timeZone)}</td>
              <td className="num hide-sm">{r.durationSeconds === null || r.durationSeconds === undefined ? '–' : `${r.durationSeconds.toFixed(1)} s`}</td>
              <td className="num hide-sm">{formatInteger(r.rowsWritten ?? null)}</td>
              <td className="num hide-sm">{formatInteger(r.apiCalls ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  range: TimeRange;
}

export function PipelinePage({ range }: Props) {
  const { data, previousData, error, refetch, loading } = useQuery(PipelineQuery, { variables: { limit: 25 }, pollInterval: POLL_MS });
  const p = (data ?? previousData)?.pipeline;
  const failed = p?.recentRuns.filter((r) => r.status === 'failed') ?? [];

  return (
    <main className="page" id="main">
      <PageHeading title="Pipeline" range={range}>
        <p className="breadcrumb">
          Queues in <a href="/admin/queues">Bull Board</a> (admin token required)
        </p>
      </PageHeading>
      {error && !p ? (
        <div className="ssc-state ssc-state--error" role="alert">
          <p>Could not load the pipeline: {error.message}</p>
          <button type="button" className="ssc-button" onClick={() => void refetch()}>
            Retry
          </button>
        </div>
      ) : null}
      {!p && loading ? <p className="empty-note">Loading…</p> : null}
      {p ? (
        <div className="stack">
          <section className="kpis" aria-label="Freshness" data-testid="freshness">
            <div className="kpi">
              <span className="kpi__label">Last sweep</span>
              <span className="kpi__value kpi__value--text">{ago(p.freshness.secondsSinceLastSweep)}</span>
              <span className={`kpi__trend ${p.freshness.stale ? 'kpi__trend--down' : 'kpi__trend--up'}`}>
                {p.freshness.stale ? '● stale: no sweep within two intervals' : '● fresh'}
              </span>
            </div>
            <div className="kpi">
              <span className="kpi__label">Sweep interval</span>
              <span className="kpi__value">{p.freshness.sweepIntervalSeconds} s</span>
              <span className="kpi__trend muted">
                {p.freshness.intervalsBehind === null || p.freshness.intervalsBehind === undefined
                  ? 'no sweep yet'
                  : `${p.freshness.intervalsBehind.toFixed(2)} intervals since the last one`}
              </span>
            </div>
            <div className="kpi">
              <span className="kpi__label">Helix rate limit left</span>
              <span className="kpi__value">{formatInteger(p.helixRateLimitRemaining ?? null)}</span>
              <span className="kpi__trend muted">
                {p.helixRateLimitAt ? `as of ${formatDateTime(p.helixRateLimitAt, range.timeZone)}` : 'no Twitch run yet'}
              </span>
            </div>
            <div className="kpi">
              <span className="kpi__label">Failed recent runs</span>
              <span className="kpi__value">{failed.length}</span>
              <span className="kpi__trend muted">of the last {p.recentRuns.length}</span>
            </div>
          </section>

          <section className="card" aria-labelledby="last-success-title">
            <div className="card__header">
              <h2 id="last-success-title" className="card__title">
                Last success per job
              </h2>
            </div>
            {p.lastSuccess.length ? (
              <RunsTable runs={p.lastSuccess} timeZone={range.timeZone} testId="last-success" caption="Newest succeeded run of each job" />
            ) : (
              <p className="empty-note">No job has succeeded yet; the worker records runs as soon as it starts.</p>
            )}
          </section>

          <section className="card" aria-labelledby="recent-runs-title">
            <div className="card__header">
              <div>
                <h2 id="recent-runs-title" className="card__title">
                  Recent runs
                </h2>
                <p className="card__subtitle">Newest first; refreshes every {POLL_MS / 1000} s. Hover a failed status for its error.</p>
              </div>
            </div>
            {p.recentRuns.length ? (
              <RunsTable runs={p.recentRuns} timeZone={range.timeZone} testId="recent-runs" caption="Recent ingestion runs" />
            ) : (
              <p className="empty-note">No runs recorded yet.</p>
            )}
            {failed.length ? (
              <ul className="error-list">
                {failed.slice(0, 5).map((r) => (
                  <li key={r.id}>
                    <code>{r.job}</code> {formatDateTime(r.startedAt, range.timeZone)}: {r.error ?? 'no error recorded'}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </div>
      ) : null}
    </main>
  );
}
