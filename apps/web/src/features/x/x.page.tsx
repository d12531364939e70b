import { useId, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { TimeSeriesChart, type ChartSeries } from '@streamscope/charts';
import type { Bucket } from '../../gql/graphql';
import { PageHeading } from '../../components/page-heading';
import { usePageParam } from '../../hooks/use-page-param';
import { formatCompact, formatInteger, formatPercent } from '../../lib/format';
import type { TimeRange } from '../../lib/time-range';
import { XInsightsQuery, XVolumeQuery } from './x.queries';

const AXIS = { label: 'Posts', unit: 'posts', decimals: 0 };

/** X volume is stored hourly, so finer buckets are asked as hours. */
export function xBucket(bucket: Bucket): Bucket {
  return bucket === 'FIVE_MINUTES' || bucket === 'FIFTEEN_MINUTES' ? 'HOUR' : bucket;
}

interface Props {
  range: TimeRange;
}

export function XPage({ range }: Props) {
  const queryFieldId = useId();
  const { data, previousData, loading, error, refetch } = useQuery(XVolumeQuery, {
    variables: { from: range.from, to: range.to, bucket: xBucket(range.bucket), timeZone: range.timeZone },
  });
  const result = (data ?? previousData)?.xVolume;
  const shares = (data ?? previousData)?.xShareOfVoice ?? [];
  const series: ChartSeries[] = useMemo(
    () => (result?.series ?? []).map((s) => ({ key: s.queryId, name: s.name, values: s.posts })),
    [result],
  );
  const [selected, setSelected] = usePageParam('query', '');
  const queryId = selected || result?.series[0]?.queryId || '';
  const insights = useQuery(XInsightsQuery, { variables: { queryId, from: range.from, to: range.to }, skip: !queryId });
  const ins = (insights.data ?? insights.previousData)?.xQueryInsights;

  return (
    <main className="page" id="main">
      <PageHeading title="X" range={range} />
      <div className="stack">
        <section className="card" aria-labelledby="x-volume-title">
          <div className="card__header">
            <div>
              <h2 id="x-volume-title" className="card__title">
                Post volume per tracked query
              </h2>
              <p className="card__subtitle">
                From X’s counts endpoint, stored hourly{result ? ` · bucket ${result.bucket.toLowerCase().replace('_', ' ')}` : ''}; gaps are hours without a stored count
              </p>
            </div>
          </div>
          <TimeSeriesChart
            id="x-volume"
            title="X post volume"
            timestamps={result?.timestamps ?? []}
            series={series}
            yAxis={AXIS}
            timeZone={range.timeZone}
            loading={loading}
            error={error && !result ? `Could not load X volume: ${error.message}` : null}
            onRetry={() => void refetch()}
            emptyMessage="No post counts stored for this range. The worker counts every active tracked query hourly; add queries on the Admin page."
          />
          {result?.series.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="x-volume-table">
                <caption className="visually-hidden">Posts per tracked query</caption>
                <thead>
                  <tr>
                    <th scope="col">Query</th>
                    <th scope="col" className="num">Posts</th>
                    <th scope="col" className="num">Change</th>
                    <th scope="col" className="num hide-sm">Share of voice</th>
                  </tr>
                </thead>
                <tbody>
                  {result.series.map((s) => {
                    const share = shares.find((x) => x.queryId === s.queryId);
                    return (
                      <tr key={s.queryId}>
                        <th scope="row">
                          <span className="game-name" title={s.query}>
                            {s.name}
                          </span>
                        </th>
                        <td className="num">{formatInteger(s.total)}</td>
                        <td className="num">
                          {s.change === null || s.change === undefined ? '–' : `${s.change >= 0 ? '+' : ''}${Math.round(s.change * 100)}%`}
                        </td>
                        <td className="num hide-sm">{formatPercent(share?.share ?? null)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>

        <div className="grid-2">
          <section className="card" aria-labelledby="x-sov-title">
            <div className="card__header">
              <div>
                <h2 id="x-sov-title" className="card__title">
                  Share of voice
                </h2>
                <p className="card__subtitle">Each query’s posts ÷ posts over all tracked queries</p>
              </div>
            </div>
            {shares.length ? (
              <ul className="share-list" data-testid="x-share-of-voice">
                {shares.map((s) => (
                  <li key={s.queryId}>
                    <span className="share-list__name">{s.name}</span>
                    <span className="share-list__bar" aria-hidden="true">
                      <span style={{ width: `${Math.max(1, s.share * 100)}%` }} />
                    </span>
                    <span className="share-list__value">
                      {formatPercent(s.share)} <span className="muted">· {formatCompact(s.posts)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty-note">{loading ? 'Loading…' : 'No posts counted in this range.'}</p>
            )}
          </section>

          <section className="card" aria-labelledby="x-insights-title">
            <div className="card__header">
              <div>
                <h2 id="x-insights-title" className="card__title">
                  Engagement and top voices
                </h2>
                <p className="card__subtitle">
                  {ins
                    ? `${formatInteger(ins.samplePosts)} sampled posts · ${formatInteger(ins.uniqueAuthors)} authors · ${formatCompact(ins.engagement)} engagements (${formatCompact(ins.engagementPerPost ?? null)} per post)`
                    : 'From sampled posts of the chosen query'}
                </p>
              </div>
              <label className="field" htmlFor={queryFieldId}>
                <span className="field__label">Query</span>
                <select id={queryFieldId} value={queryId} onChange={(e) => setSelected(e.target.value)}>
                  {(result?.series ?? []).map((s) => (
                    <option key={s.queryId} value={s.queryId}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {ins ? (
              <div className="entity-lists" data-testid="x-insights">
                <EntityList title="Hashtags" items={ins.topHashtags.map((h) => ({ key: h.value, label: `#${h.value}`, value: h.posts }))} />
                <EntityList title="Mentions" items={ins.topMentions.map((m) => ({ key: m.value, label: `@${m.value}`, value: m.posts }))} />
                <EntityList
                  title="Authors"
                  items={ins.topAuthors.map((a) => ({ key: a.authorId, label: a.username ? `@${a.username}` : (a.name ?? a.authorId), value: a.posts }))}
                />
              </div>
            ) : (
              <p className="empty-note">{insights.loading ? 'Loading…' : insights.error ? `Could not load insights: ${insights.error.message}` : 'No tracked query yet.'}</p>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}

function EntityList({ title, items }: { title: string; items: Array<{ key: string; label: string; value: number }> }) {
  return (
    <div>
      <h3 className="entity-lists__title">{title}</h3>
      {items.length ? (
        <ol className="entity-list">
          {items.map((i) => (
            <li key={i.key}>
              <span className="game-name">{i.label}</span>
              <span className="muted">{formatInteger(i.value)} posts</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty-note">None in the sample.</p>
      )}
    </div>
  );
}
