import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SweepRepository, type StreamObservation } from '@streamscope/db';
import { createTestRedis, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../../testing/api-harness';
import { DIALECTS, openDialectDatabase, settleRollups, type DialectDatabase } from '../../testing/dialect-database';

/**
 * A deterministic fixture: 2 days of 5-minute sweeps from 2026-11-10T00:00Z with hours 05:00-06:59
 * of day 1 missing, one partial sweep, three games, and game 33 absent from every odd sweep.
 */
const START = Date.parse('2026-11-10T00:00:00Z');
const S = 300;
interface FixtureSweep { ts: number; partial: boolean; streams: StreamObservation[] }

function buildFixture(): FixtureSweep[] {
  const sweeps: FixtureSweep[] = [];
  for (let i = 0; i < 2 * 288; i++) {
    const ts = START + i * S * 1000;
    const hour = new Date(ts).getUTCHours();
    if (i < 288 && (hour === 5 || hour === 6)) continue; // a gap: no sweeps at all
    const streams: StreamObservation[] = [];
    const add = (id: number, channel: number, game: string, viewers: number, language: string) =>
      streams.push({
        streamId: String(1_000_000 + id), channelId: String(channel), channelLogin: `c${channel}`, channelName: `C${channel}`,
        gameId: game, gameName: game === '11' ? 'Alpha' : game === '22' ? 'Beta' : 'Gamma', language, viewers, title: 't', tags: [],
        startedAt: new Date(START),
      });
    add(1, 1, '11', 100 + (i % 7) * 10, 'en');
    add(2, 2, '11', 40 + (i % 3), 'de');
    add(3, 3, '22', 70 + (i % 5) * 3, 'en');
    if (i % 2 === 0) add(4, 4, '33', 500 + i, 'es');
    sweeps.push({ ts, partial: i === 300, streams });
  }
  return sweeps;
}

const fixture = buildFixture();

/** Independent expectation: hourly average/peak viewers of one game straight from the rows. */
function expectedHourly(gameId: string, from: number, to: number) {
  const out: Array<{ start: number; avg: number | null; peak: number | null; hoursWatched: number | null }> = [];
  for (let h = from; h < to; h += 3_600_000) {
    const inHour = fixture.filter((s) => s.ts >= h && s.ts < h + 3_600_000);
    if (inHour.length === 0) {
      out.push({ start: h, avg: null, peak: null, hoursWatched: null });
      continue;
    }
    const perSweep = inHour.map((s) => s.streams.filter((x) => x.gameId === gameId).reduce((a, x) => a + x.viewers, 0));
    const watched = perSweep.reduce((a, v) => a + (v * S) / 3600, 0);
    out.push({ start: h, avg: watched / ((inHour.length * S) / 3600), peak: Math.max(...perSweep), hoursWatched: watched });
  }
  return out;
}

const QUERY = `query G($from: DateTime!, $to: DateTime!, $bucket: Bucket, $gameIds: [ID!], $top: Int, $tz: String) {
  gameViewers(from: $from, to: $to, bucket: $bucket, gameIds: $gameIds, top: $top, timeZone: $tz) {
    bucket level timestamps coverage partialSweeps series { gameId name averageViewers peakViewers hoursWatched }
  }
}`;

type Result = { gameViewers: { bucket: string; level: string; timestamps: string[]; coverage: number[]; partialSweeps: number[]; series: Array<{ gameId: string; name: string; averageViewers: Array<number | null>; peakViewers: Array<number | null>; hoursWatched: Array<number | null> }> } };

// Every test runs on both dialects against the same expectations from the fixture rows.
describe.each(DIALECTS)('%s', (dialect) => {
  let dialectDb: DialectDatabase | undefined;
  let testRedis: TestRedis | undefined;
  let api: Harness;

  beforeAll(async () => {
    dialectDb = await openDialectDatabase(dialect, 'apigames', { compressAfterDays: 7, rawRetentionDays: 3650 });
    testRedis = createTestRedis('apigames');
    const repo = new SweepRepository(dialectDb.db);
    for (const s of fixture) {
      await repo.writeSweep({
        ts: new Date(s.ts), sampleSeconds: S, status: s.partial ? 'partial' : 'complete', pages: 1, apiCalls: 1,
        duplicatesDropped: 0, startedAt: new Date(s.ts), finishedAt: new Date(s.ts), streams: s.streams,
      });
    }
    await settleRollups(dialectDb.db, new Date(START), new Date(START + 2 * 86_400_000));
    api = await startApiHarness({ db: dialectDb.db, redisUrl: testRedis.url, prefix: testRedis.prefix, now: () => Date.parse('2026-11-20T00:00:00Z') });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await dialectDb?.close();
    await testRedis?.cleanup();
  });

  describe('gameViewers', () => {
    it('returns hourly series equal to an independent computation, gaps as null', async () => {
      const from = START;
      const to = START + 48 * 3_600_000;
      const { status, body } = await api.gql<Result>(QUERY, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: 'HOUR', gameIds: ['11', '33'] });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const r = body.data!.gameViewers;
      expect(r.bucket).toBe('HOUR');
      expect(r.timestamps).toHaveLength(48);
      for (const gameId of ['11', '33']) {
        const series = r.series.find((s) => s.gameId === gameId)!;
        const expected = expectedHourly(gameId, from, to);
        expected.forEach((e, i) => {
          if (e.avg === null) {
            expect(series.averageViewers[i]).toBeNull();
            expect(series.peakViewers[i]).toBeNull();
          } else {
            expect(series.averageViewers[i]).toBeCloseTo(e.avg, 6);
            expect(series.peakViewers[i]).toBe(e.peak);
            expect(series.hoursWatched[i]).toBeCloseTo(e.hoursWatched!, 6);
          }
        });
      }
      // Hours 05 and 06 of day 1 have no sweep: coverage 0; a complete hour has coverage 1.
      expect(r.coverage[5]).toBe(0);
      expect(r.coverage[6]).toBe(0);
      expect(r.coverage[0]).toBeCloseTo(1, 9);
      // Sweep #300 (day 2, 01:00 UTC) was partial.
      expect(r.partialSweeps[25]).toBe(1);
      expect(r.partialSweeps.reduce((a, b) => a + b, 0)).toBe(1);
    });

    it('gives the same numbers at 5-minute buckets (raw level) summed per hour', async () => {
      const from = START + 24 * 3_600_000;
      const to = from + 3 * 3_600_000;
      const { body } = await api.gql<Result>(QUERY, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: 'FIVE_MINUTES', gameIds: ['22'] });
      const r = body.data!.gameViewers;
      expect(r.level).toBe('RAW');
      expect(r.timestamps).toHaveLength(36);
      const rows = fixture.filter((s) => s.ts >= from && s.ts < to);
      rows.forEach((s, i) => {
        const v = s.streams.filter((x) => x.gameId === '22').reduce((a, x) => a + x.viewers, 0);
        expect(r.series[0]!.averageViewers[i]).toBeCloseTo(v, 9);
      });
    });

    it('picks the top games by hours watched when no ids are given', async () => {
      const from = START;
      const to = START + 48 * 3_600_000;
      const { body } = await api.gql<Result>(QUERY, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), top: 2 });
      const watched = new Map<string, number>();
      for (const s of fixture) for (const x of s.streams) watched.set(x.gameId, (watched.get(x.gameId) ?? 0) + x.viewers);
      const expectedTop = [...watched.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([id]) => id);
      expect(body.data!.gameViewers.series.map((s) => s.gameId)).toEqual(expectedTop);
      expect(body.data!.gameViewers.series[0]!.name).toBe(expectedTop[0] === '33' ? 'Gamma' : 'Alpha');
    });

    it('cuts day buckets in the requested time zone', async () => {
      const { body } = await api.gql<Result>(QUERY, { from: '2026-11-10T05:00:00Z', to: '2026-11-12T05:00:00Z', bucket: 'DAY', tz: 'America/New_York', gameIds: ['11'] });
      const r = body.data!.gameViewers;
      expect(r.timestamps).toEqual(['2026-11-10T05:00:00.000Z', '2026-11-11T05:00:00.000Z']);
      for (const [i, start] of r.timestamps.entries()) {
        const a = Date.parse(start);
        const inDay = fixture.filter((s) => s.ts >= a && s.ts < a + 86_400_000);
        const watched = inDay.reduce((acc, s) => acc + s.streams.filter((x) => x.gameId === '11').reduce((q, x) => q + x.viewers, 0), 0);
        expect(r.series[0]!.averageViewers[i]).toBeCloseTo(watched / inDay.length, 6);
      }
    });

    it.each([
      [{ from: '2026-11-12T00:00:00Z', to: '2026-11-10T00:00:00Z' }, 'to: must be after from'],
      [{ from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z', tz: 'Mars/Base' }, 'timeZone: unknown IANA time zone'],
      [{ from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z', top: 500 }, 'top: must be between 1 and 20'],
      [{ from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', bucket: 'FIVE_MINUTES' }, 'bucket: '],
      [{ from: 'yesterday', to: '2026-01-01T00:00:00Z' }, 'DateTime must be an ISO-8601 instant'],
      [{ from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z', gameIds: ["1'; drop table x"] }, 'gameIds: Twitch game ids are numeric'],
    ])('refuses bad input %j with a message naming the field', async (vars, message) => {
      const { status, body } = await api.gql(QUERY, vars);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toContain(message);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
    });
  });
});
