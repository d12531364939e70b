import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, parseConfig, secretValues } from './config';
import { envSchema } from './schema';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, '/srv');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('gives the embedded, simulated defaults with nothing set', () => {
    const c = parseConfig({}, '/srv');
    expect(c.PORT).toBe(4000);
    expect(c.database).toEqual({ kind: 'embedded', dir: '/srv/.data/pgdata' });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.redisUrlExplicit).toBe(false);
    expect(c.twitchMode).toBe('simulated');
    expect(c.xMode).toBe('simulated');
    expect(c.SWEEP_INTERVAL_SECONDS).toBe(300);
  });

  it('uses a database server when DATABASE_URL is set', () => {
    const c = parseConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x' }, '/srv');
    expect(c.database).toEqual({ kind: 'server', url: 'postgres://u:p@db:5432/x' });
  });

  it('names the variable and what it expects', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual(['PORT: expected a whole number (got "eighty")']);
    expect(problemsOf({ SWEEP_INTERVAL_SECONDS: '5' })[0]).toMatch(/^SWEEP_INTERVAL_SECONDS: expected a whole number >= 60/);
    expect(problemsOf({ REDIS_URL: 'http://x' })[0]).toMatch(/^REDIS_URL: expected a redis:\/\//);
  });

  it('never echoes a secret value in an error', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2hunter2@h/db', ADMIN_TOKEN: 'short-secret' });
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(problems).toContain('ADMIN_TOKEN: expected at least 16 characters (got <redacted>)');
  });

  it('requires both Twitch credentials or neither', () => {
    expect(problemsOf({ TWITCH_CLIENT_ID: 'abc' })[0]).toMatch(/^TWITCH_CLIENT_SECRET: set both/);
    const live = parseConfig({ TWITCH_CLIENT_ID: 'abc', TWITCH_CLIENT_SECRET: 'def' });
    expect(live.twitchMode).toBe('live');
  });

  it('refuses a split api/worker role on the embedded database', () => {
    expect(problemsOf({ ROLE: 'worker' })[0]).toMatch(/^ROLE: ROLE=api or ROLE=worker needs DATABASE_URL/);
  });

  it('treats blank optional values as unset', () => {
    expect(parseConfig({ DATABASE_URL: '  ', X_BEARER_TOKEN: '' }).database.kind).toBe('embedded');
  });
});

describe('describeConfig and secretValues', () => {
  const c = parseConfig({
    DATABASE_URL: 'postgres://app:s3cr3t-db@db:5432/x',
    TWITCH_CLIENT_ID: 'cid',
    TWITCH_CLIENT_SECRET: 'tw-secret-value',
    ADMIN_TOKEN: 'admin-token-0123456789',
  });

  it('redacts every secret and URL credential', () => {
    const text = JSON.stringify(describeConfig(c));
    for (const secret of ['s3cr3t-db', 'tw-secret-value', 'admin-token-0123456789']) expect(text).not.toContain(secret);
    expect(text).toContain('postgres://***:***@db:5432/x');
    expect(text).toContain('"TWITCH_CLIENT_ID":"cid"');
  });

  it('lists the secret values for redaction', () => {
    expect(secretValues(c)).toEqual(
      expect.arrayContaining(['tw-secret-value', 'admin-token-0123456789', 's3cr3t-db']),
    );
  });
});

describe('.env.example', () => {
  it('documents every variable the schema reads, and no others', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../../../.env.example'), 'utf8');
    const documented = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });
});
