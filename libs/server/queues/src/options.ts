import type { JobsOptions } from 'bullmq';

/**
 * Retries use BullMQ's own exponential backoff with jitter; finished jobs are trimmed by age
 * and count so Redis memory stays flat however long the worker runs.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5_000 },
};

/** How long a job may hold its lock without renewing it before it is considered stalled. */
export const LOCK_DURATION_MS = 60_000;
