import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../testing/api-harness';
import { hashSecret } from './api-keys';

const ADMIN = 'test-admin-token-0123456789';
let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let open: Harness;
let locked: Harness;
let limited: Harness;

const asAdmin = { authorization: `Bearer ${ADMIN}` };
const CREATE = `mutation C($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id name prefix scopes } } }`;
type Created = { createApiKey: { key: string; apiKey: { id: string; prefix: string; scopes: string[] } } };

beforeAll(async () => {
  testDb = await createTestDatabase('apiauth');
  testRedis = createTestRedis('apiauth');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db);
  open = await startApiHarness({ db, redisUrl: testRedis.url, prefix: `${testRedis.prefix}:open` });
  locked = await startApiHarness({ db, redisUrl: testRedis.url, prefix: `${testRedis.prefix}:locked`, env: { AUTH_MODE: 'apikey' } });
  limited = await startApiHarness({ db, redisUrl: testRedis.url, prefix: `${testRedis.prefix}:limited`, env: { API_RATE_LIMIT_PER_MINUTE: '3' } });
});

afterAll(async () => {
  for (const h of [open, locked, limited]) await h?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

describe('API keys', () => {
  it('shows a created key once and stores only its hash', async () => {
    const { body } = await open.gql<Created>(CREATE, { input: { name: 'grafana', scopes: ['READ'] } }, asAdmin);
    const created = body.data!.createApiKey;
    expect(created.key).toMatch(/^ssk_[a-z0-9]{8}_/);
    expect(created.apiKey.scopes).toEqual(['READ']);
    const rows = await db.query<{ hash: string; prefix: string }>('select hash, prefix from api_keys where id = $1', [created.apiKey.id]);
    expect(rows[0]?.prefix).toBe(created.apiKey.prefix);
    expect(rows[0]?.hash).toBe(hashSecret(created.key.split('_').slice(2).join('_')));
    expect(JSON.stringify(rows)).not.toContain(created.key);
    const list = await open.gql<{ apiKeys: Array<Record<string, unknown>> }>('{ apiKeys { id prefix name } }', {}, asAdmin);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    expect(list.body.data!.apiKeys.map((k) => k.id)).toContain(created.apiKey.id);
  });

  it('in apikey mode: missing, wrong and revoked keys get the same 401; a valid key reads', async () => {
    const { body } = await locked.gql<Created>(CREATE, { input: { name: 'script', scopes: ['READ'] } }, asAdmin);
    const key = body.data!.createApiKey.key;
    const query = '{ systemInfo { version } }';
    const missing = await locked.gql(query);
    const wrong = await locked.gql(query, {}, { authorization: `Bearer ${key.slice(0, -4)}abcd` });
    const garbage = await locked.gql(query, {}, { authorization: 'Bearer nonsense' });
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(garbage.status).toBe(401);
    expect(wrong.body).toEqual(missing.body);
    expect(garbage.body).toEqual(missing.body);

    const ok = await locked.gql<{ systemInfo: { version: string } }>(query, {}, { authorization: `Bearer ${key}` });
    expect(ok.status).toBe(200);
    expect(ok.body.data?.systemInfo.version).toBeTruthy();

    await locked.gql('mutation R($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: body.data!.createApiKey.apiKey.id }, asAdmin);
    const revoked = await locked.gql(query, {}, { authorization: `Bearer ${key}` });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual(missing.body);
  });

  it('a read-only key cannot mutate; an admin key can', async () => {
    const read = (await open.gql<Created>(CREATE, { input: { name: 'ro', scopes: ['READ'] } }, asAdmin)).body.data!.createApiKey.key;
    const denied = await open.gql(CREATE, { input: { name: 'x', scopes: ['ADMIN'] } }, { authorization: `Bearer ${read}` });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await open.gql(CREATE, { input: { name: 'x', scopes: ['ADMIN'] } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = (await open.gql<Created>(CREATE, { input: { name: 'ops', scopes: ['ADMIN'] } }, asAdmin)).body.data!.createApiKey.key;
    const allowed = await open.gql<Created>(CREATE, { input: { name: 'y', scopes: ['READ'] } }, { authorization: `Bearer ${admin}` });
    expect(allowed.body.data?.createApiKey.key).toMatch(/^ssk_/);
  });

  it('refuses bad input naming the field', async () => {
    const r = await open.gql(CREATE, { input: { name: '', scopes: ['READ'] } }, asAdmin);
    expect(r.body.errors?.[0]?.message).toBe('input.name: must be 1 to 64 characters');
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const gone = await open.gql('mutation { revokeApiKey(id: "999999") { id } }', {}, asAdmin);
    expect(gone.body.errors?.[0]?.message).toBe('id: no active API key with id 999999');
  });
});

describe('runJob', () => {
  it('enqueues the named job for the worker', async () => {
    const r = await open.gql<{ runJob: { jobId: string; name: string; queue: string } }>('mutation { runJob(job: TWITCH_TOP_GAMES) { jobId name queue } }', {}, asAdmin);
    expect(r.body.data?.runJob).toMatchObject({ name: 'twitch.top-games', queue: 'twitch' });
    const job = await open.queues.byName.twitch.getJob(r.body.data!.runJob.jobId);
    expect(job?.name).toBe('twitch.top-games');
    expect(job?.data).toEqual({ trigger: 'manual' });
  });
});

describe('rate limiting', () => {
  it('reports the budget in RateLimit headers and answers 429 with Retry-After when it is spent', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${limited.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ systemInfo { version } }' }),
      });
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('ratelimit-limit')).toBe('3');
        expect(last.headers.get('ratelimit-remaining')).toBe('2');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last!.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
  });

  it('does not run a mutation over the budget, and keeps refusing the caller for the window', async () => {
    // Until the harness's Redis client is connected the limiter fails open (nothing is counted):
    // wait for an answer that carries the budget (anonymous calls spend the IP's budget, not the admin's).
    for (let i = 0; i < 50; i++) {
      const r = await fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (r.headers.get('ratelimit-limit')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The admin token has its own budget (3 per minute on this harness).
    const statuses: number[] = [];
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 5; i++) {
      const r = await limited.gql<Created>(CREATE, { input: { name: 'over-budget-probe', scopes: ['READ'] } }, asAdmin);
      statuses.push(r.status);
      codes.push((r.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(codes.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    const rows = await db.query<{ n: number }>("select count(*)::int as n from api_keys where name = 'over-budget-probe'");
    expect(rows[0]?.n).toBe(3);
  });
});
