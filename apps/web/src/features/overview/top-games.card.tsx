import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { Sparkline } from '@streamscope/charts';
import type { TopGamesQuery } from '../../gql/graphql';
import { formatCompact, formatInteger } from '../../lib/format';
import { useRangeSearch } from '../../lib/range-link';
import type { TimeRange } from '../../lib/time-range';
import { RankChange } from '../../components/rank-change';
import { GameSparklinesQuery } from './overview.queries';

type TopGame = TopGamesQuery['topGames']['edges'][number]['node'];

interface Props {
  range: TimeRange;
  games: readonly TopGame[];
  loading: boolean;
  error: string | null;
}

export function TopGamesCard({ range, games, loading, error }: Props) {
  const search = useRangeSearch();
  const gameIds = games.map((g) => g.gameId);
  const { data } = useQuery(GameSparklinesQuery, {
    variables: { from: range.from, to: range.to, gameIds, timeZone: range.timeZone },
    skip: gameIds.length === 0,
  });
  const lines = useMemo(() => new Map((data?.gameViewers.series ?? []).map((s) => [s.gameId, s.averageViewers])), [data]);

  return (
    <section className="card" aria-labelledby="top-games-title">
      <div className="card__header">
        <div>
          <h2 id="top-games-title" className="card__title">
            Top games
          </h2>
          <p className="card__subtitle">By hours watched; rank change against the previous period of equal length</p>
        </div>
      </div>
      {error ? (
        <p className="card__warning" role="alert">
          Top games could not be loaded: {error}
        </p>
      ) : null}
      {!error && games.length === 0 ? (
        <p className="empty-note">{loading ? 'Loading…' : 'No games were live in this range.'}</p>
      ) : null}
      {games.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="top-games">
            <caption className="visually-hidden">Top games over the selected range</caption>
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">Game</th>
                <th scope="col">Change</th>
                <th scope="col" className="hide-sm">Trend</th>
                <th scope="col" className="num">
                  <span className="hide-sm">Avg viewers</span>
                  <span className="show-sm">Avg</span>
                </th>
                <th scope="col" className="num hide-sm">Peak viewers</th>
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
                  <td className="hide-sm spark-cell">
                    <Sparkline values={lines.get(g.gameId) ?? []} label={`Average viewers of ${g.name} over the range`} />
                  </td>
                  <td className="num">{formatInteger(g.averageViewers)}</td>
                  <td className="num hide-sm">{formatInteger(g.peakViewers)}</td>
                  <td className="num hide-sm">{formatCompact(g.hoursWatched)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
