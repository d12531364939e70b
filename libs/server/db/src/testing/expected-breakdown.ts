import type { BucketOf } from './expected';
import type { FixtureStream, FixtureSweep } from './sweep-fixture';

/**
 * Independent reference implementations for the Twitch breakdown, channel and heatmap
 * repositories, computed straight from fixture rows with plain loops (no SQL, no library code).
 */
export type Dim = 'game' | 'language';
export type By = 'hoursWatched' | 'averageViewers' | 'peakViewers' | 'hoursStreamed';
export interface Filter {
  gameIds?: readonly string[] | null;
  languages?: readonly string[] | null;
}

export interface KeySums {
  viewerSeconds: number;
  channelSeconds: number;
  peakViewers: number;
  peakChannels: number;
}

const keyOf = (dim: Dim, x: FixtureStream) => (dim === 'game' ? x.gameId : x.language);
const matches = (f: Filter, x: FixtureStream) =>
  (!f.gameIds || f.gameIds.includes(x.gameId)) && (!f.languages || f.languages.includes(x.language));
const inRange = (sw: FixtureSweep, from: number, to: number) => sw.ts >= from && sw.ts < to;

/** Keys compare as the database orders them: game ids numerically, languages as text. */
export function compareKeys(dim: Dim, a: string, b: string): number {
  return dim === 'game' ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
}

/** Per key: Σ over sweeps of (the key's viewers and channels in that sweep) × sample seconds, and peaks of those per-sweep totals. */
function perKey(sweeps: FixtureSweep[], dim: Dim, f: Filter, keep: (key: string) => boolean): Map<string, KeySums> {
  const out = new Map<string, KeySums>();
  for (const sw of sweeps) {
    const inSweep = new Map<string, { v: number; c: number }>();
    for (const x of sw.streams) {
      const k = keyOf(dim, x);
      if (!matches(f, x) || !keep(k)) continue;
      const cur = inSweep.get(k) ?? { v: 0, c: 0 };
      cur.v += x.viewers;
      cur.c += 1;
      inSweep.set(k, cur);
    }
    for (const [k, a] of inSweep) {
      const s = out.get(k) ?? { viewerSeconds: 0, channelSeconds: 0, peakViewers: 0, peakChannels: 0 };
      s.viewerSeconds += a.v * sw.sampleSeconds;
      s.channelSeconds += a.c * sw.sampleSeconds;
      s.peakViewers = Math.max(s.peakViewers, a.v);
      s.peakChannels = Math.max(s.peakChannels, a.c);
      out.set(k, s);
    }
  }
  return out;
}

const ORDER: Record<By, keyof KeySums> = {
  hoursWatched: 'viewerSeconds',
  averageViewers: 'viewerSeconds',
  peakViewers: 'peakViewers',
  hoursStreamed: 'channelSeconds',
};

function ranked(sums: Map<string, KeySums>, dim: Dim, by: By): Array<[string, KeySums]> {
  const m = ORDER[by];
  return [...sums.entries()].sort((a, b) => b[1][m] - a[1][m] || compareKeys(dim, a[0], b[0]));
}

/** Every ranked key of [from, to) with its rank in the previous range of equal length ("no category" never ranks). */
export function expectedRank(sweeps: FixtureSweep[], q: { from: number; to: number; dim: Dim; filter?: Filter; by: By }) {
  const f = q.filter ?? {};
  const keep = (k: string) => q.dim !== 'game' || k !== '0';
  const cur = ranked(perKey(sweeps.filter((s) => inRange(s, q.from, q.to)), q.dim, f, keep), q.dim, q.by);
  const prevFrom = 2 * q.from - q.to;
  const prev = ranked(perKey(sweeps.filter((s) => inRange(s, prevFrom, q.from)), q.dim, f, keep), q.dim, q.by);
  const prevRank = new Map(prev.map(([k], i) => [k, i + 1]));
  return {
    coveredSeconds: sweeps.filter((s) => inRange(s, q.from, q.to)).reduce((a, s) => a + s.sampleSeconds, 0),
    totalCount: cur.length,
    rows: cur.map(([key, s], i) => ({ key, rank: i + 1, previousRank: prevRank.get(key) ?? null, ...s })),
  };
}

