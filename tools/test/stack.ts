import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createTestDatabase, createTestRedis } from '@streamscope/testing';

const root = resolve(import.meta.dirname, '../..');

export interface Stack {
  baseUrl: string;
  adminToken: string;
  logFile: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Ended, by its own exit or by a signal (then exitCode stays null). */
const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

async function waitFor<T>(what: string, fn: () => Promise<T | null>, timeoutMs: number, child: ChildProcess): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`server exited with ${child.exitCode ?? child.signalCode} while waiting for ${what}`);
    try {
      const v = await fn();
      if (v !== null) return v;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last})` : ''}`);
}

/**
 * Boots the real product (API + worker + simulator) as `npm start` would, but on a fresh
 * Postgres database, a unique Redis prefix and a temporary data dir, and waits until the
 * backfilled history is stored. Everything is removed by `stop()`.
 */
export async function startStack(opts: { backfillDays?: number; channels?: number } = {}): Promise<Stack> {
  const db = await createTestDatabase('e2e');
  const redis = createTestRedis('e2e');
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-e2e-'));
  const port = await freePort();
  const adminToken = 'e2e-admin-token-0123456789';
  const logFile = join(root, 'test-artifacts', 'e2e-server.log');
  // A fresh checkout has no test-artifacts/ yet; the log stream would fail on it and crash the run.
  mkdirSync(dirname(logFile), { recursive: true });
  const backfillDays = opts.backfillDays ?? 2;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      SIMULATOR_CHANNELS: String(opts.channels ?? 400),
      BACKFILL_DAYS: String(backfillDays),
      ADMIN_TOKEN: adminToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server must not outlive this process: a runner that exits or crashes before stop()
  // (failed setup, uncaught error, process.exit) kills it here, synchronously, as 'exit' requires.
  const killOnExit = () => {
    if (!exited(child)) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  // Without a listener a failed spawn would be an uncaught 'error' event; waitFor reports the dead server.
  child.once('error', () => undefined);
  const log = createWriteStream(logFile);
  log.on('error', (err) => process.stderr.write(`e2e server log ${logFile}: ${err.message}\n`));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (!exited(child)) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 20_000))]);
      if (!exited(child)) child.kill('SIGKILL');
    }
    process.off('exit', killOnExit);
    await db.drop().catch(() => undefined);
    await redis.cleanup().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitFor('readiness', async () => ((await fetch(`${baseUrl}/readyz`)).ok ? true : null), 90_000, child);
    const expected = backfillDays * 24;
    await waitFor(
      `${expected} backfilled sweeps`,
      async () => {
        const r = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ systemInfo { sweepCount } }' }),
        });
        const body = (await r.json()) as { data?: { systemInfo?: { sweepCount: number } } };
        return (body.data?.systemInfo?.sweepCount ?? 0) >= expected ? true : null;
      },
      240_000,
      child,
    );
    // The X pages need tracked queries with counts: auto-tracking runs once the top games are
    // known (about a minute after start), then fetches their counts at once.
    await waitFor(
      'auto-tracked X queries with counts',
      async () => {
        const to = new Date().toISOString();
        const from = new Date(Date.now() - 24 * 3_600_000).toISOString();
        const r = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'query($from: DateTime!, $to: DateTime!) { xVolume(from: $from, to: $to, bucket: HOUR) { series { total } } }',
            variables: { from, to },
          }),
        });
        const body = (await r.json()) as { data?: { xVolume?: { series: Array<{ total: number }> } } };
        const series = body.data?.xVolume?.series ?? [];
        return series.length > 0 && series.every((s) => s.total > 0) ? true : null;
      },
      240_000,
      child,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, adminToken, logFile, stop };
}
