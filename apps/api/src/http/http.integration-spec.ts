import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../testing/api-harness';

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let api: Harness;
const ADMIN = 'test-admin-token-0123456789';

beforeAll(async () => {
  testDb = await createTestDatabase('apihttp');
  testRedis = createTestRedis('apihttp');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix });
});

afterAll(async () => {
  await api?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

describe('health and metrics', () => {
  it('reports liveness and each readiness check', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(ready.status).toBe(200);
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.redis?.ok).toBe(true);
    expect(body.checks.migrations?.ok).toBe(true);
  });

  it('serves Prometheus metrics with the request latency of named operations', async () => {
    await api.gql('query Probe { systemInfo { version } }');
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toMatch(/streamscope_graphql_request_duration_seconds_count\{operation="Probe",status="ok"\} 1/);
    expect(text).toContain('# TYPE streamscope_job_runs gauge');
  });
});

describe('systemInfo', () => {
  it('names the dialect and the data sources', async () => {
    const { body } = await api.gql<{ systemInfo: { dialect: string; embedded: boolean; twitchSource: string; postgresVersion: string } }>(
      '{ systemInfo { dialect embedded twitchSource postgresVersion } }',
    );
    expect(body.data?.systemInfo).toMatchObject({ dialect: 'POSTGRES', embedded: false, twitchSource: 'SIMULATED' });
    expect(body.data?.systemInfo.postgresVersion).toMatch(/^1[4-9]/);
  });
});

describe('Bull Board', () => {
  it('refuses every path without the admin token, including its JSON API', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/api/queues/twitch/retry/failed']) {
      const res = await fetch(`${api.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(401);
    }
    const wrong = await fetch(`${api.url}/admin/queues/api/queues`, { headers: { authorization: 'Bearer nope-nope-nope-nope' } });
    expect(wrong.status).toBe(401);
  });

  it('answers with the token, and a browser can log in with a cookie', async () => {
    const ok = await fetch(`${api.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(ok.status).toBe(200);
    const html = await fetch(`${api.url}/admin/queues`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(html.status).toBe(303);
    expect(html.headers.get('location')).toContain('/admin/login');
    const login = await fetch(`${api.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: ADMIN, next: '/admin/queues' }),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toContain(ADMIN);
    const page = await fetch(`${api.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    const bad = await fetch(`${api.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'wrong' }),
      redirect: 'manual',
    });
    expect(bad.status).toBe(401);
  });
});

describe('query limits', () => {
  it('refuses too many aliases and too long queries with a 400 and a message', async () => {
    const aliases = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: systemInfo { version }`).join(' ')} }`;
    const r1 = await api.gql(aliases);
    expect(r1.status).toBe(400);
    expect(r1.body.errors?.[0]?.message).toMatch(/alias/i);

    const tokens = `{ systemInfo { ${Array.from({ length: 2500 }, () => 'version').join(' ')} } }`;
    const r2 = await api.gql(tokens);
    expect(r2.status).toBe(400);
    expect(r2.body.errors?.[0]?.message).toMatch(/token/i);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ systemInfo { version } }`, variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(res.status).toBe(413);
  });

  it('refuses GET mutations and cross-site simple requests (CSRF prevention)', async () => {
    const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ systemInfo { version } }')}`);
    expect(get.status).toBe(400); // no content-type / preflight header: Apollo's CSRF prevention
    const form = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7BsystemInfo%7Bversion%7D%7D',
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
  });
});

describe('GraphQL over HTTP conformance', () => {
  it('passes every MUST audit of graphql-http', async () => {
    const audits = serverAudits({ url: `${api.url}/graphql`, fetchFn: fetch });
    const failures: string[] = [];
    for (const audit of audits) {
      if (!audit.name.startsWith('MUST')) continue;
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
