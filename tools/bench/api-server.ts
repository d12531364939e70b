import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRedis, type TestRedis } from '@streamscope/testing';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ApiProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real API (apps/api/src/main.ts, ROLE=api) in its own process over the bench database, so
 * the load generator and the server do not share an event loop. The rate limit is lifted: the
 * figures measure the server, not the per-caller budget. BENCH_API_NODE_ARGS adds node flags to
 * that process (e.g. `--cpu-prof --cpu-prof-dir=DIR` to see where a request's time goes).
 */
export async function startApi(databaseUrl: string, opts: { serveWeb?: boolean } = {}): Promise<ApiProcess> {
  const port = await freePort();
  const redis: TestRedis = createTestRedis('bench');
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ROLE: 'api',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      REDIS_START_PRIVATE: 'never',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      SERVE_WEB: opts.serveWeb ? 'true' : 'false',
      GRAPHQL_INTROSPECTION: 'true',
      DATA_DIR: join(ROOT, '.data', 'bench'),
    },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`API did not become ready in 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await redis.cleanup();
    },
  };
}

// One keep-alive connection, like the bench's pg pool for the hand SQL: the figures compare the
// server's work, so the client on each side should add as little as it can. (Node's fetch adds
// about 0.6 ms per request on this machine, measured against this agent on `{ __typename }`.)
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await post(`${url}/graphql`, JSON.stringify({ query, variables }));
  const body = JSON.parse(res.text) as { data?: T; errors?: Array<{ message: string }> };
  if (res.status !== 200 || body.errors?.length) throw new Error(`GraphQL ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data as T;
}
