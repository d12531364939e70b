import { isTimeZone } from '@streamscope/shared';
import { badInput } from '../../graphql/errors';

const GAME_ID = /^\d{1,19}$/;
// Twitch broadcaster languages are ISO 639-1 codes, a few with a region ("zh-hk"), plus "other".
const LANGUAGE = /^[a-z]{2,8}(-[a-z0-9]{1,8})?$/i;

export function checkGameId(field: string, id: string): void {
  if (!GAME_ID.test(id)) throw badInput(field, 'Twitch game ids are numeric strings');
}

export function checkGameIds(field: string, ids: readonly string[] | null | undefined): void {
  if (ids == null) return;
  if (ids.length === 0 || ids.length > 50) throw badInput(field, 'give 1 to 50 game ids, or omit it');
  for (const id of ids) checkGameId(field, id);
}

export function checkLanguages(field: string, codes: readonly string[] | null | undefined): void {
  if (codes == null) return;
  if (codes.length === 0 || codes.length > 50) throw badInput(field, 'give 1 to 50 language codes, or omit it');
  for (const c of codes) if (!LANGUAGE.test(c)) throw badInput(field, `${JSON.stringify(c.slice(0, 20))} is not a Twitch language code such as "en" or "zh-hk"`);
}

/** A plain range (no buckets): ordered, and at most `maxDays` long. */
export function checkRange(from: Date, to: Date, maxDays: number): void {
  if (!(from.getTime() < to.getTime())) throw badInput('to', 'must be after from');
  if (to.getTime() - from.getTime() > maxDays * 86_400_000) throw badInput('to', `the range may span at most ${maxDays} days`);
}

export function checkTimeZone(zone: string): void {
  if (!isTimeZone(zone)) throw badInput('timeZone', `unknown IANA time zone ${JSON.stringify(zone.slice(0, 64))}; use e.g. "UTC" or "Europe/Berlin"`);
}

export function checkIntRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be between ${min} and ${max}`);
}
