import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { formatDateTime } from '../../lib/format';
import { adminContext } from './admin-token';
import { ResetScheduleIntervalMutation, SchedulesQuery, SetScheduleIntervalMutation } from './tracking.queries';

interface Props {
  token: string;
  timeZone: string;
  onMessage(message: string | null): void;
}

/** 300 → "5 min", 3600 → "1 h", 90 → "90 s": how intervals read in the list. */
export function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function SchedulesPanel({ token, timeZone, onMessage }: Props) {
  const context = adminContext(token);
  const list = useQuery(SchedulesQuery, { context, fetchPolicy: 'network-only' });
  const [setScheduleInterval] = useMutation(SetScheduleIntervalMutation, { context });
  const [resetInterval] = useMutation(ResetScheduleIntervalMutation, { context });

  const act = async (what: string, fn: () => Promise<unknown>) => {
    onMessage(null);
    try {
      await fn();
      await list.refetch();
    } catch (error) {
      onMessage(`${what} failed: ${(error as Error).message}`);
    }
  };

  return (
    <section className="card" aria-labelledby="schedules-title">
      <div className="card__header">
        <div>
          <h2 id="schedules-title" className="card__title">
            Schedules
          </h2>
          <p className="card__subtitle">How often each job runs. A change is stored and applied at once; it survives restarts until reset.</p>
        </div>
      </div>
      {list.data?.schedules.length ? (
        <div className="table-wrap">
          <table className="table" data-testid="schedules">
            <caption className="visually-hidden">Schedules</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Every</th>
                <th scope="col" className="hide-sm">
                  Next run
                </th>
                <th scope="col">Change (seconds)</th>
              </tr>
            </thead>
            <tbody>
              {list.data.schedules.map((s) => (
                <tr key={s.id} data-schedule={s.id}>
                  <th scope="row">
                    <code>{s.job}</code>
                  </th>
                  <td>
                    <span>{formatInterval(s.everySeconds)}</span>
                    {s.overridden ? <span className="muted"> (default {formatInterval(s.defaultEverySeconds)})</span> : null}
                  </td>
                  <td className="hide-sm">{s.nextRunAt ? formatDateTime(s.nextRunAt, timeZone) : <span className="muted">not registered</span>}</td>
                  <td className="actions-cell">
                    <IntervalForm
                      key={`${s.id}-${s.everySeconds}`}
                      schedule={s}
                      onSave={(every) => act(`Changing ${s.job}`, () => setScheduleInterval({ variables: { id: s.id, everySeconds: every } }))}
                      onReset={() => act(`Resetting ${s.job}`, () => resetInterval({ variables: { id: s.id } }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-note">{list.loading ? 'Loading…' : list.error ? `Could not load schedules: ${list.error.message}` : 'No schedules.'}</p>
      )}
    </section>
  );
}

interface IntervalFormProps {
  schedule: { id: string; job: string; everySeconds: number; overridden: boolean; minEverySeconds: number; maxEverySeconds: number };
  onSave(everySeconds: number): Promise<void>;
  onReset(): Promise<void>;
}

function IntervalForm({ schedule: s, onSave, onReset }: IntervalFormProps) {
  const fieldId = useId();
  const [draft, setDraft] = useState(String(s.everySeconds));
  const value = Number(draft);
  const valid = Number.isInteger(value) && value >= s.minEverySeconds && value <= s.maxEverySeconds;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) void onSave(value);
  };

  return (
    <form className="toolbar" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={fieldId}>
        Interval of {s.job} in seconds ({s.minEverySeconds}–{s.maxEverySeconds})
      </label>
      <input
        id={fieldId}
        className="input--narrow"
        type="number"
        inputMode="numeric"
        min={s.minEverySeconds}
        max={s.maxEverySeconds}
        step={1}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        aria-invalid={!valid}
      />
      <button type="submit" className="button button--small" disabled={!valid || value === s.everySeconds} aria-label={`Save interval of ${s.job}`}>
        Save
      </button>
      {s.overridden ? (
        <button type="button" className="button button--small" onClick={() => void onReset()} aria-label={`Reset interval of ${s.job}`}>
          Reset
        </button>
      ) : null}
    </form>
  );
}
