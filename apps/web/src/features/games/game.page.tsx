import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { TimeSeriesChart, type ChartSeries } from '@streamscope/charts';
import { CoverageNote } from '../../components/coverage-note';
import { PageHeading } from '../../components/page-heading';
import { emptyExplanation } from '../../lib/empty-state';
import { formatCompact, formatInteger, formatPercent } from '../../lib/format';
import { languageName } from '../../lib/languages';
import { useRangeSearch } from '../../lib/range-link';
import type { TimeRange } from '../../lib/time-range';
import { CrossPlatformCard } from '../x/cross-platform.card';
import { GameDetailQuery } from './games.queries';

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

const AXIS = { label: 'Concurrent', unit: 'viewers', decimals: 1 };

export function GamePage({ range, sweepIntervalSeconds }: Props) {
  const { id = '' } = useParams();
  const search = useRangeSearch();
  const { data, previousData, loading, error, refetch } = useQuery(GameDetailQuery, {
    variables: { id, from: range.from, to: range.to, bucket: range.bucket, timeZone: range.timeZone },
  });
  const game = (data ?? previousData)?.game;
  const result = game?.series;
  const s = result?.series[0];
  const series: ChartSeries[] = useMemo(
    () =>
      s
        ? [
            { key: 'average', name: 'Average viewers', values: s.averageViewers },
            { key: 'peak', name: 'Peak viewers', values: s.peakViewers },
          ]
        : [],
    [s],
  );

  if (data && data.game === null) {
    return (
      <main className="page" id="main">
        <PageHeading title="Game not found" range={range} />
        <p className="empty-note">
          No game with id {id} was ever seen in a sweep. <Link to={{ pathname: '/games', search }}>Back to games</Link>
        </p>
      </main>
    );
  }

  const channels = game?.topChannels.edges.map((e) => e.node) ?? [];
  return (
    <main className="page" id="main">
      <PageHeading title={game?.name ?? 'Game'} range={range}>
        <p className="breadcrumb">
          <Link to={{ pathname: '/games', search }}>Games</Link> / {game?.name ?? id}
        </p>
      </PageHeading>
      <div className="stack">
        <section className="card" aria-labelledby="game-viewers-title">
          <div className="card__header">
            <div>
              <h2 id="game-viewers-title" className="card__title">
                Viewers
              </h2>
              <p className="card__subtitle">
                {result ? <CoverageNote coverage={result.coverage} bucket={result.bucket} level={result.level} partialSweeps={result.partialSweeps} /> : 'Average and peak concurrent viewers'}
              </p>
            </div>
          </div>
          <TimeSeriesChart
            id="game-viewers"
            title={`${game?.name ?? 'Game'} viewers`}
            timestamps={result?.timestamps ?? []}
            series={series}
            yAxis={AXIS}
            timeZone={range.timeZone}
            loading={loading}
            error={error && !result ? `Could not load this game: ${error.message}` : null}
            onRetry={() => void refetch()}
            emptyMessage={emptyExplanation(range, sweepIntervalSeconds, `sweeps with ${game?.name ?? 'this game'}`)}
          />
        </section>

        <CrossPlatformCard gameId={id} range={range} />

        <div className="grid-2">
          <section className="card" aria-labelledby="game-channels-title">
            <div className="card__header">
              <div>
                <h2 id="game-channels-title" className="card__title">
                  Top channels
                </h2>
                <p className="card__subtitle">By hours watched in this game</p>
              </div>
            </div>
            {channels.length ? (
              <div className="table-wrap">
                <table className="table" data-testid="game-channels">
                  <caption className="visually-hidden">Top channels in this game</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">#</th>
                      <th scope="col">Channel</th>
                      <th scope="col" className="num">Avg viewers</th>
                      <th scope="col" className="num hide-sm">Hours watched</th>
                    </tr>
                  </thead>
                  <tbody>
                    {channels.map((c) => (
                      <tr key={c.channelId}>
                        <td className="num">{c.rank}</td>
                        <th scope="row">
                          {c.login ? (
                            <Link className="game-name" to={{ pathname: `/channels/${c.login}`, search }}>
                              {c.displayName ?? c.login}
                            </Link>
                          ) : (
                            <span className="game-name">{c.channelId}</span>
                          )}
                        </th>
                        <td className="num">{formatInteger(c.averageViewers)}</td>
                        <td className="num hide-sm">{formatCompact(c.hoursWatched)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="empty-note">{loading ? 'Loading…' : 'No channel streamed this game in the range.'}</p>
            )}
          </section>

          <section className="card" aria-labelledby="game-languages-title">
            <div className="card__header">
              <div>
                <h2 id="game-languages-title" className="card__title">
                  Language split
                </h2>
                <p className="card__subtitle">Share of this game’s hours watched by broadcaster language</p>
              </div>
            </div>
            {game?.languageSplit.length ? (
              <ul className="share-list" data-testid="game-languages">
                {game.languageSplit.map((l) => (
                  <li key={l.language}>
                    <span className="share-list__name">{languageName(l.language)}</span>
                    <span className="share-list__bar" aria-hidden="true">
                      <span style={{ width: `${Math.max(1, l.share * 100)}%` }} />
                    </span>
                    <span className="share-list__value">
                      {formatPercent(l.share)} <span className="muted">· {formatCompact(l.hoursWatched)} h</span>
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty-note">{loading ? 'Loading…' : 'No hours watched in this range.'}</p>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}
