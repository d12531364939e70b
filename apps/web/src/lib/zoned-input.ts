import { toZonedWallClock } from '@streamscope/charts';

function offsetMs(instantMs: number, timeZone: string): number {
  const wallClock = toZonedWallClock(new Date(instantMs).toISOString(), timeZone);
  return Date.parse(`${wallClock.replace(' ', 'T')}Z`) - instantMs;
}

/**
 * The instant a `<input type="datetime-local">` value denotes in a zone. Two passes settle the
 * offset across DST changes; a wall-clock time skipped by DST lands on the later side.
 */
export function zonedInputToIso(local: string, timeZone: string): string | null {
  const asUtc = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  if (Number.isNaN(asUtc)) return null;
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

/** The `datetime-local` value (minutes) that shows an instant in a zone. */
export function isoToZonedInput(iso: string, timeZone: string): string {
  return toZonedWallClock(iso, timeZone).slice(0, 16).replace(' ', 'T');
}
