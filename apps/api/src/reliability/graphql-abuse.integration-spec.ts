import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { QUERY_LIMITS } from '../graphql/armor';
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

describe('depth and field limits', () => {
  const nest = (levels: number, leaf: string, wrap: (inner: string) => string) => {
    let q = leaf;
    for (let i = 0; i < levels; i++) q = wrap(q);
    return q;
  };

  it('admits the standard introspection query, as GraphiQL and codegen send it', async () => {
    for (const query of [
      getIntrospectionQuery(),
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
    ]) {
      const r = await post(api.url, { query });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text).data.__schema.queryType.name).toBe('Query');
    }
  });

  it('holds introspection to the depth limit: a deep ofType chain is refused with a 400', async () => {
    // 4 levels to `type`, then 20 nested ofType: depth 25, beyond the limit.
    const query = `{ __schema { types { fields { type ${nest(20, '{ name }', (inner) => `{ ofType ${inner} }`)} } } } }`;
    const r = await post(api.url, { query });
    expect(r.status).toBe(400);
    expect(r.text).toContain(`Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded, found 25.`);
  });

  it('refuses the introspection fan-out cycle fields { type { fields { type … } } }', async () => {
    const query = `{ __schema { types ${nest(12, '{ name }', (inner) => `{ fields { type ${inner} } }`)} } }`;
    const r = await post(api.url, { query });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/Query depth limit of \d+ exceeded|Maximum introspection depth exceeded/);
  });

  it('no application query can reach the depth limit: the schema is shallower (so introspection is what the limit guards)', async () => {
    const { buildApiSchema } = await import('../graphql/schema');
    const schema = await buildApiSchema();
    const depth = (t: GraphQLObjectType, seen: Set<string>): number => {
      if (seen.has(t.name)) return Infinity; // a cycle would make deep application queries possible
      let max = 1;
      for (const f of Object.values(t.getFields())) {
        const n = getNamedType(f.type);
        if (isObjectType(n)) max = Math.max(max, 1 + depth(n, new Set([...seen, t.name])));
      }
      return max;
    };
    // Root fields are level 1 of a query, so the Query type's own level does not count.
    expect(depth(schema.getQueryType()!, new Set()) - 1).toBeLessThan(QUERY_LIMITS.maxDepth);
  });

  it(`refuses more than ${QUERY_LIMITS.maxFieldsPerSelectionSet} fields in one selection set, even repeated ones GraphQL would merge`, async () => {
    const repeated = await post(api.url, { query: `{ systemInfo { ${Array.from({ length: 500 }, () => 'dialect').join(' ')} } }` });
    expect(repeated.status).toBe(400);
    expect(repeated.text).toContain(`Field limit of ${QUERY_LIMITS.maxFieldsPerSelectionSet} per selection set exceeded, found 500.`);
    // Spreading a fragment into the set counts its fields there too.
    const viaFragments = await post(api.url, {
      query: `{ systemInfo { ${Array.from({ length: 8 }, () => '...F').join(' ')} } } fragment F on SystemInfo { ${Array.from({ length: 10 }, () => 'version').join(' ')} }`,
    });
    expect(viaFragments.status).toBe(400);
    expect(viaFragments.text).toContain('per selection set exceeded, found 80.');
  });

  it(`refuses more than ${QUERY_LIMITS.maxFieldsPerOperation} fields in one operation, fragments counted where spread`, async () => {
    const spreads = Array.from({ length: 6 }, () => '...F').join(' ');
    const aliases = Array.from({ length: 10 }, (_, i) => `s${i}: systemInfo { ${spreads} }`).join(' ');
    const query = `{ ${aliases} } fragment F on SystemInfo { ${Array.from({ length: 10 }, () => 'version').join(' ')} }`;
    const r = await post(api.url, { query });
    expect(r.status).toBe(400);
    // 10 aliases × (1 + 6 spreads × 10 fields) = 610.
    expect(r.text).toContain(`Field limit of ${QUERY_LIMITS.maxFieldsPerOperation} per operation exceeded, found 610.`);
    expect(r.text).not.toContain('per selection set');
  });

  it('admits a wide but real query: every systemInfo field under several aliases', async () => {
    const fields = 'version dialect embedded postgresVersion timescaleVersion sweepCount sweepIntervalSeconds lastSweepAt twitchSource xSource';
    const query = `{ ${Array.from({ length: 5 }, (_, i) => `s${i}: systemInfo { ${fields} }`).join(' ')} }`;
    const r = await post(api.url, { query });
    expect(r.status).toBe(200);
    expect(Object.keys(JSON.parse(r.text).data)).toHaveLength(5);
  });
});

describe('limits over WebSocket', () => {
  /** One operation over graphql-ws: its result, or the errors it was refused with. */
  async function overWs(query: string): Promise<{ data?: unknown; errors?: unknown }> {
    const c = createClient({ url: `${api.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      return await new Promise((resolve) => {
        let result: { data?: unknown; errors?: unknown } = {};
        c.subscribe({ query }, { next: (v) => (result = v), error: (errors) => resolve({ errors }), complete: () => resolve(result) });
      });
    } finally {
      await c.dispose();
    }
  }

  it('graphql-ws runs queries too, so the same field and depth limits apply there', async () => {
    const ok = await overWs('{ systemInfo { version } }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toMatchObject({ systemInfo: { version: expect.any(String) } });
    const wide = await overWs(`{ systemInfo { ${Array.from({ length: 500 }, () => 'dialect').join(' ')} } }`);
    expect(JSON.stringify(wide.errors)).toContain(`Field limit of ${QUERY_LIMITS.maxFieldsPerSelectionSet} per selection set exceeded, found 500.`);
    const deep = await overWs(`{ __schema { types { fields { type ${'{ ofType '.repeat(20)}{ name }${' }'.repeat(20)} } } } }`);
    expect(JSON.stringify(deep.errors)).toContain(`Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded`);
  });
});
