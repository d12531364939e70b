import { describe, expect, it } from 'vitest';
import { TwitchWorld } from './world';

const DAY0 = Date.UTC(2025, 2, 12); // a Wednesday; any day works
const at = (h: number, m = 0) => new Date(DAY0 + h * 3_600_000 + m * 60_000);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe('TwitchWorld', () => {
  const world = new TwitchWorld(7, 3000);
  const hourly = Array.from({ length: 24 }, (_, h) => world.liveStreamsAt(at(h)));
  const counts = hourly.map((s) => s.length);
  const peakHour = counts.indexOf(Math.max(...counts));

  it('is deterministic for a seed and time, and differs across seeds', () => {
    const again = new TwitchWorld(7, 3000).liveStreamsAt(at(20, 17));
    expect(again).toEqual(world.liveStreamsAt(at(20, 17)));
    const other = new TwitchWorld(8, 3000).liveStreamsAt(at(20, 17));
    expect(other.map((s) => s.id)).not.toEqual(again.map((s) => s.id));
  });

  it('has about `channels` live streams at the daily peak and a daily cycle peaking in the UTC evening', () => {
    const peak = counts[peakHour]!;
    expect(peak).toBeGreaterThan(3000 * 0.75);
    expect(peak).toBeLessThan(3000 * 1.25);
    expect(peak / Math.min(...counts)).toBeGreaterThan(1.8);
    expect([17, 18, 19, 20, 21, 22, 23, 0, 1]).toContain(peakHour);
    const viewers = hourly.map((s) => s.reduce((a, x) => a + x.viewer_count, 0));
    expect(Math.max(...viewers) / Math.min(...viewers)).toBeGreaterThan(2);
  });

  it('has heavy-tailed viewers: single-digit median, no single stream dominating a small world', () => {
    const peak = hourly[peakHour]!;
    const v = peak.map((s) => s.viewer_count);
    expect(median(v)).toBeLessThan(10);
    const total = v.reduce((a, b) => a + b, 0);
    expect(Math.max(...v)).toBeGreaterThan(1_000);
    // Twitch's biggest stream holds a few percent of all viewers, not a third.
    expect(Math.max(...v) / total).toBeLessThan(0.2);
    // sorted by viewer_count desc
    for (let k = 1; k < v.length; k++) expect(v[k - 1]!).toBeGreaterThanOrEqual(v[k]!);
  });

  it('has realistic language shares over a day', () => {
    const expected: Record<string, number> = { en: 0.45, es: 0.1, pt: 0.07, de: 0.06, ru: 0.06, fr: 0.05, ja: 0.05 };
    const tally = new Map<string, number>();
    let total = 0;
    for (const streams of hourly) {
      for (const s of streams) tally.set(s.language, (tally.get(s.language) ?? 0) + 1);
      total += streams.length;
    }
    for (const [lang, share] of Object.entries(expected)) {
      expect(Math.abs((tally.get(lang) ?? 0) / total - share)).toBeLessThan(0.035);
    }
    const enAtPeak = hourly[peakHour]!.filter((s) => s.language === 'en').length / counts[peakHour]!;
    expect(enAtPeak).toBeGreaterThan(0.35);
    expect(enAtPeak).toBeLessThan(0.62);
  });

  it('concentrates viewers in a few categories (Just Chatting on top)', () => {
    const byGame = new Map<string, number>();
    for (const s of hourly[peakHour]!) byGame.set(s.game_name, (byGame.get(s.game_name) ?? 0) + 1);
    const ranked = [...byGame.entries()].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe('Just Chatting');
    expect(byGame.size).toBeGreaterThan(40);
    expect(ranked[0]![1] / ranked[ranked.length - 1]![1]).toBeGreaterThan(20);
  });

  it('keeps broadcasts stable: same id and started_at while live, 1-8 h long, some switch games', () => {
    const t0 = at(peakHour);
    const later = new Date(t0.getTime() + 90 * 60_000);
    const before = new Map(world.liveStreamsAt(t0).map((s) => [s.user_id, s]));
    let same = 0;
    let switched = 0;
    for (const s of world.liveStreamsAt(later)) {
      const prev = before.get(s.user_id);
      if (!prev || prev.started_at !== s.started_at) continue;
      expect(s.id).toBe(prev.id);
      same += 1;
      if (prev.game_id !== s.game_id) switched += 1;
    }
    expect(same).toBeGreaterThan(500);
    expect(switched).toBeGreaterThan(0);
    expect(switched / same).toBeLessThan(0.3);
    for (const s of world.liveStreamsAt(t0)) {
      const age = t0.getTime() - Date.parse(s.started_at);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(8 * 3_600_000);
      expect(s.id).toMatch(/^\d+$/);
      expect(s.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const ids = world.liveStreamsAt(t0).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('drifts viewer counts smoothly: a few percent per minute', () => {
    const t0 = at(peakHour, 10);
    const a = new Map(world.liveStreamsAt(t0).map((s) => [s.id, s.viewer_count]));
    const b = world.liveStreamsAt(new Date(t0.getTime() + 60_000));
    let changed = 0;
    let compared = 0;
    for (const s of b) {
      const prev = a.get(s.id);
      if (prev === undefined || prev < 100) continue;
      compared += 1;
      const rel = Math.abs(s.viewer_count - prev) / prev;
      // past the ramp-up, a minute moves a stream by at most ~10 %
      if (Date.parse(s.started_at) < t0.getTime() - 3_600_000) expect(rel).toBeLessThan(0.1);
      if (s.viewer_count !== prev) changed += 1;
    }
    expect(compared).toBeGreaterThan(20);
    expect(changed / compared).toBeGreaterThan(0.8);
  });

  it('maps user ids and logins back to channels, uniquely', () => {
    const logins = new Set<string>();
    for (let i = 0; i < world.population; i++) {
      const login = world.login(i);
      expect(logins.has(login)).toBe(false);
      logins.add(login);
      if (i % 97 === 0) {
        expect(world.channelByUserId(world.userId(i))).toBe(i);
        expect(world.channelByLogin(login)).toBe(i);
      }
    }
    expect(world.channelByUserId('1')).toBeNull();
    expect(world.channelByLogin('nobody_here')).toBeNull();
  });

  it('scales to 100,000 channels with a cached per-minute ranking and Twitch-like totals', () => {
    const big = new TwitchWorld(3, 100_000);
    const t = DAY0 + 21 * 3_600_000;
    const r = big.rankingAt(t);
    expect(r.channels.length).toBeGreaterThan(60_000);
    expect(r.channels.length).toBeLessThan(130_000);
    // Same minute: the ranking object is reused, not recomputed.
    expect(big.rankingAt(t + 30_000)).toBe(r);
    const live = big.liveStreamsAt(new Date(t));
    const viewers = live.map((s) => s.viewer_count);
    const total = viewers.reduce((a, b) => a + b, 0);
    // At full scale the top streams reach the tens of thousands and the platform millions.
    expect(Math.max(...viewers)).toBeGreaterThan(10_000);
    expect(total).toBeGreaterThan(1_000_000);
    expect(total).toBeLessThan(5_000_000);
    expect(Math.max(...viewers) / total).toBeLessThan(0.05);
  });
});
