import type { AppConfig } from '@streamscope/config';
import type { ScheduleOverrideRepository } from '@streamscope/db';
import { effectiveSchedules, scheduleBounds, scheduleTable, upsertSchedule, type EffectiveSchedule } from '@streamscope/ingestion';
import type { Queues } from '@streamscope/queues';
import { badInput } from '../../graphql/errors';
import type { Schedule } from './tracking.types';

/**
 * Schedule intervals. An override is stored first (workers re-register schedules from the table
 * plus the stored overrides on every start and reconnect) and then upserted into Redis at once.
 */
export class SchedulesService {
  constructor(
    private readonly config: AppConfig,
    private readonly overrides: ScheduleOverrideRepository,
    private readonly queues: Queues,
    private readonly now: () => number = Date.now,
    /** Called after an interval changed, so cached readers of it (the sweep interval) refresh. */
    private readonly onChange: () => void = () => undefined,
  ) {}

  async list(): Promise<Schedule[]> {
    const { schedules } = await effectiveSchedules(this.config, this.overrides);
    return Promise.all(schedules.map((s) => this.toSchedule(s)));
  }

  async setInterval(id: string, everySeconds: number): Promise<Schedule> {
    const entry = this.entry(id);
    const b = scheduleBounds(entry.id);
    if (!Number.isInteger(everySeconds) || everySeconds < b.min || everySeconds > b.max) {
      throw badInput('everySeconds', `${entry.id} runs every ${b.min} to ${b.max} seconds; got ${everySeconds}`);
    }
    await this.overrides.set(entry.id, everySeconds, new Date(this.now()));
    this.onChange();
    return this.apply(entry.id);
  }

  async resetInterval(id: string): Promise<Schedule> {
    const entry = this.entry(id);
    await this.overrides.reset(entry.id);
    this.onChange();
    return this.apply(entry.id);
  }

  private entry(id: string) {
    const table = scheduleTable(this.config);
    const entry = table.find((e) => e.id === id);
    if (!entry) throw badInput('id', `unknown schedule ${JSON.stringify(String(id).slice(0, 40))}; one of ${table.map((e) => e.id).join(', ')}`);
    return entry;
  }

  private async apply(id: string): Promise<Schedule> {
    const { schedules } = await effectiveSchedules(this.config, this.overrides);
    const s = schedules.find((e) => e.id === id)!;
    await upsertSchedule(this.queues, s);
    return this.toSchedule(s);
  }

  private async toSchedule(s: EffectiveSchedule): Promise<Schedule> {
    const b = scheduleBounds(s.id);
    const info = await this.queues.scheduleInfo(s.id, s.job);
    return {
      id: s.id,
      job: s.job,
      everySeconds: s.everySeconds,
      defaultEverySeconds: s.defaultEverySeconds,
      overridden: s.overridden,
      minEverySeconds: b.min,
      maxEverySeconds: b.max,
      nextRunAt: info?.nextRunAt ?? null,
    };
  }
}
