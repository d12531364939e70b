import { resolve } from 'node:path';
import { type z } from 'zod';
import { envSchema, SECRET_KEYS, type Env } from './schema';

export type SourceMode = 'live' | 'simulated';

/** The parsed settings plus what follows from them. Secrets stay inside; see `describeConfig`. */
export interface AppConfig extends Env {
  dataDir: string;
  database: { kind: 'embedded'; dir: string } | { kind: 'server'; url: string };
  redisUrl: string;
  redisUrlExplicit: boolean;
  twitchMode: SourceMode;
  xMode: SourceMode;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const secretSet = new Set<string>(SECRET_KEYS);

/** Names the variable and what it expects; never echoes a secret's value. */
function formatIssue(issue: z.core.$ZodIssue, source: Record<string, string | undefined>): string {
  const key = String(issue.path[0] ?? '(environment)');
  const raw = source[key];
  const shown = raw === undefined ? 'unset' : secretSet.has(key) ? '<redacted>' : JSON.stringify(raw);
  return `${key}: ${issue.message} (got ${shown})`;
}

export function parseConfig(source: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => formatIssue(i, source)));
  const env = result.data;
  const dataDir = resolve(cwd, env.DATA_DIR);
  return {
    ...env,
    dataDir,
    database: env.DATABASE_URL
      ? { kind: 'server', url: env.DATABASE_URL }
      : { kind: 'embedded', dir: resolve(dataDir, 'pgdata') },
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisUrlExplicit: env.REDIS_URL !== undefined,
    twitchMode: env.TWITCH_CLIENT_ID ? 'live' : 'simulated',
    xMode: env.X_BEARER_TOKEN ? 'live' : 'simulated',
  };
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed once from process.env (the only reader of it). */
export function loadConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/**
 * Parses the configuration or ends the process with a message that names each bad variable.
 * Used by every entry point so that a bad setting never becomes a stack trace or a restart loop.
 */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(78); // EX_CONFIG: supervisors should not restart-loop on it
    }
    throw err;
  }
}

/** A copy safe to log or show: secrets replaced, URLs stripped of credentials. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'database' || key === 'redisUrl') continue;
    out[key] = secretSet.has(key) && value !== undefined ? '<redacted>' : value;
  }
  out.database = config.database.kind === 'server' ? { kind: 'server', url: redactUrl(config.database.url) } : config.database;
  out.redisUrl = redactUrl(config.redisUrl);
  return out;
}

/** host, port and path of a URL, never its user or password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = u.username ? '***' : '';
      u.password = u.password ? '***' : '';
    }
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}

/** Values that must not appear in logs, errors or responses (for redaction and tests). */
export function secretValues(config: AppConfig): string[] {
  const values: string[] = [];
  for (const key of SECRET_KEYS) {
    const v = config[key];
    if (typeof v === 'string' && v.length > 0) values.push(v);
  }
  for (const url of [config.DATABASE_URL, config.REDIS_URL]) {
    if (!url) continue;
    try {
      const p = new URL(url).password;
      if (p) values.push(decodeURIComponent(p));
    } catch {
      /* unparseable URLs were rejected by the schema */
    }
  }
  return values;
}
