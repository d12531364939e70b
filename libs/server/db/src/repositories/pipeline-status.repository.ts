import type { Database } from '../database/types';
import type { IngestionRun } from './ingestion-run.repository';

const COLUMNS = `id::text AS id, source, job, job_id AS "jobId", started_at AS "startedAt", finished_at AS "finishedAt",
  status, api_calls AS "apiCalls", pages, rows_written::float8 AS "rowsWritten", duplicates_dropped AS "duplicatesDropped",
  rate_limit_remaining AS "rateLimitRemaining", cost_units AS "costUnits", error`;

/** Read side of ingestion runs for the pipeline view. */
export class PipelineStatusRepository {
  constructor(private readonly db: Database) {}

  /** The newest succeeded run of every job that has one. */
  async lastSuccessPerJob(): Promise<IngestionRun[]> {
    return this.db.query<IngestionRun>(
      `SELECT DISTINCT ON (job) ${COLUMNS} FROM ingestion_runs WHERE status = 'succeeded' ORDER BY job, started_at DESC, id DESC`,
    );
  }

  /** The newest finished run of a source that reported the API's remaining rate-limit budget. */
  async latestRateLimit(source: string): Promise<{ remaining: number; at: Date } | null> {
    const rows = await this.db.query<{ remaining: number; at: Date }>(
      `SELECT rate_limit_remaining AS remaining, coalesce(finished_at, started_at) AS at FROM ingestion_runs
        WHERE source = $1 AND rate_limit_remaining IS NOT NULL AND finished_at IS NOT NULL
        ORDER BY finished_at DESC, id DESC LIMIT 1`,
      [source],
    );
    return rows[0] ?? null;
  }
}
