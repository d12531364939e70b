import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Field names whose values are replaced wherever they appear in a log object. */
const REDACT_PATHS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'client_secret',
  'authorization',
  'Authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.client_secret',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'config.DATABASE_URL',
  'config.REDIS_URL',
  'config.TWITCH_CLIENT_SECRET',
  'config.X_BEARER_TOKEN',
  'config.ADMIN_TOKEN',
];

/** Replaces each known secret value inside any string of a value (messages, error texts, URLs). */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join('<redacted>');
      return out;
    }
    if (v instanceof Error) {
      const copy: Record<string, unknown> = { type: v.name, message: walk(v.message), stack: walk(v.stack) };
      for (const [k, val] of Object.entries(v)) copy[k] = walk(val);
      return copy;
    }
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
      if (Array.isArray(v)) return v.map(walk);
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v)) out[k] = walk(val);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

export interface LoggerSettings {
  level: string;
  name?: string;
  /** Values (tokens, passwords) to scrub from every line even where they hide inside a message. */
  secrets?: readonly string[];
  destination?: pino.DestinationStream;
}

export function createLogger(settings: LoggerSettings): Logger {
  const secrets = (settings.secrets ?? []).filter((s) => s.length >= 4);
  const options: LoggerOptions = {
    level: settings.level,
    name: settings.name,
    redact: { paths: REDACT_PATHS, censor: '<redacted>' },
    formatters: {
      log: (obj) => scrubSecrets(obj, secrets),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, scrubSecrets(args, secrets) as Parameters<typeof method>);
      },
    },
    serializers: { err: (e: unknown) => scrubSecrets(pino.stdSerializers.err(e as Error), secrets) },
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
