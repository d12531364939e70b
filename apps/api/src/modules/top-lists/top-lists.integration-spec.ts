import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestionRunRepository } from '@streamscope/db';
import {
  ALL, DAY, fixture, GAME_NAMES, iso, NOW, S, SESSION_A, SESSION_B, START, startFixtureEnv, stopFixtureEnv, sweepsIn,
  type Env, type FixtureSweep, type Obs, type Pred,
} from '../platform/analytics.fixture';
import { DIALECTS } from '../../testing/dialect-database';

// Every test runs on both dialects against the same expectations from the fixture rows.
describe.each(DIALECTS)('%s', (dialect) => {
  let env: Env;
  beforeAll(async () => {
    env = await startFixtureEnv('apitoplists', dialect);
  }, 120_000);
  afterAll(async () => stopFixtureEnv(env));

  interface Node { rank: number; previousRank: number | null; rankChange: number | null; hoursWatched: number; averageViewers: number; peakViewers: number; hoursStreamed: number }
  interface Conn<N> { level: string; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: N }> }

  const VALUES = 'rank previousRank rankChange hoursWatched averageViewers peakViewers hoursStreamed';
  const TOP_GAMES = `query T($from: DateTime!, $to: DateTime!, $by: Metric, $first: Int, $after: String) {
    topGames(from: $from, to: $to, by: $by, first: $first, after: $after) {
      level totalCount pageInfo { hasNextPage endCursor } edges { cursor node { gameId name ${VALUES} } }
    }
  }`;
  const TOP_CHANNELS = `query T($from: DateTime!, $to: DateTime!, $by: Metric, $first: Int, $after: String) {
    topChannels(from: $from, to: $to, by: $by, first: $first, after: $after) {
      level totalCount pageInfo { hasNextPage endCursor } edges { cursor node { channelId login displayName ${VALUES} } }
    }
  }`;
  const SEARCH_CHANNELS = `query T($from: DateTime!, $to: DateTime!, $first: Int, $after: String, $search: String) {
    topChannels(from: $from, to: $to, first: $first, after: $after, search: $search) {
      level totalCount pageInfo { hasNextPage endCursor } edges { cursor node { channelId login displayName ${VALUES} } }
    }
  }`;
  const TOP_LANGUAGES = `query T($from: DateTime!, $to: DateTime!, $by: Metric, $first: Int, $after: String) {
    topLanguages(from: $from, to: $to, by: $by, first: $first, after: $after) {
      level totalCount pageInfo { hasNextPage endCursor } edges { cursor node { language ${VALUES} } }
    }
  }`;

  type By = 'HOURS_WATCHED' | 'AVERAGE_VIEWERS' | 'PEAK_VIEWERS' | 'HOURS_STREAMED';

  /** Ranking straight from the rows: per key, hours watched, peak of per-sweep sums, hours streamed. */
  function ranking(sweeps: FixtureSweep[], key: (o: Obs) => string, by: By, p: Pred = ALL) {
    const acc = new Map<string, { vs: number; cs: number; peak: number }>();
    for (const s of sweeps) {
      const per = new Map<string, { v: number; c: number }>();
      for (const o of s.streams) {
        if (!p(o) || key(o) === '') continue;
        const x = per.get(key(o)) ?? { v: 0, c: 0 };
        x.v += o.viewers;
        x.c += 1;
        per.set(key(o), x);
      }
      for (const [k, x] of per) {
        const a = acc.get(k) ?? { vs: 0, cs: 0, peak: 0 };
        a.vs += x.v * S;
        a.cs += x.c * S;
        a.peak = Math.max(a.peak, x.v);
        acc.set(k, a);
      }
    }
    const covered = sweeps.length * S;
    const score = (a: { vs: number; cs: number; peak: number }) => (by === 'PEAK_VIEWERS' ? a.peak : by === 'HOURS_STREAMED' ? a.cs : a.vs);
    const numeric = [...acc.keys()].every((k) => /^\d+$/.test(k));
    return [...acc.entries()]
      .sort((x, y) => score(y[1]) - score(x[1]) || (numeric ? Number(x[0]) - Number(y[0]) : x[0] < y[0] ? -1 : 1))
      .map(([k, a], i) => ({ key: k, rank: i + 1, hoursWatched: a.vs / 3600, averageViewers: a.vs / covered, peakViewers: a.peak, hoursStreamed: a.cs / 3600 }));
  }

  function expectRanked<N extends Node>(nodes: N[], keyOf: (n: N) => string, cur: ReturnType<typeof ranking>, prev: ReturnType<typeof ranking>) {
    for (const n of nodes) {
      const e = cur.find((x) => x.key === keyOf(n))!;
      expect(e, keyOf(n)).toBeDefined();
      expect(n.rank).toBe(e.rank);
      const pr = prev.find((x) => x.key === keyOf(n))?.rank ?? null;
      expect(n.previousRank).toBe(pr);
      expect(n.rankChange).toBe(pr === null ? null : e.rank - pr);
      expect(n.hoursWatched).toBeCloseTo(e.hoursWatched, 6);
      expect(n.averageViewers).toBeCloseTo(e.averageViewers, 6);
      expect(n.peakViewers).toBe(e.peakViewers);
      expect(n.hoursStreamed).toBeCloseTo(e.hoursStreamed, 6);
    }
  }

  describe('topGames', () => {
    const from = START + 2 * DAY;
    const to = START + 3 * DAY;
    it.each(['HOURS_WATCHED', 'PEAK_VIEWERS', 'HOURS_STREAMED'] as const)('ranks by %s with rank change against the previous day, two per page', async (by) => {
      const cur = ranking(sweepsIn(from, to), (o) => o.gameId, by);
      const prev = ranking(sweepsIn(from - DAY, from), (o) => o.gameId, by);
      const first = await env.api.gql<{ topGames: Conn<Node & { gameId: string; name: string }> }>(TOP_GAMES, { from: iso(from), to: iso(to), by, first: 2 });
      expect(first.body.errors).toBeUndefined();
      const p1 = first.body.data!.topGames;
      expect(p1.level).toBe('DAILY');
      expect(p1.totalCount).toBe(cur.length);
      expect(p1.edges.map((e) => e.node.gameId)).toEqual(cur.slice(0, 2).map((x) => x.key));
      expect(p1.pageInfo.hasNextPage).toBe(cur.length > 2);
      expect(p1.edges[0]!.node.name).toBe(GAME_NAMES[cur[0]!.key]);
      const second = await env.api.gql<{ topGames: Conn<Node & { gameId: string }> }>(TOP_GAMES, { from: iso(from), to: iso(to), by, first: 2, after: p1.pageInfo.endCursor });
      const p2 = second.body.data!.topGames;
      expect(p2.edges.map((e) => e.node.gameId)).toEqual(cur.slice(2, 4).map((x) => x.key));
      expect(p2.pageInfo.hasNextPage).toBe(cur.length > 4);
      expectRanked([...p1.edges, ...p2.edges].map((e) => e.node), (n) => n.gameId, cur, prev);
    });

    it('shows a climb as a negative rank change and a newcomer as null', async () => {
      const { body } = await env.api.gql<{ topGames: Conn<Node & { gameId: string }> }>(TOP_GAMES, { from: iso(from), to: iso(to), first: 10 });
      const byId = new Map(body.data!.topGames.edges.map((e) => [e.node.gameId, e.node]));
      expect(byId.get('11')!.rankChange).toBeLessThan(0);
      // Game 33 first appears on day 1 (channel 5's second broadcast).
      const day1 = await env.api.gql<{ topGames: Conn<Node & { gameId: string }> }>(TOP_GAMES, { from: iso(START + DAY), to: iso(START + 2 * DAY), first: 10 });
      const g33 = day1.body.data!.topGames.edges.find((e) => e.node.gameId === '33')!.node;
      expect(g33.previousRank).toBeNull();
      expect(g33.rankChange).toBeNull();
    });
  });

  describe('topChannels', () => {
    it('uses the hourly rollup for an hour-aligned range and pages through it', async () => {
      const from = START + DAY;
      const to = START + 3 * DAY;
      const cur = ranking(sweepsIn(from, to), (o) => o.channelId, 'HOURS_WATCHED');
      const prev = ranking(sweepsIn(from - 2 * DAY, from), (o) => o.channelId, 'HOURS_WATCHED');
      const seen: Array<Node & { channelId: string; login: string; displayName: string }> = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const res: { body: { data?: { topChannels: Conn<Node & { channelId: string; login: string; displayName: string }> } } } =
          await env.api.gql(TOP_CHANNELS, { from: iso(from), to: iso(to), first: 2, after });
        const c = res.body.data!.topChannels;
        expect(c.level).toBe('HOURLY');
        expect(c.totalCount).toBe(cur.length);
        seen.push(...c.edges.map((e) => e.node));
        after = c.pageInfo.endCursor;
        if (!c.pageInfo.hasNextPage) break;
      }
      expect(seen.map((n) => n.channelId)).toEqual(cur.map((x) => x.key));
      expect(seen[0]!.login).toBe(`c${seen[0]!.channelId}`);
      expect(seen[0]!.displayName).toBe(`C${seen[0]!.channelId}`);
      expectRanked(seen, (n) => n.channelId, cur, prev);
    });

    it('reads per-sweep snapshots for a range off the hour, ranked by peak viewers', async () => {
      const from = START + DAY + 20 * 60_000;
      const to = START + 2 * DAY + 20 * 60_000;
      const cur = ranking(sweepsIn(from, to), (o) => o.channelId, 'PEAK_VIEWERS');
      const prev = ranking(sweepsIn(from - DAY, from), (o) => o.channelId, 'PEAK_VIEWERS');
      const { body } = await env.api.gql<{ topChannels: Conn<Node & { channelId: string }> }>(TOP_CHANNELS, { from: iso(from), to: iso(to), by: 'PEAK_VIEWERS', first: 100 });
      const c = body.data!.topChannels;
      expect(c.level).toBe('RAW');
      expect(c.edges.map((e) => e.node.channelId)).toEqual(cur.map((x) => x.key));
      expectRanked(c.edges.map((e) => e.node), (n) => n.channelId, cur, prev);
    });
  });

  describe('topChannels search', () => {
    const from = START + DAY;
    const to = START + 3 * DAY;
    type Ch = Node & { channelId: string; login: string; displayName: string };
    // Names with LIKE wildcards and mixed case; restored afterwards for the other tests.
    const RENAMED: Record<string, string> = { '2': 'Zeta_Gaming', '4': 'zeta 100%', '6': 'ZETA' };
    beforeAll(async () => {
      for (const [id, name] of Object.entries(RENAMED)) await env.db.query(`UPDATE twitch_channels SET display_name = $2 WHERE channel_id = $1::bigint`, [id, name]);
    });
    afterAll(async () => {
      for (const id of Object.keys(RENAMED)) await env.db.query(`UPDATE twitch_channels SET display_name = $2 WHERE channel_id = $1::bigint`, [id, `C${id}`]);
    });

    /** The independent answer: every channel ranked from the rows, then those whose login or name contains the text. */
    function expected(text: string) {
      const all = ranking(sweepsIn(from, to), (o) => o.channelId, 'HOURS_WATCHED');
      const needle = text.toLowerCase();
      const name = (id: string) => RENAMED[id] ?? `C${id}`;
      return { all, hits: all.filter((x) => `c${x.key}`.includes(needle) || name(x.key).toLowerCase().includes(needle)) };
    }

    it('finds matching channels beyond the first page, keeping their overall ranks, paged over the matches', async () => {
      const { all, hits } = expected('zEtA');
      expect(hits.map((x) => x.key).sort()).toEqual(['2', '4', '6']);
      const prev = ranking(sweepsIn(from - 2 * DAY, from), (o) => o.channelId, 'HOURS_WATCHED');
      const seen: Ch[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const res: { body: { errors?: unknown; data?: { topChannels: Conn<Ch> } } } = await env.api.gql(SEARCH_CHANNELS, { from: iso(from), to: iso(to), first: 2, after, search: 'zEtA' });
        expect(res.body.errors).toBeUndefined();
        const c = res.body.data!.topChannels;
        expect(c.totalCount).toBe(hits.length);
        seen.push(...c.edges.map((e) => e.node));
        after = c.pageInfo.endCursor;
        if (!c.pageInfo.hasNextPage) break;
      }
      expect(seen.map((n) => n.channelId)).toEqual(hits.map((x) => x.key));
      // Ranks are among all channels, so they have gaps where non-matching channels rank.
      expect(seen.map((n) => n.rank)).toEqual(hits.map((x) => all.findIndex((a) => a.key === x.key) + 1));
      expectRanked(seen, (n) => n.channelId, all, prev);
    });

    it('matches LIKE wildcards literally and logins case-insensitively', async () => {
      for (const text of ['_', '%', '100%', 'C5', ' c3 ']) {
        const { hits } = expected(text.trim());
        const { body } = await env.api.gql<{ topChannels: Conn<Ch> }>(SEARCH_CHANNELS, { from: iso(from), to: iso(to), first: 100, search: text });
        expect(body.errors, text).toBeUndefined();
        expect(body.data!.topChannels.edges.map((e) => e.node.channelId), text).toEqual(hits.map((x) => x.key));
        expect(body.data!.topChannels.totalCount, text).toBe(hits.length);
      }
      expect(expected('_').hits.map((x) => x.key)).toEqual(['2']);
      expect(expected('%').hits.map((x) => x.key)).toEqual(['4']);
    });

    it('gives an empty connection when nothing matches, and every channel for a blank search', async () => {
      const none = await env.api.gql<{ topChannels: Conn<Ch> }>(SEARCH_CHANNELS, { from: iso(from), to: iso(to), first: 10, search: 'nobody-here' });
      expect(none.body.data!.topChannels).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
      const blank = await env.api.gql<{ topChannels: Conn<Ch> }>(SEARCH_CHANNELS, { from: iso(from), to: iso(to), first: 10, search: '  ' });
      expect(blank.body.data!.topChannels.totalCount).toBe(expected('').all.length);
    });
  });

  describe('topLanguages', () => {
    it('ranks languages by average viewers', async () => {
      const from = START + DAY;
      const to = START + 2 * DAY;
      const cur = ranking(sweepsIn(from, to), (o) => o.language, 'AVERAGE_VIEWERS');
      const prev = ranking(sweepsIn(from - DAY, from), (o) => o.language, 'AVERAGE_VIEWERS');
      const { body } = await env.api.gql<{ topLanguages: Conn<Node & { language: string }> }>(TOP_LANGUAGES, { from: iso(from), to: iso(to), by: 'AVERAGE_VIEWERS' });
      const c = body.data!.topLanguages;
      expect(c.edges.map((e) => e.node.language)).toEqual(cur.map((x) => x.key));
      expectRanked(c.edges.map((e) => e.node), (n) => n.language, cur, prev);
    });
  });

  const GAME = `query G($id: ID!, $from: DateTime!, $to: DateTime!) {
    game(id: $id) {
      id name boxArtUrl
      series(from: $from, to: $to, bucket: DAY) { timestamps series { averageViewers peakViewers } }
      topChannels(from: $from, to: $to, first: 5) { totalCount level edges { node { channelId rank hoursWatched peakViewers } } }
      languageSplit(from: $from, to: $to) { language hoursWatched share }
    }
  }`;

  describe('game(id)', () => {
    it('gives the game with its series, channels within it and language split', async () => {
      const from = START;
      const to = START + DAY;
      const { body } = await env.api.gql<{ game: { id: string; name: string; boxArtUrl: string | null; series: { timestamps: string[]; series: Array<{ averageViewers: number[]; peakViewers: number[] }> }; topChannels: Conn<{ channelId: string; rank: number; hoursWatched: number; peakViewers: number }>; languageSplit: Array<{ language: string; hoursWatched: number; share: number }> } }>(
        GAME, { id: '11', from: iso(from), to: iso(to) });
      expect(body.errors).toBeUndefined();
      const g = body.data!.game;
      expect(g.name).toBe('Alpha');
      const sw = sweepsIn(from, to);
      const in11: Pred = (o) => o.gameId === '11';
      const watched = sw.reduce((a, s) => a + s.streams.filter(in11).reduce((q, o) => q + o.viewers, 0), 0);
      expect(g.series.series[0]!.averageViewers[0]).toBeCloseTo(watched / sw.length, 6);
      // Channel 5 played game 11 for part of broadcast A on day 0: only that time counts.
      const ch = ranking(sw, (o) => o.channelId, 'HOURS_WATCHED', in11);
      expect(g.topChannels.level).toBe('RAW');
      expect(g.topChannels.edges.map((e) => e.node.channelId)).toEqual(ch.map((x) => x.key));
      g.topChannels.edges.forEach((e, i) => {
        expect(e.node.hoursWatched).toBeCloseTo(ch[i]!.hoursWatched, 6);
        expect(e.node.peakViewers).toBe(ch[i]!.peakViewers);
      });
      const langs = ranking(sw, (o) => o.language, 'HOURS_WATCHED', in11);
      const total = langs.reduce((a, x) => a + x.hoursWatched, 0);
      expect(g.languageSplit.map((l) => l.language)).toEqual(langs.map((x) => x.key));
      g.languageSplit.forEach((l, i) => {
        expect(l.hoursWatched).toBeCloseTo(langs[i]!.hoursWatched, 6);
        expect(l.share).toBeCloseTo(langs[i]!.hoursWatched / total, 9);
      });
      expect(g.languageSplit.reduce((a, l) => a + l.share, 0)).toBeCloseTo(1, 9);
    });

    it('is null for a game never seen', async () => {
      const { body } = await env.api.gql<{ game: null }>(GAME, { id: '999', from: iso(START), to: iso(START + DAY) });
      expect(body.errors).toBeUndefined();
      expect(body.data!.game).toBeNull();
    });
  });

  const CHANNEL = `query C($id: ID, $login: String, $from: DateTime!, $to: DateTime!, $first: Int) {
    channel(id: $id, login: $login) {
      id login displayName
      sessions(from: $from, to: $to, first: $first) { streamId start end durationSeconds averageViewers peakViewers snapshots gamesPlayed }
    }
  }`;
  interface Session { streamId: string; start: string; end: string; durationSeconds: number; averageViewers: number; peakViewers: number; snapshots: number; gamesPlayed: string[] }

  describe('channel sessions', () => {
    it('gives each broadcast with start, end = last seen + s, duration, average, peak and games played', async () => {
      const { body } = await env.api.gql<{ channel: { id: string; login: string; displayName: string; sessions: Session[] } }>(
        CHANNEL, { login: 'C5', from: iso(START), to: iso(START + 3 * DAY) });
      expect(body.errors).toBeUndefined();
      const ch = body.data!.channel;
      expect(ch).toMatchObject({ id: '5', login: 'c5', displayName: 'C5' });
      expect(ch.sessions.map((s) => s.streamId)).toEqual([SESSION_B.streamId, SESSION_A.streamId]);
      for (const [session, def] of [[ch.sessions[1]!, SESSION_A], [ch.sessions[0]!, SESSION_B]] as const) {
        const rows = fixture.flatMap((s) => s.streams.filter((o) => o.streamId === def.streamId).map((o) => ({ ts: s.ts, o })));
        const lastTs = Math.max(...rows.map((r) => r.ts));
        expect(session.start).toBe(iso(def.startedAt));
        expect(session.end).toBe(iso(lastTs + S * 1000));
        expect(session.durationSeconds).toBe((lastTs + S * 1000 - def.startedAt) / 1000);
        expect(session.snapshots).toBe(rows.length);
        expect(session.averageViewers).toBeCloseTo(rows.reduce((a, r) => a + r.o.viewers, 0) / rows.length, 9);
        expect(session.peakViewers).toBe(Math.max(...rows.map((r) => r.o.viewers)));
        const games = [...new Set(rows.sort((a, b) => a.ts - b.ts).map((r) => GAME_NAMES[r.o.gameId]))];
        expect(session.gamesPlayed).toEqual(games);
      }
      expect(ch.sessions[1]!.gamesPlayed).toEqual(['Alpha', 'Beta']);
    });

    it('keeps only broadcasts overlapping the range and honours first', async () => {
      const afterA = START + (SESSION_A.last + 2) * S * 1000;
      const r1 = await env.api.gql<{ channel: { sessions: Session[] } }>(CHANNEL, { id: '5', from: iso(afterA), to: iso(START + 3 * DAY) });
      expect(r1.body.data!.channel.sessions.map((s) => s.streamId)).toEqual([SESSION_B.streamId]);
      const r2 = await env.api.gql<{ channel: { sessions: Session[] } }>(CHANNEL, { id: '5', from: iso(START), to: iso(START + 3 * DAY), first: 1 });
      expect(r2.body.data!.channel.sessions.map((s) => s.streamId)).toEqual([SESSION_B.streamId]);
    });
  });

  const PIPELINE = `query P($limit: Int) {
    pipeline(limit: $limit) {
      recentRuns { job status apiCalls rateLimitRemaining error durationSeconds }
      lastSuccess { job status apiCalls }
      freshness { lastSweepAt secondsSinceLastSweep sweepIntervalSeconds intervalsBehind stale }
      helixRateLimitRemaining
    }
  }`;

  describe('pipeline', () => {
    it('lists recent runs, last success per job, freshness and the Helix budget', async () => {
      const runs = new IngestionRunRepository(env.db);
      const a = await runs.start({ source: 'twitch', job: 'twitch.sweep-streams' });
      await runs.finish(a, { status: 'succeeded', apiCalls: 7, rateLimitRemaining: 780 });
      const b = await runs.start({ source: 'twitch', job: 'twitch.sweep-streams' });
      await runs.finish(b, { status: 'failed', apiCalls: 2, rateLimitRemaining: 640, error: 'Helix 503' });
      const c = await runs.start({ source: 'maintenance', job: 'maintenance.run' });
      await runs.finish(c, { status: 'succeeded' });
      const { body } = await env.api.gql<{ pipeline: { recentRuns: Array<{ job: string; status: string; apiCalls: number | null; error: string | null }>; lastSuccess: Array<{ job: string; apiCalls: number | null }>; freshness: { lastSweepAt: string; secondsSinceLastSweep: number; sweepIntervalSeconds: number; intervalsBehind: number; stale: boolean }; helixRateLimitRemaining: number } }>(PIPELINE, { limit: 10 });
      expect(body.errors).toBeUndefined();
      const p = body.data!.pipeline;
      expect(p.recentRuns.map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded']);
      expect(p.recentRuns[1]!.error).toBe('Helix 503');
      expect(p.lastSuccess.map((r) => [r.job, r.apiCalls])).toEqual([['maintenance.run', null], ['twitch.sweep-streams', 7]]);
      expect(p.helixRateLimitRemaining).toBe(640);
      const lastSweep = Math.max(...fixture.map((s) => s.ts));
      expect(p.freshness.lastSweepAt).toBe(iso(lastSweep));
      expect(p.freshness.secondsSinceLastSweep).toBe((NOW - lastSweep) / 1000);
      expect(p.freshness.sweepIntervalSeconds).toBe(S);
      expect(p.freshness.intervalsBehind).toBeCloseTo((NOW - lastSweep) / 1000 / S, 9);
      expect(p.freshness.stale).toBe((NOW - lastSweep) / 1000 > 2 * S);
    });
  });

  describe('refused inputs', () => {
    const ok = { from: iso(START + DAY), to: iso(START + 2 * DAY) };
    it.each([
      [TOP_GAMES, { ...ok, first: 101 }, 'first: must be between 1 and 100'],
      [TOP_GAMES, { ...ok, first: 0 }, 'first: must be between 1 and 100'],
      [TOP_GAMES, { ...ok, after: 'bm9wZQ==' }, 'after: not a cursor'],
      [TOP_GAMES, { ...ok, by: 'VIEWERS_PER_CHANNEL' }, 'by: top lists rank by'],
      [TOP_CHANNELS, { ...ok, to: iso(START) }, 'to: must be after from'],
      [SEARCH_CHANNELS, { ...ok, search: 'x'.repeat(101) }, 'search: at most 100 characters'],
      [TOP_LANGUAGES, { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to: the range may span at most 366 days'],
      [GAME, { ...ok, id: 'x1' }, 'id: Twitch game ids are numeric'],
      [CHANNEL, { ...ok }, 'id: give exactly one of id or login'],
      [CHANNEL, { ...ok, id: '5', login: 'c5' }, 'id: give exactly one of id or login'],
      [CHANNEL, { ...ok, login: 'bad login!' }, 'login: Twitch logins are'],
      [CHANNEL, { ...ok, id: '5', first: 500 }, 'first: must be between 1 and 100'],
      [PIPELINE, { limit: 1000 }, 'limit: must be between 1 and 100'],
    ])('refuses %#', async (query, vars, message) => {
      const { status, body } = await env.api.gql(query, vars);
      expect(body.errors?.[0]?.message).toContain(message);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(status).toBeLessThan(500);
    });
  });
});
