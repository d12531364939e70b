import type { Database } from '../database/types';

export type IngestionRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface IngestionRunStart {
  source: string;
  job: string;
  jobId?: string | null;
}

export interface IngestionRunFinish {
  status: 'succeeded' | 'failed' | 'skipped';
  apiCalls?: number | null;
  pages?: number | null;
  rowsWritten?: number | null;
  duplicatesDropped?: number | null;
  rateLimitRemaining?: number | null;
  costUnits?: number | null;
  /** Already scrubbed of secrets by the caller. */
  error?: string | null;
}

export interface IngestionRun {
  id: string;
  source: string;
  job: string;
  jobId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: IngestionRunStatus;
  apiCalls: number | null;
  pages: number | null;
  rowsWritten: number | null;
  duplicatesDropped: number | null;
  rateLimitRemaining: number | null;
  costUnits: number | null;
  error: string | null;
}

const COLUMNS = `id::text AS id, source, job, job_id AS "jobId", started_at AS "startedAt", finished_at AS "finishedAt",
  status, api_calls AS "apiCalls", pages, rows_written::float8 AS "rowsWritten", duplicates_dropped AS "duplicatesDropped",
  rate_limit_remaining AS "rateLimitRemaining", cost_units AS "costUnits", error`;

export class IngestionRunRepository {
  constructor(private readonly db: Database) {}

  async start(run: IngestionRunStart): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO ingestion_runs (source, job, job_id, status) VALUES ($1, $2, $3, 'running') RETURNING id::text AS id`,
      [run.source, run.job, run.jobId ?? null],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('ingestion run insert returned no id');
    return id;
  }

  /**
   * Closes the runs of a job still marked running: called when the job starts again, so those
   * attempts' workers died (or lost the database) before they could record the outcome.
   */
  async abandon(job: string, jobId: string, reason: string): Promise<number> {
    // Job ids are unique per queue only; the job name pins the queue.
    const rows = await this.db.query<{ id: string }>(
      `UPDATE ingestion_runs SET finished_at = now(), status = 'failed', error = $3
        WHERE job = $1 AND job_id = $2 AND status = 'running' RETURNING id::text AS id`,
      [job, jobId, reason],
    );
    return rows.length;
  }

  /** Runs still marked running that started before `cutoff` (candidates for the stale-run reaper). */
  async runningStartedBefore(cutoff: Date): Promise<Array<{ id: string; job: string; jobId: string | null }>> {
    return this.db.query<{ id: string; job: string; jobId: string | null }>(
      `SELECT id::text AS id, job, job_id AS "jobId" FROM ingestion_runs WHERE status = 'running' AND started_at < $1 ORDER BY id LIMIT 1000`,
      [cutoff],
    );
  }

  /** Closes one run as failed, only if it is still running (a late finish() of a live attempt wins). */
  async closeAbandoned(id: string, reason: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE ingestion_runs SET finished_at = now(), status = 'failed', error = $2
        WHERE id = $1::bigint AND status = 'running' RETURNING id::text AS id`,
      [id, reason],
    );
    return rows.length > 0;
  }

  async finish(id: string, r: IngestionRunFinish): Promise<void> {
    await this.db.query(
      `UPDATE ingestion_runs SET finished_at = now(), status = $2, api_calls = $3, pages = $4, rows_written = $5,
              duplicates_dropped = $6, rate_limit_remaining = $7, cost_units = $8, error = $9
        WHERE id = $1::bigint`,
      [id, r.status, r.apiCalls ?? null, r.pages ?? null, r.rowsWritten ?? null, r.duplicatesDropped ?? null,
        r.rateLimitRemaining ?? null, r.costUnits ?? null, r.error ?? null],
    );
  }

  async recent(q: { limit: number; job?: string }): Promise<IngestionRun[]> {
    const limit = Math.max(1, Math.min(1000, Math.floor(q.limit)));
    return this.db.query<IngestionRun>(
      `SELECT ${COLUMNS} FROM ingestion_runs WHERE ($2::text IS NULL OR job = $2) ORDER BY started_at DESC, id DESC LIMIT $1`,
      [limit, q.job ?? null],
    );
  }

  async lastSuccess(job: string): Promise<IngestionRun | null> {
    const rows = await this.db.query<IngestionRun>(
      `SELECT ${COLUMNS} FROM ingestion_runs WHERE job = $1 AND status = 'succeeded' ORDER BY started_at DESC, id DESC LIMIT 1`,
      [job],
    );
    return rows[0] ?? null;
  }

  /** Finished runs per job and status (for /metrics). */
  async countsByStatus(): Promise<Array<{ job: string; status: string; count: number }>> {
    return this.db.query<{ job: string; status: string; count: number }>(
      `SELECT job, status, count(*)::int AS count FROM ingestion_runs WHERE status <> 'running' GROUP BY job, status ORDER BY job, status`,
    );
  }
}
