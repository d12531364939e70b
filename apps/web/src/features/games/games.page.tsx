import { useId } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import type { Metric } from '../../gql/graphql';
import { PageHeading } from '../../components/page-heading';
import { RankChange } from '../../components/rank-change';
import { usePageParam } from '../../hooks/use-page-param';
import { formatCompact, formatInteger } from '../../lib/format';
import { isMetric } from '../../lib/metrics';
import { useRangeSearch } from '../../lib/range-link';
import type { TimeRange } from '../../lib/time-range';
import { TopGamesQuery } from '../overview/overview.queries';
import { MetricSeriesCard } from './metric-series.card';

const TOP_CHOICES = [3, 5, 8, 10, 15, 20];
const CANDIDATES = 20;

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

export function GamesPage({ range, sweepIntervalSeconds }: Props) {
  const search = useRangeSearch();
  const topId = useId();
  const [metricParam, setMetric] = usePageParam('metric', 'AVERAGE_VIEWERS');
  const [topParam, setTop] = usePageParam('top', '5');
  const [otherParam, setOther] = usePageParam('other', '1');
  const [modeParam, setMode] = usePageParam('mode', 'lines');
  const [gamesParam, setGames] = usePageParam('games', '');
  const metric: Metric = isMetric(metricParam) ? metricParam : 'AVERAGE_VIEWERS';
  const top = Math.min(20, Math.max(1, Number.parseInt(topParam, 10) || 5));
  const chosen = gamesParam ? gamesParam.split(',').filter((g) => /^\d+$/.test(g)) : [];

  const { data, previousData, error } = useQuery(TopGamesQuery, {
    variables: { from: range.from, to: range.to, first: CANDIDATES, by: 'HOURS_WATCHED' },
  });
  const games = (data ?? previousData)?.topGames.edges.map((e) => e.node) ?? [];

  const toggleGame = (gameId: string) => {
    const next = chosen.includes(gameId) ? chosen.filter((g) => g !== gameId) : [...chosen, gameId];
    setGames(next.join(','));
  };

  return (
    <main className="page" id="main">
      <PageHeading title="Games" range={range} />
      <div className="stack">
        <div className="toolbar" role="group" aria-label="Series options">
          <label className="field" htmlFor={topId}>
            <span className="field__label">Top games</span>
            <select id={topId} value={top} onChange={(e) => setTop(e.target.value)} disabled={chosen.length > 0}>
              {TOP_CHOICES.map((n) => (
                <option key={n} value={n}>
                  Top {n}
                </option>
              ))}
            </select>
          </label>
          <div className="segmented segmented--small" role="group" aria-label="Chart type">
            <button type="button" className="segmented__item" aria-pressed={modeParam !== 'stacked'} onClick={() => setMode('lines')}>
              Lines
            </button>
            <button type="button" className="segmented__item" aria-pressed={modeParam === 'stacked'} onClick={() => setMode('stacked')}>
              Stacked area
            </button>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={otherParam === '1'} onChange={(e) => setOther(e.target.checked ? '1' : '0')} />
            Include “other”
          </label>
          <details className="picker">
            <summary className="button">{chosen.length ? `${chosen.length} chosen game${chosen.length === 1 ? '' : 's'}` : 'Choose games'}</summary>
            <div className="picker__list" role="group" aria-label="Games to show">
              {games.map((g) => (
                <label key={g.gameId} className="checkbox">
                  <input type="checkbox" checked={chosen.includes(g.gameId)} onChange={() => toggleGame(g.gameId)} />
                  {g.name}
                </label>
              ))}
              {chosen.length ? (
                <button type="button" className="button" onClick={() => setGames('')}>
                  Clear choice
                </button>
              ) : null}
            </div>
          </details>
        </div>

        <MetricSeriesCard
          id="games-metric"
          title={chosen.length ? 'Chosen games' : `Top ${top} games`}
          range={range}
          sweepIntervalSeconds={sweepIntervalSeconds}
          groupBy="GAME"
          metric={metric}
          onMetric={(m) => setMetric(m)}
          top={chosen.length ? Math.min(20, chosen.length) : top}
          includeOther={otherParam === '1'}
          stacked={modeParam === 'stacked'}
          gameIds={chosen}
        />

        <section className="card" aria-labelledby="games-table-title">
          <div className="card__header">
            <h2 id="games-table-title" className="card__title">
              Top {CANDIDATES} games
            </h2>
          </div>
          {error && !data ? (
            <p className="card__warning" role="alert">
              Could not load games: {error.message}
            </p>
          ) : null}
          {games.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="games-table">
                <caption className="visually-hidden">Top games over the selected range</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">#</th>
                    <th scope="col">Game</th>
                    <th scope="col">Change</th>
                    <th scope="col" className="num">Avg viewers</th>
                    <th scope="col" className="num hide-sm">Avg channels</th>
                    <th scope="col" className="num hide-sm">Hours watched</th>
                  </tr>
                </thead>
                <tbody>
                  {games.map((g) => (
                    <tr key={g.gameId}>
                      <td className="num">{g.rank}</td>
                      <th scope="row">
                        <Link className="game-name" to={{ pathname: `/games/${g.gameId}`, search }}>
                          {g.name}
                        </Link>
                      </th>
                      <td>
                        <RankChange change={g.rankChange} />
                      </td>
                      <td className="num">{formatInteger(g.averageViewers)}</td>
                      <td className="num hide-sm">{formatInteger(g.averageChannels)}</td>
                      <td className="num hide-sm">{formatCompact(g.hoursWatched)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="empty-note">No games were live in this range.</p>
          )}
        </section>
      </div>
    </main>
  );
}
