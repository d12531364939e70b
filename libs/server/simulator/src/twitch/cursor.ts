const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64');

function decode(text: string): unknown {
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
}

/** Offset cursor as on /games/top: base64 {"s":offset,"d":false,"t":true}. */
export function encodeOffsetCursor(offset: number): string {
  return b64({ s: offset, d: false, t: true });
}

export function decodeOffsetCursor(cursor: string): number | null {
  try {
    const v = decode(cursor) as { s?: unknown };
    return typeof v.s === 'number' && Number.isInteger(v.s) && v.s >= 0 ? v.s : null;
  } catch {
    return null;
  }
}

/**
 * Seek cursor as on /streams (contract §5): base64 {"b":{"Cursor":B},"a":{"Cursor":A}} where B and A
 * are base64 {"s":score,"d":false,"t":true} of the page's first and last item.
 */
export function encodeSeekCursor(firstScore: number, lastScore: number): string {
  return b64({ b: { Cursor: b64({ s: firstScore, d: false, t: true }) }, a: { Cursor: b64({ s: lastScore, d: false, t: true }) } });
}

export function decodeSeekCursor(cursor: string, side: 'a' | 'b'): number | null {
  try {
    const outer = decode(cursor) as Record<string, { Cursor?: unknown } | undefined>;
    const inner = outer[side]?.Cursor;
    if (typeof inner !== 'string' || inner === '') return null;
    const v = decode(inner) as { s?: unknown };
    return typeof v.s === 'number' && Number.isFinite(v.s) ? v.s : null;
  } catch {
    return null;
  }
}
