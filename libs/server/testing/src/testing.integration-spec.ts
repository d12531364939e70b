import pg from 'pg';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './postgres';
import { createTestRedis } from './redis';

describe('test infrastructure', () => {
  it('creates an empty database and drops it', async () => {
    const db = await createTestDatabase('infra');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      "select count(*)::text as n from information_schema.tables where table_schema = 'public'",
    );
    await client.end();
    expect(rows[0]?.n).toBe('0');
    await db.drop();
    const admin = new pg.Client({ connectionString: db.url.replace(db.name, 'postgres') });
    await admin.connect();
    const left = await admin.query('select 1 from pg_database where datname = $1', [db.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });

  it('deletes every key under its Redis prefix', async () => {
    const t = createTestRedis('infra');
    const r = new Redis(t.url);
    await r.set(`${t.prefix}:a`, '1');
    await r.set(`${t.prefix}:b`, '2');
    await t.cleanup();
    expect(await r.keys(`${t.prefix}*`)).toEqual([]);
    r.disconnect();
  });
});
