import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { DEFAULT_JOB_OPTIONS } from './options';
import { JOB_QUEUE, QUEUE_NAMES, jobDataSchemas, type JobData, type JobName, type QueueName } from './contract';

export interface QueueSettings {
  connection: ConnectionOptions;
  prefix: string;
}

/** One BullMQ Queue per queue name, with typed enqueue and scheduler registration. */
export class Queues {
  readonly byName: Record<QueueName, Queue>;

  constructor(private readonly settings: QueueSettings) {
    this.byName = Object.fromEntries(
      QUEUE_NAMES.map((name) => [
        name,
        new Queue(name, { connection: settings.connection, prefix: settings.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
      ]),
    ) as Record<QueueName, Queue>;
  }

  all(): Queue[] {
    return Object.values(this.byName);
  }

  /** Adds one job; its payload is checked against the contract before it reaches Redis. */
  async enqueue<N extends JobName>(name: N, data: JobData<N>, opts: JobsOptions = {}) {
    const parsed = jobDataSchemas[name].parse(data);
    return this.byName[JOB_QUEUE[name]].add(name, parsed, opts);
  }

  /**
   * Registers (or updates) a recurring job. Idempotent by scheduler id, so restarts and
   * several worker replicas never duplicate a schedule.
   */
  async upsertSchedule<N extends JobName>(schedulerId: string, name: N, everyMs: number, data: JobData<N>) {
    const parsed = jobDataSchemas[name].parse(data);
    return this.byName[JOB_QUEUE[name]].upsertJobScheduler(schedulerId, { every: everyMs }, { name, data: parsed });
  }

  /** The registered scheduler (its interval and next run) or null when Redis holds none. */
  async scheduleInfo(schedulerId: string, name: JobName): Promise<{ everyMs: number | null; nextRunAt: Date | null } | null> {
    const s = await this.byName[JOB_QUEUE[name]].getJobScheduler(schedulerId);
    if (!s) return null;
    return { everyMs: s.every ?? null, nextRunAt: s.next ? new Date(s.next) : null };
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
