import { SweepRepository, type Database, type StreamObservation } from '@streamscope/db';
import { createTestRedis, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../../testing/api-harness';
import { openDialectDatabase, settleRollups, type DialectDatabase, type TestDialect } from '../../testing/dialect-database';

/**
 * Test-only: a deterministic three-day fixture (15-minute sweeps from 2026-11-10T00:00Z) and the
 * plain-array computations the analytics specs check the API against. Day 0 misses 05:00-06:59,
 * sweep 130 is partial; game 22 leads day 1, game 11 leads day 2, game 33 appears on day 2 only;
 * channel 5 runs two broadcasts; channel 6 streams with no category.
 */
export const START = Date.parse('2026-11-10T00:00:00Z');
export const S = 900;
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const NOW = START + 3 * DAY + 10 * 60_000;
export const GAME_NAMES: Record<string, string> = { '11': 'Alpha', '22': 'Beta', '33': 'Gamma' };

export interface Obs {
  streamId: string;
  channelId: string;
  gameId: string;
  language: string;
  viewers: number;
}
export interface FixtureSweep {
  i: number;
  ts: number;
  partial: boolean;
  streams: Obs[];
}

export const SESSION_A = { streamId: '5001', first: 30, last: 60, switchAt: 45, startedAt: START + 30 * S * 1000 - 240_000 };
export const SESSION_B = { streamId: '5002', first: 100, last: 120, startedAt: START + 100 * S * 1000 - 60_000 };

export function buildFixture(): FixtureSweep[] {
  const out: FixtureSweep[] = [];
  for (let i = 0; i < 3 * 96; i++) {
    const ts = START + i * S * 1000;
    const day = Math.floor(i / 96);
    const hour = new Date(ts).getUTCHours();
    if (day === 0 && (hour === 5 || hour === 6)) continue;
    const streams: Obs[] = [];
    const add = (streamId: string, channelId: string, gameId: string, language: string, viewers: number) =>
      streams.push({ streamId, channelId, gameId, language, viewers });
    add('101', '1', '11', 'en', 100 + (i % 7) * 10 + (day === 2 ? 400 : 0));
    add('102', '2', '22', 'de', day === 2 ? 50 : 300 + (i % 3));
    add('103', '3', '22', 'en', 70 + (i % 5) * 3);
    if (day === 2 && i % 2 === 0) add('104', '4', '33', 'es', 200 + i);
    if (i >= SESSION_A.first && i <= SESSION_A.last) add(SESSION_A.streamId, '5', i < SESSION_A.switchAt ? '11' : '22', 'fr', 20 + i);
    if (i >= SESSION_B.first && i <= SESSION_B.last) add(SESSION_B.streamId, '5', '33', 'fr', 1000 - i);
    add('106', '6', '', 'en', 15 + (i % 2));
    out.push({ i, ts, partial: i === 130, streams });
  }
  return out;
}

export const fixture = buildFixture();

export function toObservation(o: Obs): StreamObservation {
  const startedAt = o.streamId === SESSION_A.streamId ? SESSION_A.startedAt : o.streamId === SESSION_B.streamId ? SESSION_B.startedAt : START;
  return {
    streamId: o.streamId, channelId: o.channelId, channelLogin: `c${o.channelId}`, channelName: `C${o.channelId}`,
    gameId: o.gameId, gameName: GAME_NAMES[o.gameId] ?? '', language: o.language, viewers: o.viewers, title: `t${o.streamId}`,
    tags: [], startedAt: new Date(startedAt),
  };
}

export type Pred = (o: Obs) => boolean;
export const ALL: Pred = () => true;

export const sweepsIn = (a: number, b: number) => fixture.filter((s) => s.ts >= a && s.ts < b);
export const viewersOf = (s: FixtureSweep, p: Pred) => s.streams.filter(p).reduce((a, o) => a + o.viewers, 0);
export const channelsOf = (s: FixtureSweep, p: Pred) => s.streams.filter(p).length;

/** The metric definitions, straight from the rows: null when the range has no sweep. */
export function expectedMetrics(sweeps: FixtureSweep[], p: Pred) {
  if (sweeps.length === 0) return null;
  const covered = sweeps.length * S;
  const v = sweeps.map((s) => viewersOf(s, p));
  const c = sweeps.map((s) => channelsOf(s, p));
  const hoursWatched = v.reduce((a, x) => a + (x * S) / 3600, 0);
  const hoursStreamed = c.reduce((a, x) => a + (x * S) / 3600, 0);
  const averageViewers = hoursWatched / (covered / 3600);
  const averageChannels = hoursStreamed / (covered / 3600);
  return {
    hoursWatched, hoursStreamed, averageViewers, averageChannels,
    peakViewers: Math.max(...v), peakChannels: Math.max(...c),
    viewersPerChannel: averageChannels > 0 ? averageViewers / averageChannels : null,
  };
}

export interface Env {
  dialectDb: DialectDatabase;
  testRedis: TestRedis;
  db: Database;
  api: Harness;
}

/** The fixture loaded into a fresh database of the given dialect, behind the real API. */
export async function startFixtureEnv(label: string, dialect: TestDialect): Promise<Env> {
  const dialectDb = await openDialectDatabase(dialect, label, { compressAfterDays: 7, rawRetentionDays: 3650 });
  const testRedis = createTestRedis(label);
  const db = dialectDb.db;
  try {
    const repo = new SweepRepository(db);
    for (const s of fixture) {
      await repo.writeSweep({
        ts: new Date(s.ts), sampleSeconds: S, status: s.partial ? 'partial' : 'complete', pages: 1, apiCalls: 1,
        duplicatesDropped: 0, startedAt: new Date(s.ts), finishedAt: new Date(s.ts), streams: s.streams.map(toObservation),
      });
    }
    await settleRollups(db, new Date(START), new Date(START + 3 * DAY));
    const api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix, now: () => NOW, env: { SWEEP_INTERVAL_SECONDS: String(S) } });
    return { dialectDb, testRedis, db, api };
  } catch (err) {
    await stopFixtureEnv({ dialectDb, testRedis });
    throw err;
  }
}

export async function stopFixtureEnv(env: Partial<Env> | undefined): Promise<void> {
  await env?.api?.close();
  await env?.dialectDb?.close();
  await env?.testRedis?.cleanup();
}

export const iso = (ms: number) => new Date(ms).toISOString();
