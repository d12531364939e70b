import type { AppConfig } from '@streamscope/config';
import type { ScheduleOverride, ScheduleOverrideRepository } from '@streamscope/db';
import type { Queues } from '@streamscope/queues';
import { scheduleTable, type ScheduleEntry } from './schedulers';

const MINUTE = 60;
const DAY = 86_400;

/**
 * Intervals an operator may set per schedule, in seconds. The Twitch jobs keep the range their
 * *_INTERVAL_SECONDS settings allow (60 s up); X counts and searches are billed per request and
 * maintenance rewrites rollups, so they run at most every 5 minutes; metrics and auto-tracking
 * read hourly data, so 15 minutes.
 * Upper bounds: a day, so no schedule silently stops.
 */
export const SCHEDULE_BOUNDS: Readonly<Record<string, { min: number; max: number }>> = {
  'twitch-sweep-streams': { min: MINUTE, max: DAY },
  'twitch-top-games': { min: MINUTE, max: DAY },
  'twitch-metadata': { min: MINUTE, max: DAY },
  maintenance: { min: 5 * MINUTE, max: DAY },
  'x-counts': { min: 5 * MINUTE, max: DAY },
  'x-search': { min: 5 * MINUTE, max: DAY },
  'x-metrics': { min: 15 * MINUTE, max: DAY },
  'x-auto-track': { min: 15 * MINUTE, max: DAY },
};

/** Bounds of a schedule id; the config's own range (60 s to a day) for any id not listed. */
export function scheduleBounds(id: string): { min: number; max: number } {
  return SCHEDULE_BOUNDS[id] ?? { min: MINUTE, max: DAY };
}

/** A schedule as it runs: the configured interval, or the stored override when it is valid. */
export interface EffectiveSchedule extends ScheduleEntry {
  defaultEverySeconds: number;
  overridden: boolean;
}

/**
 * Merges stored overrides into the schedule table. An override for an unknown id or outside
 * today's bounds (bounds may tighten between releases) is ignored and reported, not applied.
 */
export function applyScheduleOverrides(
  table: readonly ScheduleEntry[],
  overrides: readonly Pick<ScheduleOverride, 'scheduleId' | 'everySeconds'>[],
): { schedules: EffectiveSchedule[]; ignored: string[] } {
  const byId = new Map(overrides.map((o) => [o.scheduleId, o.everySeconds]));
  const ignored: string[] = [];
  const schedules = table.map((entry): EffectiveSchedule => {
    const every = byId.get(entry.id);
    const b = scheduleBounds(entry.id);
    const valid = every !== undefined && Number.isInteger(every) && every >= b.min && every <= b.max;
    if (every !== undefined && !valid) ignored.push(`${entry.id}: ${every} s is outside ${b.min}-${b.max} s`);
    return { ...entry, everySeconds: valid ? every : entry.everySeconds, defaultEverySeconds: entry.everySeconds, overridden: valid };
  });
  for (const id of byId.keys()) if (!table.some((e) => e.id === id)) ignored.push(`${id}: no such schedule`);
  return { schedules, ignored };
}

/** The schedule table with the stored overrides applied. */
export async function effectiveSchedules(config: AppConfig, overrides: ScheduleOverrideRepository): Promise<{ schedules: EffectiveSchedule[]; ignored: string[] }> {
  return applyScheduleOverrides(scheduleTable(config), await overrides.list());
}

/**
 * The interval one schedule runs at now (valid stored override, else configured): the single
 * source of truth for code that must agree with the scheduler, e.g. a sweep's sample_seconds.
 */
export async function effectiveEverySeconds(config: AppConfig, overrides: ScheduleOverrideRepository, id: string): Promise<number> {
  const { schedules } = await effectiveSchedules(config, overrides);
  const entry = schedules.find((s) => s.id === id);
  if (!entry) throw new Error(`unknown schedule ${id}`);
  return entry.everySeconds;
}

/** Registers (or updates) one schedule in Redis; idempotent by scheduler id. */
export async function upsertSchedule(queues: Queues, s: Pick<ScheduleEntry, 'id' | 'job' | 'everySeconds'>): Promise<void> {
  await queues.upsertSchedule(s.id, s.job, s.everySeconds * 1000, { trigger: 'schedule' });
}
