import { request } from 'node:http';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '@streamscope/db';
import { eventsChannel } from '@streamscope/queues';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiChild, type ApiChild } from '../testing/api-child';

/**
 * Issue #8 case 2b: SIGTERM to the API process itself (src/main.ts, ROLE=api) while a slow
 * GraphQL request is in flight and a graphql-ws subscription is open.
 */
const DELAY_SECONDS = 4;

type Answer = { status: number; body: { data?: { systemInfo: { sweepCount: number } }; errors?: unknown[] } };

let testDb: TestDatabase;
let testRedis: TestRedis;
let api: ApiChild;

beforeAll(async () => {
  testDb = await createTestDatabase('relapiterm');
  testRedis = createTestRedis('relapiterm');
  const db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 2 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  await db.close();
  api = await startApiChild({
    DATABASE_URL: testDb.url,
    DATABASE_POOL_SIZE: '3',
    REDIS_URL: testRedis.url,
    REDIS_PREFIX: testRedis.prefix,
    ADMIN_TOKEN: 'sigterm-admin-token-0123456789',
    SHUTDOWN_DELAY_SECONDS: String(DELAY_SECONDS),
  });
}, 120_000);

afterAll(async () => {
  await api?.cleanup();
  await testDb?.drop();
  await testRedis?.cleanup();
});

/** One request on a new connection (no keep-alive reuse): its status, or 'refused' (refused or reset unanswered). */
function probe(url: string): Promise<number | 'refused'> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    // A connection accepted in the instant the listener closes is reset without an answer: refused too.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' ? resolve('refused') : reject(err)));
    req.end();
  });
}

describe('API process SIGTERM', () => {
  it('goes not-ready first, then refuses new connections, closes subscriptions, finishes in-flight requests and exits 0', async () => {
    // An open subscription, proven live by receiving one event.
    const ws = createClient({ url: `${api.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const closed = new Promise<number>((resolve) => ws.on('closed', (e) => resolve((e as { code: number }).code)));
    let events = 0;
    const subscription = new Promise<string>((resolve) => {
      ws.subscribe(
        { query: 'subscription { pipelineEvents { type status } }' },
        { next: () => void (events += 1), error: (e) => resolve(`error ${JSON.stringify(e)}`), complete: () => resolve('complete') },
      );
    });
    const publisher = new Redis(testRedis.url);
    try {
      for (let i = 0; events === 0; i++) {
        if (i > 200) throw new Error('the subscription never received an event');
        await publisher.publish(eventsChannel(testRedis.prefix), JSON.stringify({ type: 'run.finished', job: 'twitch.top-games', status: 'succeeded' }));
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      publisher.disconnect();
    }

    // A slow request: its query waits on a lock this test holds.
    const locker = new pg.Client({ connectionString: testDb.url });
    locker.on('error', () => undefined); // dropping the database after a failure cuts it
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE twitch_sweeps IN ACCESS EXCLUSIVE MODE');
    const inFlight = fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ systemInfo { sweepCount } }' }),
    }).then(
      async (res): Promise<Answer> => ({ status: res.status, body: (await res.json()) as Answer['body'] }),
      (err: unknown): Answer => ({ status: 0, body: { errors: [String(err)] } }),
    );
    for (let i = 0; ; i++) {
      const { rows } = await locker.query<{ n: number }>(
        // pg_locks is live even inside this transaction (pg_stat_activity would be a snapshot).
        "select count(*)::int as n from pg_locks where relation = 'twitch_sweeps'::regclass and not granted",
      );
      if ((rows[0]?.n ?? 0) > 0) break;
      if (i > 400) throw new Error(`the GraphQL request never reached the database; API log:\n${api.lines.slice(-10).join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await probe(`${api.url}/readyz`)).toBe(200);

    api.proc.kill('SIGTERM');
    // Every probe on a fresh connection until the listener is gone: 200 (signal not handled yet),
    // then 503 while still serving, then refused. Never ready again after a 503.
    const seen: Array<number | 'refused'> = [];
    for (let i = 0; seen.at(-1) !== 'refused'; i++) {
      if (i > 2_000) throw new Error(`the API never stopped accepting connections: ${JSON.stringify(seen.slice(-5))}`);
      seen.push(await probe(`${api.url}/readyz`));
      await new Promise((r) => setTimeout(r, 20));
    }
    const states = seen.filter((s, i) => i === 0 || seen[i - 1] !== s);
    expect(states.filter((s) => s !== 200), api.lines.slice(-8).join('\n')).toEqual([503, 'refused']);
    expect(await probe(`${api.url}/graphql`)).toBe('refused');

    // The subscription is ended by the server (1001 going away); the process waits for the request.
    expect(await closed).toBe(1001);
    await subscription;
    expect(api.proc.exitCode).toBeNull();

    await locker.query('ROLLBACK');
    await locker.end();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.systemInfo.sweepCount).toBe(0);

    // Exit 0: the steps finished inside the grace period (overrunning it exits 1).
    expect(await api.exited).toEqual({ code: 0, signal: null });
    const at = (text: string) => api.lines.findIndex((l) => l.includes(text));
    expect(at('readiness: not ready')).toBeGreaterThan(-1);
    expect(at('readiness: not ready')).toBeLessThan(at('http server closed'));
  }, 90_000);
});