/** Per bucket and key: the key's sums over the bucket's sweeps; a row only where the key appeared. */
export function expectedKeySeries(sweeps: FixtureSweep[], q: { from: number; to: number; dim: Dim; keys: string[]; filter?: Filter; bucketOf: BucketOf }) {
  const byBucket = new Map<number, FixtureSweep[]>();
  for (const sw of sweeps) if (inRange(sw, q.from, q.to)) byBucket.set(q.bucketOf(sw.ts), [...(byBucket.get(q.bucketOf(sw.ts)) ?? []), sw]);
  const rows: Array<{ bucketStart: Date; key: string } & KeySums> = [];
  for (const b of [...byBucket.keys()].sort((x, y) => x - y)) {
    const sums = perKey(byBucket.get(b)!, q.dim, q.filter ?? {}, (k) => q.keys.includes(k));
    for (const [key, s] of [...sums.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) rows.push({ bucketStart: new Date(b), key, ...s });
  }
  return rows;
}

/** Per bucket: sums of every stream the filter matches (of all streams without a filter). */
export function expectedUniverse(sweeps: FixtureSweep[], q: { from: number; to: number; filter?: Filter; bucketOf: BucketOf }) {
  const f = q.filter ?? {};
  const filtered = Boolean(f.gameIds || f.languages);
  const byBucket = new Map<number, KeySums>();
  for (const sw of sweeps) {
    if (!inRange(sw, q.from, q.to)) continue;
    const streams = sw.streams.filter((x) => matches(f, x));
    // Per-sweep rows exist only for what was live: a filter that matched nothing leaves no row.
    if (filtered && streams.length === 0) continue;
    const b = q.bucketOf(sw.ts);
    const s = byBucket.get(b) ?? { viewerSeconds: 0, channelSeconds: 0, peakViewers: 0, peakChannels: 0 };
    const v = streams.reduce((a, x) => a + x.viewers, 0);
    s.viewerSeconds += v * sw.sampleSeconds;
    s.channelSeconds += streams.length * sw.sampleSeconds;
    s.peakViewers = Math.max(s.peakViewers, v);
    s.peakChannels = Math.max(s.peakChannels, streams.length);
    byBucket.set(b, s);
  }
  return [...byBucket.entries()].sort((a, b) => a[0] - b[0]).map(([b, s]) => ({ bucketStart: new Date(b), ...s }));
}

/** Per bucket: the largest per-sweep remainder (filter matches − excluded keys). */
export function expectedOtherPeaks(sweeps: FixtureSweep[], q: { from: number; to: number; dim: Dim; excludeKeys: string[]; filter?: Filter; bucketOf: BucketOf }) {
  const f = q.filter ?? {};
  const byBucket = new Map<number, { peakViewers: number; peakChannels: number }>();
  for (const sw of sweeps) {
    if (!inRange(sw, q.from, q.to)) continue;
    const rest = sw.streams.filter((x) => matches(f, x) && !q.excludeKeys.includes(keyOf(q.dim, x)));
    const b = q.bucketOf(sw.ts);
    const cur = byBucket.get(b) ?? { peakViewers: 0, peakChannels: 0 };
    cur.peakViewers = Math.max(cur.peakViewers, rest.reduce((a, x) => a + x.viewers, 0));
    cur.peakChannels = Math.max(cur.peakChannels, rest.length);
    byBucket.set(b, cur);
  }
  return [...byBucket.entries()].sort((a, b) => a[0] - b[0]).map(([b, s]) => ({ bucketStart: new Date(b), ...s }));
}

export type ChannelBy = By;
const CHANNEL_ORDER: Record<ChannelBy, 'viewerSeconds' | 'peakViewers' | 'streamedSeconds'> = {
  hoursWatched: 'viewerSeconds',
  averageViewers: 'viewerSeconds',
  peakViewers: 'peakViewers',
  hoursStreamed: 'streamedSeconds',
};

/** Channel rankings; `name` gives each channel's login and display name as the fixture writes them. */
export function expectedTopChannels(
  sweeps: FixtureSweep[],
  q: { from: number; to: number; by: ChannelBy; gameId?: string; search?: string },
  name: (channelId: string) => { login: string; displayName: string },
) {
  const per = (from: number, to: number) => {
    const m = new Map<string, { viewerSeconds: number; streamedSeconds: number; peakViewers: number }>();
    for (const sw of sweeps) {
      if (!inRange(sw, from, to)) continue;
      for (const x of sw.streams) {
        if (q.gameId !== undefined && x.gameId !== q.gameId) continue;
        const s = m.get(x.channelId) ?? { viewerSeconds: 0, streamedSeconds: 0, peakViewers: 0 };
        s.viewerSeconds += x.viewers * sw.sampleSeconds;
        s.streamedSeconds += sw.sampleSeconds;
        s.peakViewers = Math.max(s.peakViewers, x.viewers);
        m.set(x.channelId, s);
      }
    }
    const o = CHANNEL_ORDER[q.by];
    return [...m.entries()].sort((a, b) => b[1][o] - a[1][o] || Number(a[0]) - Number(b[0]));
  };
  const prevRank = new Map(per(2 * q.from - q.to, q.from).map(([id], i) => [id, i + 1]));
  const needle = q.search?.toLowerCase();
  const rows = per(q.from, q.to)
    .map(([channelId, s], i) => ({ channelId, ...name(channelId), rank: i + 1, previousRank: prevRank.get(channelId) ?? null, ...s }))
    .filter((r) => !needle || r.login.toLowerCase().includes(needle) || r.displayName.toLowerCase().includes(needle));
  return {
    coveredSeconds: sweeps.filter((s) => inRange(s, q.from, q.to)).reduce((a, s) => a + s.sampleSeconds, 0),
    totalCount: rows.length,
    rows,
  };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Cells by local weekday (Monday = 0) and hour in a zone: sweeps, Σ viewers and Σ channels (of one game when given). */
export function expectedHeatmap(sweeps: FixtureSweep[], q: { from: number; to: number; timeZone: string; gameId?: string }) {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: q.timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
  const cells = new Map<string, { weekday: number; hour: number; sweeps: number; viewers: number; channels: number }>();
  for (const sw of sweeps) {
    if (!inRange(sw, q.from, q.to)) continue;
    const parts = fmt.formatToParts(new Date(sw.ts));
    const weekday = WEEKDAYS.indexOf(parts.find((p) => p.type === 'weekday')!.value);
    const hour = Number(parts.find((p) => p.type === 'hour')!.value);
    const streams = q.gameId === undefined ? sw.streams : sw.streams.filter((x) => x.gameId === q.gameId);
    const key = `${weekday}|${hour}`;
    const c = cells.get(key) ?? { weekday, hour, sweeps: 0, viewers: 0, channels: 0 };
    c.sweeps += 1;
    c.viewers += streams.reduce((a, x) => a + x.viewers, 0);
    c.channels += streams.length;
    cells.set(key, c);
  }
  return [...cells.values()].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}
