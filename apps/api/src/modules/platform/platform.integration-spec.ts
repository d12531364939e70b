import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL, DAY, expectedMetrics, fixture, HOUR, iso, START, startFixtureEnv, stopFixtureEnv, sweepsIn, viewersOf, channelsOf,
  type Env, type Pred,
} from './analytics.fixture';
import { DIALECTS } from '../../testing/dialect-database';

// Every test runs on both dialects against the same expectations from the fixture rows.
describe.each(DIALECTS)('%s', (dialect) => {
  let env: Env;
  beforeAll(async () => {
    env = await startFixtureEnv('apiplatform', dialect);
  }, 120_000);
  afterAll(async () => stopFixtureEnv(env));

  const METRICS = ['averageViewers', 'peakViewers', 'hoursWatched', 'hoursStreamed', 'averageChannels', 'peakChannels', 'viewersPerChannel'] as const;
  type Metrics = Record<(typeof METRICS)[number], Array<number | null>>;
  interface Frame { bucket: string; level: string; timestamps: string[]; coverage: number[]; partialSweeps: number[] }

  const PLATFORM = `query P($from: DateTime!, $to: DateTime!, $bucket: Bucket, $tz: String, $maxPoints: Int) {
    platformSeries(from: $from, to: $to, bucket: $bucket, timeZone: $tz, maxPoints: $maxPoints) {
      bucket level timestamps coverage partialSweeps ${METRICS.join(' ')}
    }
  }`;

  function checkBuckets(r: Metrics & Frame, bucketMs: number, p: Pred) {
    r.timestamps.forEach((t, i) => {
      const a = Date.parse(t);
      const e = expectedMetrics(sweepsIn(a, a + bucketMs), p);
      for (const m of METRICS) {
        if (e === null) expect(r[m][i], `${m} @ ${t}`).toBeNull();
        else if (e[m] === null) expect(r[m][i]).toBeNull();
        else expect(r[m][i], `${m} @ ${t}`).toBeCloseTo(e[m], 6);
      }
    });
  }

  describe('platformSeries', () => {
    it('gives every metric per hour equal to the rows, gaps as null, coverage and partial sweeps per bucket', async () => {
      const { body } = await env.api.gql<{ platformSeries: Metrics & Frame }>(PLATFORM, { from: iso(START), to: iso(START + 3 * DAY), bucket: 'HOUR' });
      expect(body.errors).toBeUndefined();
      const r = body.data!.platformSeries;
      expect(r.bucket).toBe('HOUR');
      expect(r.level).toBe('HOURLY');
      expect(r.timestamps).toHaveLength(72);
      checkBuckets(r, HOUR, ALL);
      expect(r.averageViewers[5]).toBeNull();
      expect(r.coverage[5]).toBe(0);
      expect(r.coverage[0]).toBeCloseTo(1, 9);
      const partialHour = Math.floor((fixture.find((s) => s.partial)!.ts - START) / HOUR);
      expect(r.partialSweeps[partialHour]).toBe(1);
      expect(r.partialSweeps.reduce((a, b) => a + b, 0)).toBe(1);
    });

    it('gives every metric per day from the daily level', async () => {
      const { body } = await env.api.gql<{ platformSeries: Metrics & Frame }>(PLATFORM, { from: iso(START), to: iso(START + 3 * DAY), bucket: 'DAY' });
      const r = body.data!.platformSeries;
      expect(r.level).toBe('DAILY');
      expect(r.timestamps).toEqual([iso(START), iso(START + DAY), iso(START + 2 * DAY)]);
      checkBuckets(r, DAY, ALL);
      // Day 0 misses two of its 24 hours.
      expect(r.coverage[0]).toBeCloseTo(22 / 24, 9);
    });

    it('snaps a ragged range to whole buckets and reads per-sweep rows for 15-minute buckets', async () => {
      const { body } = await env.api.gql<{ platformSeries: Metrics & Frame }>(PLATFORM, {
        from: iso(START + DAY + 7 * 60_000), to: iso(START + DAY + 2 * HOUR), bucket: 'FIFTEEN_MINUTES',
      });
      const r = body.data!.platformSeries;
      expect(r.level).toBe('RAW');
      expect(r.timestamps[0]).toBe(iso(START + DAY));
      expect(r.timestamps).toHaveLength(8);
      checkBuckets(r, 15 * 60_000, ALL);
    });
  });

  const METRIC_SERIES = `query M($from: DateTime!, $to: DateTime!, $bucket: Bucket, $metric: Metric!, $groupBy: GroupBy!, $top: Int,
    $includeOther: Boolean, $gameIds: [ID!], $languages: [String!], $maxPoints: Int, $tz: String) {
    metricSeries(from: $from, to: $to, bucket: $bucket, metric: $metric, groupBy: $groupBy, top: $top, includeOther: $includeOther,
      gameIds: $gameIds, languages: $languages, maxPoints: $maxPoints, timeZone: $tz) {
      bucket level timestamps metric groupBy series { key name other rank values }
    }
  }`;
  interface MS { metricSeries: Frame & { series: Array<{ key: string; name: string; other: boolean; rank: number | null; values: Array<number | null> }> } }

  /** Keys ranked by hours watched over the sweeps, independent of the API (game 0 is not a game). */
  function topKeys(sweeps: typeof fixture, key: (o: { gameId: string; language: string }) => string, p: Pred, n: number): string[] {
    const w = new Map<string, number>();
    for (const s of sweeps) for (const o of s.streams) if (p(o) && key(o) !== '') w.set(key(o), (w.get(key(o)) ?? 0) + o.viewers);
    return [...w.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
  }

  describe('metricSeries', () => {
    const from = START;
    const to = START + 3 * DAY;

    it('splits hours watched by game: the top game plus "other" adds up to the platform', async () => {
      const { body } = await env.api.gql<MS>(METRIC_SERIES, { from: iso(from), to: iso(to), bucket: 'HOUR', metric: 'HOURS_WATCHED', groupBy: 'GAME', top: 1 });
      expect(body.errors).toBeUndefined();
      const r = body.data!.metricSeries;
      const [top] = topKeys(fixture, (o) => o.gameId, ALL, 1);
      expect(r.series.map((s) => s.key)).toEqual([top, 'other']);
      expect(r.series[0]!.name).toBe(top === '11' ? 'Alpha' : 'Beta');
      const platform = await env.api.gql<{ platformSeries: Metrics & Frame }>(PLATFORM, { from: iso(from), to: iso(to), bucket: 'HOUR' });
      r.timestamps.forEach((t, i) => {
        const a = Date.parse(t);
        const sw = sweepsIn(a, a + HOUR);
        const eTop = expectedMetrics(sw, (o) => o.gameId === top);
        const eOther = expectedMetrics(sw, (o) => o.gameId !== top);
        if (eTop === null) {
          expect(r.series[0]!.values[i]).toBeNull();
          expect(r.series[1]!.values[i]).toBeNull();
          return;
        }
        expect(r.series[0]!.values[i]).toBeCloseTo(eTop.hoursWatched, 6);
        expect(r.series[1]!.values[i]).toBeCloseTo(eOther!.hoursWatched, 6);
        expect(r.series[0]!.values[i]! + r.series[1]!.values[i]!).toBeCloseTo(platform.body.data!.platformSeries.hoursWatched[i]!, 6);
      });
    });

    it('gives "other" peaks as the max over sweeps of (platform − top N) in each sweep', async () => {
      const { body } = await env.api.gql<MS>(METRIC_SERIES, { from: iso(from), to: iso(to), bucket: 'SIX_HOURS', metric: 'PEAK_VIEWERS', groupBy: 'GAME', top: 2 });
      const r = body.data!.metricSeries;
      const top = topKeys(fixture, (o) => o.gameId, ALL, 2);
      expect(r.series.map((s) => s.key)).toEqual([...top, 'other']);
      r.timestamps.forEach((t, i) => {
        const a = Date.parse(t);
        const sw = sweepsIn(a, a + 6 * HOUR);
        top.forEach((g, k) => expect(r.series[k]!.values[i]).toBe(Math.max(...sw.map((s) => viewersOf(s, (o) => o.gameId === g)))));
        const other = Math.max(...sw.map((s) => viewersOf(s, ALL) - viewersOf(s, (o) => top.includes(o.gameId))));
        expect(r.series[2]!.values[i]).toBe(other);
      });
    });

    it('splits one game by language (per-sweep rows for exact peaks) and averages with "other" = the game minus its top language', async () => {
      const game22: Pred = (o) => o.gameId === '22';
      for (const metric of ['PEAK_VIEWERS', 'AVERAGE_VIEWERS', 'PEAK_CHANNELS', 'VIEWERS_PER_CHANNEL'] as const) {
        const { body } = await env.api.gql<MS>(METRIC_SERIES, {
          from: iso(from), to: iso(to), bucket: 'DAY', metric, groupBy: 'LANGUAGE', top: 1, gameIds: ['22'],
        });
        expect(body.errors).toBeUndefined();
        const r = body.data!.metricSeries;
        const [lang] = topKeys(fixture, (o) => o.language, game22, 1);
        expect(r.series.map((s) => s.key)).toEqual([lang, 'other']);
        if (metric.startsWith('PEAK')) expect(r.level).toBe('RAW');
        r.timestamps.forEach((t, i) => {
          const a = Date.parse(t);
          const sw = sweepsIn(a, a + DAY);
          const inLang: Pred = (o) => game22(o) && o.language === lang;
          const rest: Pred = (o) => game22(o) && o.language !== lang;
          const eTop = expectedMetrics(sw, inLang)!;
          const eRest = expectedMetrics(sw, rest)!;
          if (metric === 'PEAK_VIEWERS') {
            expect(r.series[0]!.values[i]).toBe(eTop.peakViewers);
            expect(r.series[1]!.values[i]).toBe(eRest.peakViewers);
          } else if (metric === 'PEAK_CHANNELS') {
            expect(r.series[1]!.values[i]).toBe(Math.max(...sw.map((s) => channelsOf(s, rest))));
          } else if (metric === 'AVERAGE_VIEWERS') {
            expect(r.series[0]!.values[i]).toBeCloseTo(eTop.averageViewers, 6);
            expect(r.series[1]!.values[i]).toBeCloseTo(eRest.averageViewers, 6);
          } else {
            expect(r.series[1]!.values[i]).toBeCloseTo(eRest.viewersPerChannel!, 6);
          }
        });
      }
    });

    it('filters by language and omits "other" when asked', async () => {
      const { body } = await env.api.gql<MS>(METRIC_SERIES, {
        from: iso(from), to: iso(to), bucket: 'DAY', metric: 'HOURS_STREAMED', groupBy: 'GAME', top: 5, includeOther: false, languages: ['en'],
      });
      const r = body.data!.metricSeries;
      const en: Pred = (o) => o.language === 'en';
      const top = topKeys(fixture, (o) => o.gameId, en, 5);
      expect(r.series.map((s) => s.key)).toEqual(top);
      r.timestamps.forEach((t, i) => {
        const a = Date.parse(t);
        top.forEach((g, k) => expect(r.series[k]!.values[i]).toBeCloseTo(expectedMetrics(sweepsIn(a, a + DAY), (o) => en(o) && o.gameId === g)!.hoursStreamed, 6));
      });
    });
  });

  const HEATMAP = `query H($from: DateTime!, $to: DateTime!, $tz: String, $gameId: ID) {
    viewerHeatmap(from: $from, to: $to, timeZone: $tz, gameId: $gameId) { timeZone cells { weekday hour sweeps viewersPerChannel averageViewers } }
  }`;
  interface HM { viewerHeatmap: { timeZone: string; cells: Array<{ weekday: number; hour: number; sweeps: number; viewersPerChannel: number | null; averageViewers: number | null }> } }

  function localCell(ts: number, timeZone: string): [number, number] {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ts));
    const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((p) => p.type === 'weekday')!.value);
    return [wd, Number(parts.find((p) => p.type === 'hour')!.value)];
  }

  describe('viewerHeatmap', () => {
    it.each([
      ['UTC', null],
      ['Asia/Kolkata', null],
      ['America/New_York', '22'],
    ])('gives Σ viewers ÷ Σ channels per local weekday × hour in %s (game %s)', async (tz, gameId) => {
      const { body } = await env.api.gql<HM>(HEATMAP, { from: iso(START), to: iso(START + 3 * DAY), tz, gameId });
      expect(body.errors).toBeUndefined();
      const cells = body.data!.viewerHeatmap.cells;
      expect(cells).toHaveLength(168);
      const p: Pred = gameId ? (o) => o.gameId === gameId : ALL;
      const acc = new Map<number, { v: number; c: number; n: number }>();
      for (const s of fixture) {
        const [wd, h] = localCell(s.ts, tz);
        const a = acc.get(wd * 24 + h) ?? { v: 0, c: 0, n: 0 };
        a.v += viewersOf(s, p);
        a.c += channelsOf(s, p);
        a.n += 1;
        acc.set(wd * 24 + h, a);
      }
      let filled = 0;
      for (const cell of cells) {
        const a = acc.get(cell.weekday * 24 + cell.hour);
        expect(cell.sweeps).toBe(a?.n ?? 0);
        if (!a || a.c === 0) expect(cell.viewersPerChannel).toBeNull();
        else {
          filled++;
          expect(cell.viewersPerChannel).toBeCloseTo(a.v / a.c, 9);
          expect(cell.averageViewers).toBeCloseTo(a.v / a.n, 9);
        }
      }
      expect(filled).toBeGreaterThan(40);
      // 2026-11-10 is a Tuesday: the first UTC sweep lands in weekday 1, hour 0.
      if (tz === 'UTC') expect(cells[24]!.sweeps).toBe(4);
    });
  });

  describe('refused inputs', () => {
    const ok = { from: iso(START), to: iso(START + DAY) };
    it.each([
      [PLATFORM, { ...ok, to: iso(START - DAY) }, 'to: must be after from'],
      [PLATFORM, { ...ok, tz: 'Mars/Base' }, 'timeZone: unknown IANA time zone'],
      [PLATFORM, { ...ok, maxPoints: 0 }, 'maxPoints: must be between 1 and 2000'],
      [PLATFORM, { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', bucket: 'FIVE_MINUTES' }, 'bucket: '],
      [METRIC_SERIES, { ...ok, metric: 'HOURS_WATCHED', groupBy: 'GAME', top: 0 }, 'top: must be between 1 and 20'],
      [METRIC_SERIES, { ...ok, metric: 'HOURS_WATCHED', groupBy: 'GAME', gameIds: ['1 OR 1=1'] }, 'gameIds: Twitch game ids are numeric'],
      [METRIC_SERIES, { ...ok, metric: 'HOURS_WATCHED', groupBy: 'GAME', gameIds: [] }, 'gameIds: give 1 to 50'],
      [METRIC_SERIES, { ...ok, metric: 'HOURS_WATCHED', groupBy: 'GAME', languages: ["en'--"] }, 'languages: '],
      [HEATMAP, { ...ok, tz: 'Nowhere/Else' }, 'timeZone: unknown IANA time zone'],
      [HEATMAP, { ...ok, gameId: 'abc' }, 'gameId: Twitch game ids are numeric'],
      [HEATMAP, { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to: the range may span at most 366 days'],
    ])('refuses %#', async (query, vars, message) => {
      const { status, body } = await env.api.gql(query, vars);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toContain(message);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(status).toBeLessThan(500);
    });
  });
});
