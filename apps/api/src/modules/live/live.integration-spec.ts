import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { eventsChannel } from '@streamscope/queues';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../../testing/api-harness';

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let api: Harness;
let locked: Harness;
let publisher: Redis;

beforeAll(async () => {
  testDb = await createTestDatabase('apilive');
  testRedis = createTestRedis('apilive');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db);
  api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix });
  locked = await startApiHarness({ db, redisUrl: testRedis.url, prefix: `${testRedis.prefix}:locked`, env: { AUTH_MODE: 'apikey' } });
  publisher = new Redis(testRedis.url);
});

afterAll(async () => {
  publisher?.disconnect();
  await api?.close();
  await locked?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

function client(url: string, params: Record<string, string> = {}): Client {
  return createClient({ url: url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, lazy: true });
}

describe('pipelineEvents subscription', () => {
  it('relays what the worker publishes on Redis, to every subscriber', async () => {
    const a = client(api.url);
    const b = client(api.url);
    const received: unknown[][] = [[], []];
    const done = [a, b].map(
      (c, i) =>
        new Promise<void>((resolve, reject) => {
          c.subscribe(
            { query: 'subscription { pipelineEvents { type ts streams job status } }' },
            {
              next: (v) => {
                received[i]!.push(v.data?.pipelineEvents);
                if (received[i]!.length === 2) resolve();
              },
              error: reject,
              complete: () => undefined,
            },
          );
        }),
    );
    // Give both subscriptions a moment to register before publishing.
    await new Promise((r) => setTimeout(r, 300));
    await publisher.publish(eventsChannel(testRedis.prefix), JSON.stringify({ type: 'sweep.completed', ts: '2026-11-21T14:00:00.000Z', streams: 1794, status: 'complete' }));
    await publisher.publish(eventsChannel(testRedis.prefix), JSON.stringify({ type: 'run.finished', job: 'twitch.top-games', status: 'succeeded' }));
    await Promise.all(done);
    for (const r of received) {
      expect(r).toEqual([
        { type: 'sweep.completed', ts: '2026-11-21T14:00:00.000Z', streams: 1794, job: null, status: 'complete' },
        { type: 'run.finished', ts: null, streams: null, job: 'twitch.top-games', status: 'succeeded' },
      ]);
    }
    await a.dispose();
    await b.dispose();
  });

  it('refuses a connection without a key in apikey mode', async () => {
    const c = client(locked.url);
    const outcome = await new Promise<string>((resolve) => {
      c.subscribe({ query: 'subscription { pipelineEvents { type } }' }, { next: () => resolve('data'), error: (e) => resolve(`error:${(e as { code?: number }).code ?? 'x'}`), complete: () => resolve('complete') });
    });
    expect(outcome).toBe('error:4403');
    await c.dispose();
  });
});
