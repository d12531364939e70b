import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface PrivateRedisOptions {
  /** Append-only file on (schedules survive a restart) or no persistence at all. */
  persistence: boolean;
  maxmemoryPolicy?: string;
  /** requirepass: clients must authenticate (the URL then carries it: redis://:<password>@host:port). */
  password?: string;
}

export interface PrivateRedis {
  /** With the password when one is set. */
  url: string;
  port: number;
  dir: string;
  /** SIGTERM and wait for exit (the AOF is flushed on a clean stop). */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory (no-op while it runs). */
  start(): Promise<void>;
  /** stop() and remove the data directory. */
  destroy(): Promise<void>;
}

/**
 * A redis-server of the test's own on a random loopback port, data in a temp dir: fault tests
 * stop and restart it without touching the shared Redis on 6379.
 */
export async function startPrivateRedis(opts: PrivateRedisOptions): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-private-redis-'));
  let proc: ChildProcess | null = null;
  let port = 0;
  const urlOf = (p: number) => `redis://${opts.password ? `:${encodeURIComponent(opts.password)}@` : ''}127.0.0.1:${p}`;

  const launch = async (p: number): Promise<boolean> => {
    const args = ['--bind', '127.0.0.1', '--port', String(p), '--dir', dir, '--save', '', '--appendonly', opts.persistence ? 'yes' : 'no'];
    if (opts.persistence) args.push('--appendfsync', 'always');
    if (opts.maxmemoryPolicy) args.push('--maxmemory-policy', opts.maxmemoryPolicy);
    if (opts.password) args.push('--requirepass', opts.password);
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      if (child.exitCode !== null) return false;
      const probe = new Redis(urlOf(p), { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        proc = child;
        return true;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        probe.disconnect();
      }
    }
    child.kill('SIGKILL');
    return false;
  };

  for (let attempt = 0; attempt < 5 && !proc; attempt++) {
    port = 20_000 + Math.floor(Math.random() * 40_000);
    await launch(port);
  }
  if (!proc) throw new Error('could not start a private redis-server');

  const stop = async () => {
    const p = proc as ChildProcess | null;
    proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  };
  return {
    url: urlOf(port),
    port,
    dir,
    stop,
    async start() {
      // Already running: launching again would probe the live server and lose track of it.
      const p = proc as ChildProcess | null;
      if (p && p.exitCode === null && p.signalCode === null) return;
      if (!(await launch(port))) throw new Error(`redis-server did not restart on port ${port}`);
    },
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
