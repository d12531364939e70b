const MAX_DETAIL_CHARS = 160;

/**
 * A short, stable description of a failed request for error messages and logs: the socket code
 * and what it means, e.g. `UND_ERR_SOCKET (other side closed)` or `ECONNRESET (read ECONNRESET)`.
 * Node's fetch puts the useful part in `cause`; its own message is only `fetch failed` or
 * `terminated` (the body was cut). Bounded, because it ends up in job failure reasons.
 */
export function networkDetail(err: unknown): string {
  const e = err as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | null | undefined;
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : '';
  const causeMessage = typeof e?.cause?.message === 'string' ? e.cause.message : '';
  const own = typeof e?.message === 'string' ? e.message : String(err);
  let detail: string;
  if (code && causeMessage && causeMessage !== code) detail = `${code} (${causeMessage})`;
  else detail = code || causeMessage || own;
  // A body cut after the headers reads as `terminated`; say so, it is the useful distinction.
  if (own === 'terminated') detail = `connection closed while reading the body: ${detail}`;
  return detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail;
}
