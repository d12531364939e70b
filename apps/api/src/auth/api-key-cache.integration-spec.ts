import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyRepository, migrate, openDatabase, type Database } from '@streamscope/db';
import { createTestDatabase, type TestDatabase } from '@streamscope/testing';
import { API_KEY_CACHE_TTL_MS, CachedApiKeyRepository } from './api-key-cache';
import { generateApiKey } from './api-keys';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase('apikeycache');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db);
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

/**
 * Counts the statements a repository sends, so "served from the cache" is observable; while
 * `hold` is set, a SELECT's answer is kept back until it resolves (to order a race).
 */
function counting(inner: Database): { db: Database; statements: string[]; hold: Promise<void> | null; onHeld: () => void } {
  const state = { statements: [] as string[], hold: null as Promise<void> | null, onHeld: () => undefined as void, db: inner };
  const wrapped = Object.assign(Object.create(inner) as Database, {
    query: async <T>(text: string, params?: unknown[]): Promise<T[]> => {
      const verb = text.trim().split(/\s+/)[0]!.toUpperCase();
      state.statements.push(verb);
      const hold = verb === 'SELECT' ? state.hold : null;
      const rows = await inner.query<T>(text, params);
      if (hold) {
        state.onHeld();
        await hold;
      }
      return rows;
    },
  });
  state.db = wrapped;
  return state;
}

async function createKey(name: string) {
  const k = generateApiKey();
  const row = await new ApiKeyRepository(db).create({ name, prefix: k.prefix, hash: k.hash, scopes: ['read'] });
  return { ...k, id: row.id };
}

describe('CachedApiKeyRepository', () => {
  it('answers a found key from memory until the TTL, then asks Postgres again', async () => {
    const k = await createKey('cached');
    let now = 1_000_000;
    const c = counting(db);
    const keys = new CachedApiKeyRepository(c.db, API_KEY_CACHE_TTL_MS, () => now);
    expect((await keys.findActive(k.prefix, k.hash))?.id).toBe(k.id);
    expect((await keys.findActive(k.prefix, k.hash))?.id).toBe(k.id);
    expect(c.statements).toEqual(['SELECT']);
    now += API_KEY_CACHE_TTL_MS;
    expect((await keys.findActive(k.prefix, k.hash))?.id).toBe(k.id);
    expect(c.statements).toEqual(['SELECT', 'SELECT']);
  });

  it('does not cache a miss: a wrong hash is refused each time and a new key works at once', async () => {
    const k = await createKey('fresh');
    const c = counting(db);
    const keys = new CachedApiKeyRepository(c.db);
    expect(await keys.findActive(k.prefix, 'f'.repeat(64))).toBeNull();
    expect(await keys.findActive(k.prefix, 'f'.repeat(64))).toBeNull();
    expect(c.statements).toEqual(['SELECT', 'SELECT']);
    const later = await createKey('created after a miss');
    expect((await keys.findActive(later.prefix, later.hash))?.id).toBe(later.id);
  });

  it('a key revoked through this process stops working at once', async () => {
    const k = await createKey('revoked here');
    const keys = new CachedApiKeyRepository(db);
    expect(await keys.findActive(k.prefix, k.hash)).not.toBeNull();
    expect((await keys.revoke(k.id))?.revokedAt).toBeInstanceOf(Date);
    expect(await keys.findActive(k.prefix, k.hash)).toBeNull();
  });

  it('a key revoked through another replica stops working here within the TTL', async () => {
    const k = await createKey('revoked elsewhere');
    let now = 5_000_000;
    const here = new CachedApiKeyRepository(db, API_KEY_CACHE_TTL_MS, () => now);
    const elsewhere = new CachedApiKeyRepository(db);
    expect(await here.findActive(k.prefix, k.hash)).not.toBeNull();
    await elsewhere.revoke(k.id);
    now += API_KEY_CACHE_TTL_MS - 1;
    expect(await here.findActive(k.prefix, k.hash)).not.toBeNull();
    now += 1;
    expect(await here.findActive(k.prefix, k.hash)).toBeNull();
  });

  it('a lookup that read the key before a revoke committed is not cached', async () => {
    const k = await createKey('racing');
    const c = counting(db);
    const keys = new CachedApiKeyRepository(c.db);
    let release = () => undefined as void;
    c.hold = new Promise<void>((r) => (release = r));
    const read = new Promise<void>((r) => (c.onHeld = r));
    const lookup = keys.findActive(k.prefix, k.hash);
    // The SELECT has read the key as active; its answer is held back until after the revoke.
    await read;
    c.hold = null;
    await keys.revoke(k.id);
    release();
    expect((await lookup)?.id).toBe(k.id);
    expect(await keys.findActive(k.prefix, k.hash)).toBeNull();
  });

  it('writes last_used_at at most once a minute per key', async () => {
    const k = await createKey('touched');
    let now = 9_000_000;
    const c = counting(db);
    const keys = new CachedApiKeyRepository(c.db, API_KEY_CACHE_TTL_MS, () => now);
    await keys.touch(k.id);
    await keys.touch(k.id);
    now += 60_000;
    await keys.touch(k.id);
    expect(c.statements).toEqual(['UPDATE', 'UPDATE']);
    const rows = await db.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1::bigint', [k.id]);
    expect(rows[0]?.last_used_at).toBeInstanceOf(Date);
  });
});
