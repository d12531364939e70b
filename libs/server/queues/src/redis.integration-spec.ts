import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis, RedisUnavailableError } from './redis';

const quiet = { info: () => undefined, warn: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'ss-redis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('connectRedis', () => {
  it('connects to the running Redis', async () => {
    const r = await connectRedis({ url: 'redis://127.0.0.1:6379', explicit: true, startPrivate: 'never', dataDir: dir }, quiet);
    expect(await r.client().ping()).toBe('PONG');
    expect(r.privateServer).toBeNull();
    await r.stop();
  });

  it('fails fast with a clear message for an explicit unreachable REDIS_URL', async () => {
    const started = Date.now();
    await expect(
      connectRedis({ url: 'redis://127.0.0.1:1', explicit: true, startPrivate: 'auto', dataDir: dir }, quiet),
    ).rejects.toThrow(/cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('starts a private redis-server when the default address is silent', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const r = await connectRedis({ url: `redis://127.0.0.1:${port}`, explicit: false, startPrivate: 'auto', dataDir: dir }, quiet);
    expect(r.privateServer).not.toBeNull();
    expect(r.evictionPolicy).toBe('noeviction');
    expect(await r.client().ping()).toBe('PONG');
    await r.stop();
    expect(r.privateServer?.exitCode !== null || r.privateServer?.signalCode !== null).toBe(true);
  });

  it('explains what to install when it may not start one', async () => {
    await expect(
      connectRedis({ url: 'redis://127.0.0.1:2', explicit: false, startPrivate: 'never', dataDir: dir }, quiet),
    ).rejects.toBeInstanceOf(RedisUnavailableError);
  });
});
