import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../testing/api-harness';

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let api: Harness;
let production: Harness;

beforeAll(async () => {
  testDb = await createTestDatabase('abuse');
  testRedis = createTestRedis('abuse');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db);
  api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix });
  production = await startApiHarness({ db, redisUrl: testRedis.url, prefix: `${testRedis.prefix}:prod`, env: { NODE_ENV: 'production' } });
});

afterAll(async () => {
  await api?.close();
  await production?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text };
}

describe('GraphQL abuse is refused with a 4xx and a message, never a 500', () => {
  it('refuses batched arrays of operations', async () => {
    const r = await post(api.url, Array.from({ length: 50 }, () => ({ query: '{ systemInfo { version } }' })));
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.text).toMatch(/batch/i);
  });

  it('refuses directive flooding', async () => {
    const directives = Array.from({ length: 50 }, () => '@include(if: true)').join(' ');
    const r = await post(api.url, { query: `{ systemInfo ${directives} { version } }` });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/directive/i);
  });

  it('refuses a huge `first`, written literally or passed as a variable', async () => {
    const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' };
    const literal = await post(api.url, { query: `query($from: DateTime!, $to: DateTime!) { topGames(from: $from, to: $to, first: 1000000) { totalCount } }`, variables: range });
    // A literal is seen at validation: the cost limit refuses it before it runs.
    expect(literal.status).toBe(400);
    expect(literal.text).toMatch(/Cost limit of 5000 exceeded/);
    const variable = await post(api.url, { query: `query($from: DateTime!, $to: DateTime!, $n: Int!) { topGames(from: $from, to: $to, first: $n) { totalCount } }`, variables: { ...range, n: 2_000_000_000 } });
    // A variable is only known at execution: the service refuses it, naming the argument.
    expect(variable.status).toBeLessThan(500);
    expect(variable.text).toMatch(/"first: /);
    expect(variable.text).toContain('BAD_USER_INPUT');
  });

  it('refuses ranges × buckets beyond the point cap, saying how to ask within it', async () => {
    const r = await post(api.url, { query: '{ platformSeries(from: "2016-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", bucket: FIVE_MINUTES, maxPoints: 2000) { timestamps } }' });
    expect(r.status).toBeLessThan(500);
    expect(r.text).toMatch(/bucket: .*exceed maxPoints 2000; use a coarser bucket, AUTO, or a range of at most/);
  });

  it('hides field suggestions in production and keeps them in development', async () => {
    const query = { query: '{ systemInf { version } }' };
    const dev = await post(api.url, query);
    const prod = await post(production.url, query);
    expect(dev.status).toBe(400);
    expect(prod.status).toBe(400);
    expect(dev.text).toMatch(/Did you mean/);
    expect(prod.text).not.toMatch(/Did you mean|systemInfo/);
    expect(prod.text).not.toMatch(/stacktrace/);
  });

  it('refuses a mutation sent with GET', async () => {
    const url = `${api.url}/graphql?query=${encodeURIComponent('mutation { runJob(job: MAINTENANCE) { jobId } }')}`;
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true', authorization: 'Bearer test-admin-token-0123456789' } });
    expect(res.status).toBe(405);
    expect(await api.queues.byName.maintenance.count()).toBe(0);
  });
});
