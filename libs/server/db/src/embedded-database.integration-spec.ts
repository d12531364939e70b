import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database/open-database';
import type { Database } from './database/types';
import { migrate } from './migrate';
import { AnalyticsRepository } from './repositories/analytics.repository';
import { MaintenanceRepository } from './repositories/maintenance.repository';
import { SweepRepository } from './repositories/sweep.repository';
import { checkAtomicAndOnce, checkBroadcastFolding, checkSweepMemory, counts, COUNT_ALL_SQL, failingAfter, sampleSweep } from './testing/storage-contract';

// One WASM engine for the whole file: starting one takes seconds.
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ kind: 'embedded', dir: 'memory://' });
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('embedded database (PGlite + TimescaleDB)', () => {
  it('runs TimescaleDB', async () => {
    expect(db.kind).toBe('embedded');
    expect(db.dialect).toBe('timescaledb');
    const info = await db.info();
    expect(info.timescaleVersion).toMatch(/^2\./);
    expect(info.postgresVersion).toMatch(/^17/);
  });

  it('migrates once; a second run applies nothing', async () => {
    expect((await migrate(db)).applied).toEqual(['InitialSchema1732190000000', 'Rollups1732190000001', 'XPipeline1732190000010', 'TrackedGamesSchedules1732190000020', 'HotSweepUpdates1732190000030', 'SweepFolding1732190000040']);
    expect((await migrate(db)).applied).toEqual([]);
    const caggs = await db.query<{ view_name: string; materialized_only: boolean }>(
      `SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates ORDER BY view_name`,
    );
    expect(caggs).toHaveLength(9);
    expect(caggs.every((c) => c.materialized_only === false)).toBe(true);
    const policies = await db.query<{ proc_name: string }>(
      `SELECT proc_name FROM timescaledb_information.jobs WHERE hypertable_name = 'twitch_stream_snapshots' ORDER BY proc_name`,
    );
    expect(policies.map((p) => p.proc_name)).toEqual(['policy_compression', 'policy_retention']);
  });

  it('writes a sweep all-or-nothing and never twice', async () => {
    await checkAtomicAndOnce(db, new Date('2024-05-01T10:00:00Z'));
  });

  it('shows the newest sweep in the rollups without a refresh (real-time aggregation)', async () => {
    const r = await new AnalyticsRepository(db).platformSeries({
      from: new Date('2024-05-01T00:00:00Z'),
      to: new Date('2024-05-02T00:00:00Z'),
      bucket: '1d',
      timeZone: 'UTC',
    });
    expect(r.level).toBe('daily');
    expect(r.coverage).toEqual([{ bucketStart: new Date('2024-05-01T00:00:00Z'), coveredSeconds: 300, sweeps: 1, partialSweeps: 0 }]);
    expect(r.rows[0]?.viewerSeconds).toBe((100 + 200 + 300) * 300);
  });

  it('a late sweep behind the materialized watermark still shows (refreshed on write)', async () => {
    const m = new MaintenanceRepository(db);
    await m.refreshRollups(new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'));
    await new SweepRepository(db).writeSweep(sampleSweep(new Date('2024-05-01T09:00:00Z')));
    const q = { from: new Date('2024-05-01T00:00:00Z'), to: new Date('2024-05-02T00:00:00Z'), timeZone: 'UTC' };
    const daily = await new AnalyticsRepository(db).platformSeries({ ...q, bucket: '1d' });
    expect(daily.coverage[0]?.sweeps).toBe(2);
    const hourly = await new AnalyticsRepository(db).platformSeries({ ...q, bucket: '1h' });
    expect(hourly.level).toBe('hourly');
    expect(hourly.coverage.map((c) => [c.bucketStart.toISOString(), c.sweeps])).toEqual([
      ['2024-05-01T09:00:00.000Z', 1],
      ['2024-05-01T10:00:00.000Z', 1],
    ]);
  });

  it('reads wait for a running transaction instead of seeing half of it', async () => {
    const slow = new SweepRepository(failingAfter(db, /INSERT INTO twitch_stream_snapshots/, 400));
    const writing = slow.writeSweep(sampleSweep(new Date('2024-05-01T10:05:00Z'))).catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 100));
    // Started while the transaction holds rows it will roll back; must see none of them.
    const during = await db.query<Record<string, number>>(COUNT_ALL_SQL);
    expect(await writing).toBe('injected failure');
    expect(during[0]).toEqual(await counts(db));

    const good = new SweepRepository(db).writeSweep(sampleSweep(new Date('2024-05-01T10:10:00Z')));
    const read = await db.query<{ sweeps: number; totals: number; snapshots: number }>(COUNT_ALL_SQL);
    await good;
    // Either before or after the whole sweep, never in between.
    expect(read[0]!.totals).toBe(read[0]!.sweeps);
    expect(read[0]!.snapshots).toBe(read[0]!.sweeps * 3);
  });

  it('compresses and drops old chunks on demand (policies never fire in-process)', async () => {
    const m = new MaintenanceRepository(db);
    const now = new Date('2024-05-20T00:00:00Z');
    const compressed = await m.compress(7, now);
    expect(compressed.compressedChunks).toBe(1);
    expect((await m.compress(7, now)).compressedChunks).toBe(0);
    expect((await counts(db)).snapshots).toBe(9);
    expect(await m.ensurePartitions(3)).toEqual({ created: [] });
    const channelRows = () => db.query('SELECT * FROM twitch_channels_hourly ORDER BY bucket, channel_id');
    const before = await channelRows();
    expect(before.length).toBeGreaterThan(0);
    const dropped = await m.applyRetention(10, now);
    expect(dropped.droppedChunks).toBe(1);
    expect((await counts(db)).snapshots).toBe(0);
    // The per-channel rollup outlives the raw rows, even through a refresh of that range.
    await m.refreshRollups(new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'));
    expect(await channelRows()).toEqual(before);
  });

  it('writes a broadcast row only when it starts or changes; the fold settles last seen and peak', async () => {
    await checkBroadcastFolding(db, new Date('2024-05-25T10:00:00Z'));
  });

  it('stores the same with and without the memory of the last sweep, also after another writer', async () => {
    await checkSweepMemory(db, new Date('2024-05-26T10:00:00Z'));
  });
});

describe('embedded data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ss-db-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a directory locked by another live process', async () => {
    const data = join(dir, 'locked');
    writeFileSync(`${data}.lock`, String(process.ppid));
    await expect(openDatabase({ kind: 'embedded', dir: data })).rejects.toThrow(`in use by process ${process.ppid}`);
    rmSync(`${data}.lock`);
  });

  it('keeps data across a restart and locks the directory while open', async () => {
    const data = join(dir, 'pgdata');
    // A lock left by a process that is gone is taken over.
    writeFileSync(`${data}.lock`, '2147483646');
    const first = await openDatabase({ kind: 'embedded', dir: data });
    try {
      await migrate(first);
      await new SweepRepository(first).writeSweep(sampleSweep(new Date('2024-06-01T00:00:00Z')));
      await expect(openDatabase({ kind: 'embedded', dir: data })).rejects.toThrow(/already open|in use/);
    } finally {
      await first.close();
    }
    const second = await openDatabase({ kind: 'embedded', dir: data });
    try {
      expect((await migrate(second)).applied).toEqual([]);
      expect(await new SweepRepository(second).countSweeps()).toBe(1);
    } finally {
      await second.close();
    }
  }, 60_000);
});
