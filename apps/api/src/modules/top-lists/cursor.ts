import { badInput } from '../../graphql/errors';

/** Opaque to clients; an offset underneath (lists are recomputed per request, not snapshotted). */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64');
}

/** The offset of the first row after `after` (0 without a cursor). */
export function offsetAfter(after: string | null | undefined): number {
  if (after == null) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(after, 'base64').toString('utf8'));
  if (!m || encodeCursor(Number(m[1])) !== after) throw badInput('after', 'not a cursor returned by this list (use pageInfo.endCursor)');
  return Number(m[1]) + 1;
}
