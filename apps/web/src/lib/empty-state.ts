import type { TimeRange } from './time-range';

function cadence(seconds: number | undefined): string {
  if (!seconds) return 'on its schedule';
  if (seconds < 60) return `every ${seconds} seconds`;
  if (seconds === 60) return 'every minute';
  return `every ${Math.round(seconds / 60)} minutes`;
}

/** Says why a range has no Twitch data and when (or whether) it will. */
export function emptyExplanation(range: Pick<TimeRange, 'to'>, sweepIntervalSeconds: number | undefined, subject = 'sweeps'): string {
  const endsInPast = Date.parse(range.to) < Date.now() - 2 * (sweepIntervalSeconds ?? 60) * 1000;
  if (endsInPast) {
    return `No ${subject} were recorded in this range. History starts when the worker first swept Twitch; choose a later range to see data.`;
  }
  return `No ${subject} recorded in this range yet. The worker sweeps Twitch ${cadence(sweepIntervalSeconds)}; the first points appear here shortly after the next sweep.`;
}
