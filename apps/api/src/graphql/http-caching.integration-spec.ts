import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../testing/api-harness';
import { CACHE_MAX_AGE } from './cache-policy';

const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' };
const RANGE = 'from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z"';

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let open: Harness;
let replica: Harness;
let locked: Harness;

beforeAll(async () => {
  testDb = await createTestDatabase('httpcache');
  testRedis = createTestRedis('httpcache');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db);
  open = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix });
  // A second replica on the same Redis prefix: persisted queries must be shared.
  replica = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix });
  locked = await startApiHarness({ db, redisUrl: testRedis.url, prefix: `${testRedis.prefix}:locked`, env: { AUTH_MODE: 'apikey' } });
});

afterAll(async () => {
  for (const h of [open, replica, locked]) await h?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, cacheControl: res.headers.get('cache-control'), body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

async function get(url: string, params: Record<string, unknown>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const res = await fetch(`${url}/graphql?${qs}`, { headers });
  const text = await res.text();
  return { status: res.status, cacheControl: res.headers.get('cache-control'), text, body: JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

const sha256 = (q: string) => createHash('sha256').update(q).digest('hex');
const apq = (q: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(q) } });

describe('Cache-Control on GraphQL responses', () => {
  it('a public analytics query may be cached by anyone for the analytics max age', async () => {
    const r = await post(open.url, { query: `{ topGames(${RANGE}, first: 3) { totalCount } }` });
    expect(r.body.errors).toBeUndefined();
    expect(r.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.analytics}, public`);
  });

  it('systemInfo lives longer and the pipeline shorter', async () => {
    const system = await post(open.url, { query: '{ systemInfo { version dialect } }' });
    expect(system.body.errors).toBeUndefined();
    expect(system.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.system}, public`);
    const pipeline = await post(open.url, { query: '{ pipeline(limit: 5) { recentRuns { job status } freshness { lastSweepAt } } }' });
    expect(pipeline.body.errors).toBeUndefined();
    expect(pipeline.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.status}, public`);
  });

  it('a mixed query gets the smallest max age of its root fields, aliases included', async () => {
    const r = await post(open.url, {
      query: `{ systemInfo { version } games: topGames(${RANGE}) { totalCount } health: pipeline { recentRuns { job } } }`,
    });
    expect(r.body.errors).toBeUndefined();
    expect(Math.min(CACHE_MAX_AGE.system, CACHE_MAX_AGE.analytics, CACHE_MAX_AGE.status)).toBe(CACHE_MAX_AGE.status);
    expect(r.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.status}, public`);
    // An alias named like a longer-lived field does not borrow its policy.
    const tricky = await post(open.url, { query: '{ systemInfo: pipeline { recentRuns { job } } }' });
    expect(tricky.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.status}, public`);
  });

  it('mutations, admin queries, introspection and errors are never stored', async () => {
    const mutation = await post(open.url, { query: 'mutation { runJob(job: MAINTENANCE) { jobId } }' }, ADMIN);
    expect(mutation.body.errors).toBeUndefined();
    expect(mutation.cacheControl).toBe('no-store');
    const admin = await post(open.url, { query: '{ apiKeys { id } systemInfo { version } }' }, ADMIN);
    expect(admin.body.errors).toBeUndefined();
    expect(admin.cacheControl).toBe('no-store');
    const introspection = await post(open.url, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.cacheControl).toBe('no-store');
    const refused = await post(open.url, { query: '{ pipeline(limit: 5000) { recentRuns { job } } }' });
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    expect(refused.cacheControl).toBe('no-store');
  });

  it('in apikey mode (and for any identified caller) a cacheable answer is private', async () => {
    const created = await post(locked.url, { query: 'mutation { createApiKey(input: { name: "dash" }) { key } }' }, ADMIN);
    const key = (created.body.data as { createApiKey: { key: string } }).createApiKey.key;
    const r = await post(locked.url, { query: `{ topGames(${RANGE}) { totalCount } }` }, { authorization: `Bearer ${key}` });
    expect(r.body.errors).toBeUndefined();
    expect(r.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.analytics}, private`);
    const asAdminOnOpen = await post(open.url, { query: '{ systemInfo { version } }' }, ADMIN);
    expect(asAdminOnOpen.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.system}, private`);
  });
});

describe('automatic persisted queries', () => {
  it('hash only → PERSISTED_QUERY_NOT_FOUND, hash + query → result, then hash only → result (on every replica)', async () => {
    const query = `{ systemInfo { version sweepIntervalSeconds } }`;
    const miss = await post(open.url, { extensions: apq(query) });
    expect(miss.status).toBe(200);
    expect(miss.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Apollo's own header for a miss: the client must retry with the query, never reuse this.
    expect(miss.cacheControl).toBe('private, no-cache, must-revalidate');

    const register = await post(open.url, { query, extensions: apq(query) });
    expect(register.body.errors).toBeUndefined();
    const expected = register.body.data as { systemInfo: { version: string; sweepIntervalSeconds: number } };
    expect(expected.systemInfo.sweepIntervalSeconds).toBe(open.config.SWEEP_INTERVAL_SECONDS);

    const hit = await post(open.url, { extensions: apq(query) });
    expect(hit.body).toEqual({ data: expected });
    expect(hit.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.system}, public`);
    // Stored in the shared Redis, so another replica knows the hash without a registration.
    const elsewhere = await post(replica.url, { extensions: apq(query) });
    expect(elsewhere.body).toEqual({ data: expected });
    const redis = new Redis(testRedis.url);
    try {
      expect(await redis.get(`${testRedis.prefix}:gql:apq:${sha256(query)}`)).toBe(query);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses a query whose hash does not match', async () => {
    const r = await post(open.url, { query: '{ systemInfo { version } }', extensions: apq('{ systemInfo { dialect } }') });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toMatch(/provided sha does not match query/);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const after = await post(open.url, { extensions: apq('{ systemInfo { dialect } }') });
    expect(after.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('works over GET, where responses are cacheable by URL, and GET still needs the CSRF preflight header', async () => {
    const query = `{ topLanguages(${RANGE}) { totalCount } }`;
    const miss = await get(open.url, { extensions: apq(query) });
    expect(miss.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await get(open.url, { query, extensions: apq(query) });
    expect(register.body.errors).toBeUndefined();
    const hit = await get(open.url, { extensions: apq(query) });
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual(register.body);
    expect(hit.cacheControl).toBe(`max-age=${CACHE_MAX_AGE.analytics}, public`);
    // Without a header a simple cross-site GET could not send, CSRF prevention refuses it.
    const forged = await get(open.url, { extensions: apq(query) }, {});
    expect(forged.status).toBe(400);
    expect(forged.text).toMatch(/CSRF/);
  });

  it('a persisted query is held to the same limits: a refused query is never stored', async () => {
    const wide = `{ systemInfo { ${Array.from({ length: 100 }, () => 'dialect').join(' ')} } }`;
    const register = await post(open.url, { query: wide, extensions: apq(wide) });
    expect(register.status).toBe(400);
    expect(register.body.errors?.[0]?.message).toMatch(/Field limit of 64 per selection set exceeded/);
    const hashOnly = await post(open.url, { extensions: apq(wide) });
    expect(hashOnly.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // A mutation registered over POST is still refused over GET.
    const mutation = 'mutation { runJob(job: MAINTENANCE) { jobId } }';
    await post(open.url, { query: mutation, extensions: apq(mutation) }, ADMIN);
    const viaGet = await get(open.url, { extensions: apq(mutation) }, { 'apollo-require-preflight': 'true', ...ADMIN });
    expect(viaGet.status).toBe(405);
  });
});
