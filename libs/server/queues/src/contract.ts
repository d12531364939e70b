import { z } from 'zod';

/**
 * The one queue contract shared by producers (schedulers, API "run now", backfill) and the
 * worker's processors. Queue and job names are stored in Redis: never rename them casually.
 */
export const QUEUE_NAMES = ['twitch', 'maintenance', 'x'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const trigger = z.enum(['schedule', 'manual', 'backfill', 'startup']);
const isoInstant = z.iso.datetime({ offset: true });

/** Payload schemas, validated again by every processor: a forged job fails without retry. */
export const jobDataSchemas = {
  'twitch.sweep-streams': z
    .object({
      trigger,
      /** Backfill only: the sweep's timestamp; the simulator answers as of then. */
      at: isoInstant.optional(),
    })
    .strict(),
  'twitch.top-games': z.object({ trigger }).strict(),
  'twitch.metadata': z.object({ trigger }).strict(),
  'twitch.backfill': z
    .object({
      trigger,
      days: z.number().int().min(1).max(90),
      spacingSeconds: z.number().int().min(300).max(86_400),
    })
    .strict(),
  'maintenance.run': z.object({ trigger }).strict(),
  'x.counts': z.object({ trigger }).strict(),
  'x.search': z.object({ trigger }).strict(),
  'x.metrics': z.object({ trigger }).strict(),
  'x.auto-track': z.object({ trigger }).strict(),
} as const;

export type JobName = keyof typeof jobDataSchemas;
export type JobData<N extends JobName> = z.infer<(typeof jobDataSchemas)[N]>;

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  'twitch.sweep-streams': 'twitch',
  'twitch.top-games': 'twitch',
  'twitch.metadata': 'twitch',
  'twitch.backfill': 'twitch',
  'maintenance.run': 'maintenance',
  'x.counts': 'x',
  'x.search': 'x',
  'x.metrics': 'x',
  'x.auto-track': 'x',
};

/** The union a processor switches on. */
export type AnyJob = { [N in JobName]: { name: N; data: JobData<N> } }[JobName];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobDataSchemas, name);
}

export class InvalidJobError extends Error {
  constructor(
    public readonly jobName: string,
    public readonly problems: string[],
  ) {
    super(`invalid job ${JSON.stringify(jobName)}: ${problems.join('; ')}`);
    this.name = 'InvalidJobError';
  }
}

/** Parses a job as it came out of Redis; throws InvalidJobError naming each bad field. */
export function parseJob(name: string, data: unknown): AnyJob {
  if (!isJobName(name)) throw new InvalidJobError(name, [`unknown job name (known: ${Object.keys(jobDataSchemas).join(', ')})`]);
  const result = jobDataSchemas[name].safeParse(data);
  if (!result.success) {
    throw new InvalidJobError(
      name,
      result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'data'}: ${i.message}`),
    );
  }
  return { name, data: result.data } as AnyJob;
}
