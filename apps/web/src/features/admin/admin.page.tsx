import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { ApiKeyScope, RunnableJob } from '../../gql/graphql';
import { PageHeading } from '../../components/page-heading';
import { formatDateTime } from '../../lib/format';
import type { TimeRange } from '../../lib/time-range';
import { adminContext, useAdminToken } from './admin-token';
import { TrackedQueriesPanel } from './tracked-queries.panel';
import { TrackedGamesPanel } from './tracked-games.panel';
import { SchedulesPanel } from './schedules.panel';
import { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation, RunJobMutation } from './admin.queries';

const JOBS: Array<{ job: RunnableJob; label: string }> = [
  { job: 'TWITCH_SWEEP_STREAMS', label: 'Sweep live streams' },
  { job: 'TWITCH_TOP_GAMES', label: 'Refresh top games' },
  { job: 'TWITCH_METADATA', label: 'Refresh metadata' },
  { job: 'MAINTENANCE', label: 'Maintenance' },
];

interface Props {
  range: TimeRange;
}

export function AdminPage({ range }: Props) {
  const { token, save, forget } = useAdminToken();
  const tokenId = useId();
  const [draft, setDraft] = useState('');

  return (
    <main className="page" id="main">
      <PageHeading title="Admin" range={range}>
        <p className="breadcrumb">API keys, tracked X queries and games, schedules and jobs. The token stays in this tab only (sessionStorage).</p>
      </PageHeading>
      {token ? (
        <AdminPanels token={token} timeZone={range.timeZone} onForget={forget} />
      ) : (
        <section className="card" aria-labelledby="token-title">
          <h2 id="token-title" className="card__title">
            Admin token
          </h2>
          <form
            className="search-row"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              if (draft.trim()) save(draft.trim());
            }}
          >
            <label className="field search-row__field" htmlFor={tokenId}>
              <span className="field__label">ADMIN_TOKEN of this deployment</span>
              <input id={tokenId} type="password" autoComplete="off" value={draft} onChange={(e) => setDraft(e.target.value)} />
            </label>
            <button type="submit" className="button button--primary" disabled={!draft.trim()}>
              Use token
            </button>
          </form>
        </section>
      )}
    </main>
  );
}

function AdminPanels({ token, timeZone, onForget }: { token: string; timeZone: string; onForget(): void }) {
  const nameId = useId();
  const context = adminContext(token);
  const keys = useQuery(ApiKeysQuery, { context, fetchPolicy: 'network-only' });
  const [createKey, creating] = useMutation(CreateApiKeyMutation, { context });
  const [revokeKey] = useMutation(RevokeApiKeyMutation, { context });
  const [runJob] = useMutation(RunJobMutation, { context });
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('READ');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const unauthorized = keys.error && /forbidden|unauthor|admin/i.test(keys.error.message);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const result = await createKey({ variables: { input: { name: name.trim(), scopes: [scope] } } });
      const c = result.data?.createApiKey;
      if (c) setCreated({ name: c.apiKey.name, key: c.key });
      setName('');
      await keys.refetch();
    } catch (error) {
      setMessage(`Could not create the key: ${(error as Error).message}`);
    }
  };

  const revoke = async (id: string) => {
    setMessage(null);
    try {
      await revokeKey({ variables: { id } });
      await keys.refetch();
    } catch (error) {
      setMessage(`Could not revoke the key: ${(error as Error).message}`);
    }
  };

  const run = async (job: RunnableJob, label: string) => {
    setMessage(null);
    try {
      const result = await runJob({ variables: { job } });
      const j = result.data?.runJob;
      setMessage(j ? `${label}: queued as ${j.name} (job ${j.jobId} on ${j.queue}).` : `${label}: queued.`);
    } catch (error) {
      setMessage(`${label} failed: ${(error as Error).message}`);
    }
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">Signed in with the admin token for this tab.</span>
        <button type="button" className="button" onClick={onForget}>
          Forget token
        </button>
      </div>
      {message ? (
        <p className="notice" role="status" data-testid="admin-message">
          {message}
        </p>
      ) : null}
      {unauthorized ? (
        <p className="card__warning" role="alert">
          The API refused this token ({keys.error?.message}). Forget it and enter the right one.
        </p>
      ) : null}

      <section className="card" aria-labelledby="keys-title">
        <div className="card__header">
          <div>
            <h2 id="keys-title" className="card__title">
              API keys
            </h2>
            <p className="card__subtitle">Only prefixes are stored; a new key is shown once.</p>
          </div>
        </div>
        <form className="search-row" onSubmit={(e) => void submit(e)}>
          <label className="field search-row__field" htmlFor={nameId}>
            <span className="field__label">Name</span>
            <input id={nameId} value={name} maxLength={64} onChange={(e) => setName(e.target.value)} placeholder="e.g. grafana" />
          </label>
          <div className="segmented segmented--small" role="group" aria-label="Scope">
            {(['READ', 'ADMIN'] as ApiKeyScope[]).map((s) => (
              <button key={s} type="button" className="segmented__item" aria-pressed={scope === s} onClick={() => setScope(s)}>
                {s === 'READ' ? 'Read' : 'Admin'}
              </button>
            ))}
          </div>
          <button type="submit" className="button button--primary" disabled={!name.trim() || creating.loading}>
            Create key
          </button>
        </form>
        {created ? (
          <div className="notice notice--key" role="status" data-testid="created-key">
            <p>
              Key <strong>{created.name}</strong>: copy it now, it will not be shown again.
            </p>
            <code className="secret">{created.key}</code>
            <div className="toolbar">
              <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(created.key)}>
                Copy
              </button>
              <button type="button" className="button" onClick={() => setCreated(null)}>
                Done
              </button>
            </div>
          </div>
        ) : null}
        {keys.data?.apiKeys.length ? (
          <div className="table-wrap">
            <table className="table" data-testid="api-keys">
              <caption className="visually-hidden">API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col" className="hide-sm">Scopes</th>
                  <th scope="col" className="hide-sm">Last used</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {keys.data.apiKeys.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>
                      <code>{k.prefix}</code>
                    </td>
                    <td className="hide-sm">{k.scopes.join(', ')}</td>
                    <td className="hide-sm">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : 'never'}</td>
                    <td>
                      {k.revokedAt ? (
                        <span className="muted">revoked</span>
                      ) : (
                        <button type="button" className="button button--danger" onClick={() => void revoke(k.id)} aria-label={`Revoke ${k.name}`}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty-note">{keys.loading ? 'Loading…' : keys.error ? '' : 'No API keys yet.'}</p>
        )}
      </section>

      <TrackedQueriesPanel token={token} onMessage={setMessage} />

      <TrackedGamesPanel token={token} timeZone={timeZone} onMessage={setMessage} />

      <SchedulesPanel token={token} timeZone={timeZone} onMessage={setMessage} />

      <section className="card" aria-labelledby="jobs-title">
        <div className="card__header">
          <div>
            <h2 id="jobs-title" className="card__title">
              Run a job now
            </h2>
            <p className="card__subtitle">Queues the job outside its schedule; follow it on the Pipeline page.</p>
          </div>
        </div>
        <div className="toolbar toolbar--wrap">
          {JOBS.map((j) => (
            <button key={j.job} type="button" className="button" onClick={() => void run(j.job, j.label)}>
              {j.label}
            </button>
          ))}
        </div>
      </section>
    </div>
  );
}
