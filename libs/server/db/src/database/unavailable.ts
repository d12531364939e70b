/** Socket-level failures: the server is down, restarting or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server shutting down, crashing or still starting (class 08: connection exceptions). */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);

/**
 * node-postgres reports a cut or never-made connection with these messages (no code); the server
 * refuses a database closed to connections (ALLOW_CONNECTIONS false) with the generic 55000.
 */
const DRIVER_MESSAGES = [/is not currently accepting connections/, /^Connection terminated/, /timeout exceeded when trying to connect/, /connection error and is not queryable/, /^Client was closed/];

/**
 * True when the error means "the database cannot be reached right now" rather than "this query
 * is wrong": the API answers it with a retryable DATABASE_UNAVAILABLE instead of an internal error.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((re) => re.test(message))) return true;
    // AggregateError (a host resolving to several addresses, all refused).
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}
