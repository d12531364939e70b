import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisTarget {
  url: string;
  /** false when REDIS_URL was not set (the default address may be replaced by a private server). */
  explicit: boolean;
  startPrivate: 'auto' | 'never';
  dataDir: string;
}

export interface RedisHandle {
  url: string;
  /** The private redis-server we started, if any (stopped by `stop`). */
  privateServer: ChildProcess | null;
  /** For BullMQ workers and queues: blocking commands need maxRetriesPerRequest null. */
  bullConnection(): Redis;
  /** For ordinary commands (health, pub/sub, rate limits). */
  client(): Redis;
  evictionPolicy: string | null;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return '<unparseable REDIS_URL>';
  }
}

/** One PING with no retries: a wrong address fails in seconds instead of looping. */
export async function probeRedis(url: string, timeoutMs = 3_000): Promise<string | null> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The first error says why (e.g. WRONGPASS); connect() itself then only rejects with "Connection is closed".
  let cause: string | null = null;
  probe.on('error', (err: Error) => {
    cause ??= err.message;
  });
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (err) {
    return cause ?? (err instanceof Error ? err.message : String(err));
  } finally {
    probe.disconnect();
  }
}

function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function startPrivateServer(dataDir: string, port: number): Promise<ChildProcess> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    if ((await probeRedis(url, 500)) === null) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new RedisUnavailableError(`started redis-server under ${dir}, but it did not answer on 127.0.0.1:${port}`);
}

/**
 * Connects to Redis or explains what to do. With REDIS_URL unset and nothing on the default
 * address, starts a private redis-server (data under DATA_DIR/redis) when one is installed.
 */
export async function connectRedis(target: RedisTarget, log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void }): Promise<RedisHandle> {
  let url = target.url;
  let privateServer: ChildProcess | null = null;
  const failure = await probeRedis(url);
  if (failure) {
    if (target.explicit) {
      throw new RedisUnavailableError(
        `cannot reach Redis at ${describeTarget(url)} (REDIS_URL): ${failure.replace(/\.+$/, '')}. Check REDIS_URL or start that server.`,
      );
    }
    if (target.startPrivate === 'never' || !redisServerOnPath()) {
      throw new RedisUnavailableError(
        `nothing answers at ${describeTarget(url)} and no private Redis could be started (${target.startPrivate === 'never' ? 'REDIS_START_PRIVATE=never' : 'redis-server is not on PATH'}). Install Redis 7 (e.g. apt-get install redis-server) or set REDIS_URL.`,
      );
    }
    const port = Number(new URL(url).port || 6379);
    privateServer = await startPrivateServer(target.dataDir, port);
    url = `redis://127.0.0.1:${port}`;
    log.info({ dir: join(target.dataDir, 'redis'), port }, 'started a private redis-server (nothing answered on the default address)');
  }

  const clients: Redis[] = [];
  const make = (opts: RedisOptions) => {
    const c = new Redis(url, { connectTimeout: 5_000, ...opts });
    c.on('error', (err) => log.warn({ error: err.message }, 'redis connection error (retrying)'));
    clients.push(c);
    return c;
  };
  const admin = make({ maxRetriesPerRequest: 1 });
  let evictionPolicy: string | null = null;
  try {
    const res = (await admin.config('GET', 'maxmemory-policy')) as string[];
    evictionPolicy = res[1] ?? null;
  } catch {
    evictionPolicy = null; // CONFIG may be disabled on managed Redis
  }
  if (evictionPolicy && evictionPolicy !== 'noeviction') {
    log.warn(
      { evictionPolicy },
      `REDIS maxmemory-policy is "${evictionPolicy}": Redis may evict queue keys and lose jobs or schedules. Set maxmemory-policy noeviction.`,
    );
  }

  return {
    url,
    privateServer,
    evictionPolicy,
    bullConnection: () => make({ maxRetriesPerRequest: null }),
    client: () => make({ maxRetriesPerRequest: 3 }),
    async stop() {
      for (const c of clients) c.disconnect();
      if (privateServer && privateServer.exitCode === null) {
        const exited = new Promise((r) => privateServer?.once('exit', r));
        privateServer.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      }
    },
  };
}
