import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { AddTrackedQueryMutation, PauseTrackedQueryMutation, RemoveTrackedQueryMutation, ResumeTrackedQueryMutation, TrackedQueriesQuery } from '../x/x.queries';
import { adminContext } from './admin-token';

interface Props {
  token: string;
  onMessage(message: string | null): void;
}

export function TrackedQueriesPanel({ token, onMessage }: Props) {
  const nameId = useId();
  const queryId = useId();
  const gameId = useId();
  const context = adminContext(token);
  const list = useQuery(TrackedQueriesQuery, { context, fetchPolicy: 'network-only' });
  const [add, adding] = useMutation(AddTrackedQueryMutation, { context });
  const [pause] = useMutation(PauseTrackedQueryMutation, { context });
  const [resume] = useMutation(ResumeTrackedQueryMutation, { context });
  const [remove] = useMutation(RemoveTrackedQueryMutation, { context });
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [game, setGame] = useState('');

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
    void act('Adding the query', async () => {
      await add({ variables: { input: { name: name.trim(), query: query.trim(), gameId: game.trim() || null } } });
      setName('');
      setQuery('');
      setGame('');
    });
  };

  return (
    <section className="card" aria-labelledby="tracked-title">
      <div className="card__header">
        <div>
          <h2 id="tracked-title" className="card__title">
            Tracked X queries
          </h2>
          <p className="card__subtitle">Counted hourly and sampled for engagement; link a Twitch game id for the cross-platform view.</p>
        </div>
      </div>
      <form className="search-row" onSubmit={submit}>
        <label className="field" htmlFor={nameId}>
          <span className="field__label">Label</span>
          <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Valorant" />
        </label>
        <label className="field search-row__field" htmlFor={queryId}>
          <span className="field__label">X query</span>
          <input id={queryId} value={query} maxLength={512} onChange={(e) => setQuery(e.target.value)} placeholder="valorant -is:retweet" />
        </label>
        <label className="field" htmlFor={gameId}>
          <span className="field__label">Twitch game id (optional)</span>
          <input id={gameId} value={game} inputMode="numeric" onChange={(e) => setGame(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={!name.trim() || !query.trim() || adding.loading}>
          Track query
        </button>
      </form>
      {list.data?.trackedQueries.length ? (
        <div className="table-wrap">
          <table className="table" data-testid="tracked-queries">
            <caption className="visually-hidden">Tracked X queries</caption>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col" className="hide-sm">Query</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.trackedQueries.map((q) => (
                <tr key={q.id}>
                  <th scope="row">{q.name ?? q.query}</th>
                  <td className="hide-sm title-cell">
                    <code>{q.query}</code>
                  </td>
                  <td>
                    <span className={`status ${q.state === 'ACTIVE' ? 'status--succeeded' : ''}`}>{q.state.toLowerCase()}</span>
                  </td>
                  <td className="actions-cell">
                    {q.state === 'ACTIVE' ? (
                      <button type="button" className="button button--small" onClick={() => void act('Pausing', () => pause({ variables: { id: q.id } }))} aria-label={`Pause ${q.name ?? q.query}`}>
                        Pause
                      </button>
                    ) : (
                      <button type="button" className="button button--small" onClick={() => void act('Resuming', () => resume({ variables: { id: q.id } }))} aria-label={`Resume ${q.name ?? q.query}`}>
                        Resume
                      </button>
                    )}
                    <button type="button" className="button button--danger" onClick={() => void act('Removing', () => remove({ variables: { id: q.id } }))} aria-label={`Remove ${q.name ?? q.query}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-note">{list.loading ? 'Loading…' : list.error ? `Could not load tracked queries: ${list.error.message}` : 'No tracked queries yet.'}</p>
      )}
    </section>
  );
}
