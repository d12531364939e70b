import type { FixtureSweep } from './sweep-fixture';

/** Independent reference implementation of the metric sums, straight from fixture rows. */
export interface Sums {
  viewerSeconds: number;
  channelSeconds: number;
  peakViewers: number;
  peakChannels: number;
}

export interface Cover {
  coveredSeconds: number;
  sweeps: number;
  partialSweeps: number;
}

export type BucketOf = (ts: number) => number;

export const ORIGIN = Date.UTC(2000, 0, 3);

export const fixedBuckets =
  (seconds: number): BucketOf =>
  (ts) =>
    ORIGIN + Math.floor((ts - ORIGIN) / (seconds * 1000)) * seconds * 1000;

/** Start of the local calendar day containing ts in an IANA zone, found by trying offsets. */
export function zoneDay(timeZone: string): BucketOf {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const local = (t: number) => fmt.format(new Date(t)); // "2024-03-10, 00:00"
  return (ts) => {
    const date = local(ts).slice(0, 10);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    for (let h = -14 * 4; h <= 14 * 4; h++) {
      const candidate = Date.UTC(y, m - 1, d) - h * 15 * 60_000;
      if (local(candidate) === `${date}, 00:00`) return candidate;
    }
    throw new Error(`no local midnight for ${date} in ${timeZone}`);
  };
}

function add(map: Map<string, Sums>, key: string, viewers: number, channels: number, s: number) {
  const cur = map.get(key) ?? { viewerSeconds: 0, channelSeconds: 0, peakViewers: 0, peakChannels: 0 };
  cur.viewerSeconds += viewers * s;
  cur.channelSeconds += channels * s;
  cur.peakViewers = Math.max(cur.peakViewers, viewers);
  cur.peakChannels = Math.max(cur.peakChannels, channels);
  map.set(key, cur);
}

export function expectedSeries(sweeps: FixtureSweep[], from: number, to: number, bucketOf: BucketOf, gameIds: string[]) {
  const coverage = new Map<number, Cover>();
  const platform = new Map<string, Sums>();
  const games = new Map<string, Sums>();
  for (const sw of sweeps) {
    if (sw.ts < from || sw.ts >= to) continue;
    const b = bucketOf(sw.ts);
    const c = coverage.get(b) ?? { coveredSeconds: 0, sweeps: 0, partialSweeps: 0 };
    c.coveredSeconds += sw.sampleSeconds;
    c.sweeps += 1;
    c.partialSweeps += sw.partial ? 1 : 0;
    coverage.set(b, c);
    add(platform, String(b), sw.streams.reduce((a, x) => a + x.viewers, 0), sw.streams.length, sw.sampleSeconds);
    for (const g of gameIds) {
      const matching = sw.streams.filter((x) => x.gameId === g);
      // Only sweeps where the game appears make a row; absent sweeps contribute zero anyway.
      if (matching.length === 0) continue;
      add(games, `${b}|${g}`, matching.reduce((a, x) => a + x.viewers, 0), matching.length, sw.sampleSeconds);
    }
  }
  const buckets = [...coverage.keys()].sort((a, b) => a - b);
  return {
    coverage: buckets.map((b) => ({ bucketStart: new Date(b), ...coverage.get(b)! })),
    platformRows: buckets.map((b) => ({ bucketStart: new Date(b), ...platform.get(String(b))! })),
    gameRows: [...games.entries()]
      .map(([k, v]) => {
        const [b, g] = k.split('|') as [string, string];
        return { bucketStart: new Date(Number(b)), gameId: g, ...v };
      })
      .sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime() || Number(a.gameId) - Number(b.gameId)),
  };
}

export function expectedTopGames(sweeps: FixtureSweep[], from: number, to: number, names: Record<string, string>) {
  const per = new Map<string, Sums>();
  let covered = 0;
  let count = 0;
  for (const sw of sweeps) {
    if (sw.ts < from || sw.ts >= to) continue;
    covered += sw.sampleSeconds;
    count++;
    const byGame = new Map<string, { v: number; c: number }>();
    for (const x of sw.streams) {
      if (x.gameId === '0') continue;
      const cur = byGame.get(x.gameId) ?? { v: 0, c: 0 };
      cur.v += x.viewers;
      cur.c += 1;
      byGame.set(x.gameId, cur);
    }
    for (const [g, a] of byGame) add(per, g, a.v, a.c, sw.sampleSeconds);
  }
  const games = [...per.entries()]
    .sort((a, b) => b[1].viewerSeconds - a[1].viewerSeconds || Number(a[0]) - Number(b[0]))
    .map(([gameId, s], i) => ({ rank: i + 1, gameId, name: names[gameId] ?? null, ...s }));
  return { coveredSeconds: covered, sweeps: count, games };
}
