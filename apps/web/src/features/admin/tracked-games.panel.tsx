import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { formatDateTime } from '../../lib/format';
import { adminContext } from './admin-token';
import {
  PauseTrackedGameMutation,
  PickableGamesQuery,
  ResumeTrackedGameMutation,
  TrackedGamesQuery,
  TrackGameMutation,
  UntrackGameMutation,
} from './tracking.queries';

interface Props {
  token: string;
  timeZone: string;
  onMessage(message: string | null): void;
}

const DAY_MS = 86_400_000;

export function TrackedGamesPanel({ token, timeZone, onMessage }: Props) {
  const idField = useId();
  const pickField = useId();
  const context = adminContext(token);
  const list = useQuery(TrackedGamesQuery, { context, fetchPolicy: 'network-only' });
  // The picker offers the most watched games of the last day, by name.
  const last24h = useMemo(() => {
    const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    return { from: new Date(to.getTime() - DAY_MS).toISOString(), to: to.toISOString() };
  }, []);
  const pickable = useQuery(PickableGamesQuery, { context, variables: last24h });
  const [track, tracking] = useMutation(TrackGameMutation, { context });
  const [pause] = useMutation(PauseTrackedGameMutation, { context });
  const [resume] = useMutation(ResumeTrackedGameMutation, { context });
  const [untrack] = useMutation(UntrackGameMutation, { context });
  const [gameId, setGameId] = useState('');

  const trackedIds = new Set(list.data?.trackedGames.map((g) => g.id) ?? []);
  const choices = (pickable.data?.topGames.edges ?? []).map((e) => e.node).filter((g) => g.gameId !== '0' && !trackedIds.has(g.gameId));

  const act = async (what: string, fn: () => Promise<unknown>) => {
    onMessage(null);
    try {
      await fn();
      await list.refetch();
    } catch (error) {
      onMessage(`${what} failed: ${(error as Error).message}`);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act('Tracking the game', async () => {
      await track({ variables: { gameId: gameId.trim() } });
      setGameId('');
    });
  };

  return (
    <section className="card" aria-labelledby="tracked-games-title">
      <div className="card__header">
        <div>
          <h2 id="tracked-games-title" className="card__title">
            Tracked games
          </h2>
          <p className="card__subtitle">Followed whatever their rank: metadata refreshed every run and an X query linked to each active game.</p>
        </div>
      </div>
      <form className="search-row" onSubmit={submit}>
        <label className="field" htmlFor={pickField}>
          <span className="field__label">Pick from the top games (24 h)</span>
          <select id={pickField} value="" onChange={(e) => setGameId(e.target.value)} disabled={choices.length === 0}>
            <option value="">{pickable.loading ? 'Loading…' : choices.length ? 'Choose a game…' : 'No untracked top games'}</option>
            {choices.map((g) => (
              <option key={g.gameId} value={g.gameId}>
                {g.name ?? g.gameId}
              </option>
            ))}
          </select>
        </label>
        <label className="field search-row__field" htmlFor={idField}>
          <span className="field__label">Twitch game id</span>
          <input id={idField} value={gameId} inputMode="numeric" onChange={(e) => setGameId(e.target.value)} placeholder="e.g. 509658" />
        </label>
        <button type="submit" className="button button--primary" disabled={!gameId.trim() || tracking.loading}>
          Track game
        </button>
      </form>
      {list.data?.trackedGames.length ? (
        <div className="table-wrap">
          <table className="table" data-testid="tracked-games">
            <caption className="visually-hidden">Tracked games</caption>
            <thead>
              <tr>
                <th scope="col">Game</th>
                <th scope="col" className="hide-sm">
                  Id
                </th>
                <th scope="col" className="hide-sm">
                  Added
                </th>
                <th scope="col">X query</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.trackedGames.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  <td className="hide-sm">
                    <code>{g.id}</code>
                  </td>
                  <td className="hide-sm">{formatDateTime(g.addedAt, timeZone)}</td>
                  <td>{g.hasXQuery ? (g.xQueryState ?? '').toLowerCase() || 'linked' : <span className="muted">none yet</span>}</td>
                  <td>
                    <span className={`status ${g.state === 'ACTIVE' ? 'status--succeeded' : ''}`}>{g.state.toLowerCase()}</span>
                  </td>
                  <td className="actions-cell">
                    {g.state === 'ACTIVE' ? (
                      <button type="button" className="button button--small" onClick={() => void act('Pausing', () => pause({ variables: { gameId: g.id } }))} aria-label={`Pause ${g.name}`}>
                        Pause
                      </button>
                    ) : (
                      <button type="button" className="button button--small" onClick={() => void act('Resuming', () => resume({ variables: { gameId: g.id } }))} aria-label={`Resume ${g.name}`}>
                        Resume
                      </button>
                    )}
                    <button type="button" className="button button--danger" onClick={() => void act('Removing', () => untrack({ variables: { gameId: g.id } }))} aria-label={`Stop tracking ${g.name}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-note">{list.loading ? 'Loading…' : list.error ? `Could not load tracked games: ${list.error.message}` : 'No tracked games yet.'}</p>
      )}
    </section>
  );
}
