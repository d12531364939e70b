/** Default cap on one upstream answer: a full Helix or X page is well under 1 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The body as text, or null when it is (or announces itself as) larger than `maxBytes`: the
 * stream is cancelled there, so a broken or hostile upstream cannot fill the worker's memory.
 *
 * `signal` (the attempt's deadline) covers the body too: when it aborts, the read stops with its
 * reason and the stream is cancelled. Node's fetch already errors the body on abort, but an
 * injected `fetch` need not, and a body trickling a few bytes at a time must not outlive the
 * attempt's timeout.
 */
export async function readBoundedText(response: Response, maxBytes: number, signal?: AbortSignal): Promise<string | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return '';
  if (signal?.aborted) {
    await response.body.cancel(signal.reason).catch(() => undefined);
    throw signal.reason;
  }
  const reader = response.body.getReader();
  // A pending read() then settles (done or errored); the check after it throws the reason.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (err) {
        signal?.throwIfAborted();
        throw err;
      }
      signal?.throwIfAborted();
      if (step.done) break;
      size += step.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(step.value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
