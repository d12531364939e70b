import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { TimeSeriesChart, type ChartSeries } from '@streamscope/charts';
import { CoverageNote } from '../../components/coverage-note';
import { PageHeading } from '../../components/page-heading';
import { RankChange } from '../../components/rank-change';
import { emptyExplanation } from '../../lib/empty-state';
import { formatCompact, formatInteger } from '../../lib/format';
import { languageName } from '../../lib/languages';
import { sharesOverTime } from '../../lib/shares';
import type { TimeRange } from '../../lib/time-range';
import { MetricSeriesQuery } from '../games/games.queries';
import { TopLanguagesQuery } from './languages.queries';

export const TOP_LANGUAGES = 8;
const SHARE_AXIS = { label: 'Share of hours watched', unit: '%', decimals: 1 };

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

export function LanguagesPage({ range, sweepIntervalSeconds }: Props) {
  const { data, previousData, loading, error, refetch } = useQuery(MetricSeriesQuery, {
    variables: {
      from: range.from,
      to: range.to,
      bucket: range.bucket,
      timeZone: range.timeZone,
      metric: 'HOURS_WATCHED',
      groupBy: 'LANGUAGE',
      top: TOP_LANGUAGES,
      includeOther: true,
      gameIds: null,
    },
  });
  const result = (data ?? previousData)?.metricSeries;
  const series: ChartSeries[] = useMemo(() => {
    if (!result) return [];
    const groups = result.series.map((s) => ({ key: s.key, name: s.other ? 'Other' : languageName(s.name), values: s.values }));
    // Percent so hover and CSV read as shares of that bucket's hours watched.
    return sharesOverTime(groups, result.timestamps.length).map((g) => ({
      ...g,
      values: g.values.map((v) => (v === null ? null : v * 100)),
    }));
  }, [result]);

  const top = useQuery(TopLanguagesQuery, { variables: { from: range.from, to: range.to, first: 15 } });
  const languages = (top.data ?? top.previousData)?.topLanguages.edges.map((e) => e.node) ?? [];

  return (
    <main className="page" id="main">
      <PageHeading title="Languages" range={range} />
      <div className="stack">
        <section className="card" aria-labelledby="language-share-title">
          <div className="card__header">
            <div>
              <h2 id="language-share-title" className="card__title">
                Share of hours watched by language
              </h2>
              <p className="card__subtitle">
                Top {TOP_LANGUAGES} broadcaster languages and the rest, per bucket
                {result ? (
                  <>
                    {' · '}
                    <CoverageNote coverage={result.coverage} bucket={result.bucket} level={result.level} partialSweeps={result.partialSweeps} />
                  </>
                ) : null}
              </p>
            </div>
          </div>
          <TimeSeriesChart
            id="language-share"
            title="Language share of hours watched"
            timestamps={result?.timestamps ?? []}
            series={series}
            yAxis={SHARE_AXIS}
            mode="stacked-area"
            timeZone={range.timeZone}
            loading={loading}
            error={error && !result ? `Could not load language shares: ${error.message}` : null}
            onRetry={() => void refetch()}
            emptyMessage={emptyExplanation(range, sweepIntervalSeconds)}
          />
        </section>

        <section className="card" aria-labelledby="languages-table-title">
          <div className="card__header">
            <h2 id="languages-table-title" className="card__title">
              Languages ranked
            </h2>
          </div>
          {top.error && !top.data ? (
            <p className="card__warning" role="alert">
              Could not load languages: {top.error.message}
            </p>
          ) : null}
          {languages.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="languages-table">
                <caption className="visually-hidden">Broadcaster languages over the selected range</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">#</th>
                    <th scope="col">Language</th>
                    <th scope="col">Change</th>
                    <th scope="col" className="num">Avg viewers</th>
                    <th scope="col" className="num hide-sm">Avg channels</th>
                    <th scope="col" className="num hide-sm">Hours watched</th>
                  </tr>
                </thead>
                <tbody>
                  {languages.map((l) => (
                    <tr key={l.language}>
                      <td className="num">{l.rank}</td>
                      <th scope="row">{languageName(l.language)}</th>
                      <td>
                        <RankChange change={l.rankChange} />
                      </td>
                      <td className="num">{formatInteger(l.averageViewers)}</td>
                      <td className="num hide-sm">{formatInteger(l.averageChannels)}</td>
                      <td className="num hide-sm">{formatCompact(l.hoursWatched)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="empty-note">{top.loading ? 'Loading…' : 'No streams in this range.'}</p>
          )}
        </section>
      </div>
    </main>
  );
}
