import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../server';
import { GAMES } from '../twitch/catalog';
import { TwitchWorld } from '../twitch/world';
import { matchXQuery, parseXQuery } from './x.query';
import { XWorld } from './x.world';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 2, 12, 21, 0, 5);

type Json = Record<string, unknown> & { data?: Record<string, unknown>[]; meta?: Record<string, unknown> };

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < n; k++) {
    ab += (a[k]! - ma) * (b[k]! - mb);
    aa += (a[k]! - ma) ** 2;
    bb += (b[k]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('X simulator world', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const h = Math.floor(T0 / HOUR) - 3;
    const a = new XWorld(new TwitchWorld(5, 300)).postsInHour(h);
    const b = new XWorld(new TwitchWorld(5, 300)).postsInHour(h);
    expect(a.map((p) => [p.id, p.text, p.authorId])).toEqual(b.map((p) => [p.id, p.text, p.authorId]));
    const c = new XWorld(new TwitchWorld(6, 300)).postsInHour(h);
    expect(c.map((p) => p.text)).not.toEqual(a.map((p) => p.text));
  });

  it('mints snowflake ids above 2^53 that grow with time, and entity spans that point at their text', () => {
    const w = new XWorld(new TwitchWorld(5, 300));
    const h = Math.floor(T0 / HOUR) - 3;
    const posts = [...w.postsInHour(h), ...w.postsInHour(h + 1)];
    expect(posts.length).toBeGreaterThan(20);
    for (let k = 0; k < posts.length; k++) {
      const p = posts[k]!;
      expect(p.id).toMatch(/^\d{19}$/);
      expect(BigInt(p.id) > 2n ** 53n).toBe(true);
      expect(Number((BigInt(p.id) >> 22n) + 1_288_834_974_657n)).toBe(p.createdAt);
      if (k > 0) expect(BigInt(p.id) > BigInt(posts[k - 1]!.id)).toBe(true);
      const cps = [...p.text];
      for (const e of p.entities.hashtags) expect(cps.slice(e.start, e.end).join('')).toBe(`#${e.tag}`);
      for (const e of p.entities.mentions) expect(cps.slice(e.start, e.end).join('')).toBe(`@${e.username}`);
      for (const e of p.entities.urls) expect(cps.slice(e.start, e.end).join('')).toBe(e.url);
      expect(w.postById(p.id)?.text).toBe(p.text);
    }
    const kinds = new Set(posts.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['original', 'quote', 'reply', 'retweet']);
    expect(new Set(posts.map((p) => p.lang)).size).toBeGreaterThan(4);
  });

  it('has heavy-tailed author followers', () => {
    const w = new XWorld(new TwitchWorld(5, 300));
    const f = Array.from({ length: 4000 }, (_, i) => w.user(i).public_metrics.followers_count).sort((a, b) => a - b);
    expect(f[2000]!).toBeLessThan(60);
    expect(f[3999]!).toBeGreaterThan(50 * f[2000]!);
  });
});

describe('X simulator over HTTP', () => {
  let sim: Simulator;
  let nowMs = T0;
  const x = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${sim.xApiUrl}${path}`, { headers: { Authorization: `Bearer ${sim.xBearerToken}`, ...headers } });
  const json = async (path: string): Promise<Json> => {
    const res = await x(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Json;
  };
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, channels: 800, clock: () => new Date(nowMs), xRateLimits: { 'counts/recent': 40 } });
  });
  afterAll(() => sim.close());

  it('derives the bearer token from the seed and rejects others with the recorded 401 (no rate-limit headers)', async () => {
    const again = await startSimulator({ seed: 11, channels: 50 });
    expect(again.xBearerToken).toBe(sim.xBearerToken);
    await again.close();
    const res = await fetch(`${sim.xApiUrl}/tweets/search/recent?query=x`, { headers: { Authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    expect(res.headers.get('x-rate-limit-limit')).toBeNull();
    const missing = await x('/tweets/nothing/here');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('');
  });

  it('serves counts/recent with the recorded shape: 169 hourly buckets, partial ends, total = sum', async () => {
    const body = await json(`/tweets/counts/recent?${q({ query: '#LeagueOfLegends' })}`);
    expect(Object.keys(body).sort()).toEqual(['data', 'meta']);
    const data = body.data as { start: string; end: string; tweet_count: number }[];
    expect(data).toHaveLength(169);
    expect(data[0]!.start).toBe(new Date(T0 - 10_000 - 7 * 24 * HOUR).toISOString());
    expect(data[data.length - 1]!.end).toBe(new Date(T0 - 10_000).toISOString());
    for (let k = 1; k < data.length; k++) expect(data[k]!.start).toBe(data[k - 1]!.end);
    expect(data[1]!.start.endsWith(':00:00.000Z')).toBe(true);
    expect(body.meta).toEqual({ total_tweet_count: data.reduce((a, d) => a + d.tweet_count, 0) });
    expect(Object.keys(data[0]!).sort()).toEqual(['end', 'start', 'tweet_count']);
  });

  it('answers search/recent newest first with the requested fields, unique includes.users and meta', async () => {
    const body = await json(
      `/tweets/search/recent?${q({
        query: '"League of Legends" OR #Valorant',
        max_results: '50',
        'tweet.fields': 'created_at,public_metrics,lang,author_id,entities,conversation_id,referenced_tweets',
        expansions: 'author_id',
        'user.fields': 'username,name,public_metrics,verified,created_at',
      })}`,
    );
    const data = body.data!;
    expect(data).toHaveLength(50);
    for (let k = 1; k < data.length; k++) expect(BigInt(data[k - 1]!.id as string) > BigInt(data[k]!.id as string)).toBe(true);
    const meta = body.meta!;
    expect(meta.newest_id).toBe(data[0]!.id);
    expect(meta.oldest_id).toBe(data[49]!.id);
    expect(meta.result_count).toBe(50);
    expect(meta.next_token).toMatch(/^[0-9a-z]{45}$/);
    for (const t of data) {
      expect(typeof t.created_at).toBe('string');
      expect(Object.keys(t.public_metrics as object).sort()).toEqual(
        ['bookmark_count', 'impression_count', 'like_count', 'quote_count', 'reply_count', 'retweet_count'],
      );
      expect(t.edit_history_tweet_ids).toEqual([t.id]);
    }
    const users = (body.includes as { users: { id: string; public_metrics: object }[] }).users;
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.id))).toEqual(new Set(data.map((t) => t.author_id)));
    // Default fields only: id, text, edit_history_tweet_ids.
    const plain = await json(`/tweets/search/recent?${q({ query: '#LeagueOfLegends' })}`);
    expect(Object.keys(plain.data![0]!).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    expect(plain.includes).toBeUndefined();
    const none = await json(`/tweets/search/recent?${q({ query: 'zzzqqqnothing' })}`);
    expect(none).toEqual({ meta: { result_count: 0 } });
  });

  it('counts agree with search, bucket by bucket, for several queries', async () => {
    const start = new Date(T0 - 6 * HOUR - 17 * 60_000).toISOString();
    const end = new Date(T0 - 5 * 60_000).toISOString();
    for (const query of ['#LeagueOfLegends', 'lang:ja (#GTAV OR #Valorant)', 'gaming -is:retweet', '"Grand Theft Auto V" is:reply']) {
      const counts = await json(`/tweets/counts/recent?${q({ query, start_time: start, end_time: end })}`);
      const buckets = counts.data as { start: string; end: string; tweet_count: number }[];
      const times: number[] = [];
      let token: string | undefined;
      do {
        const page = await json(
          `/tweets/search/recent?${q({ query, start_time: start, end_time: end, max_results: '100', 'tweet.fields': 'created_at', ...(token ? { next_token: token } : {}) })}`,
        );
        for (const t of page.data ?? []) times.push(Date.parse(t.created_at as string));
        token = page.meta!.next_token as string | undefined;
      } while (token);
      const fromSearch = buckets.map((b) => times.filter((t) => t >= Date.parse(b.start) && t < Date.parse(b.end)).length);
      expect(buckets.map((b) => b.tweet_count), query).toEqual(fromSearch);
      expect(times.length, query).toBeGreaterThan(0);
    }
  });

  it('pages minute counts newest day first and rejects windows outside the last 7 days', async () => {
    const first = await json(`/tweets/counts/recent?${q({ query: '#GTAV', granularity: 'minute' })}`);
    const data = first.data as { start: string }[];
    expect(data).toHaveLength(1440);
    expect(first.meta!.next_token).toBeTruthy();
    const second = await json(`/tweets/counts/recent?${q({ query: '#GTAV', granularity: 'minute', next_token: first.meta!.next_token as string })}`);
    expect(Date.parse((second.data as { end: string }[]).at(-1)!.end)).toBe(Date.parse(data[0]!.start));
    const old = await x(`/tweets/counts/recent?${q({ query: '#GTAV', start_time: new Date(T0 - 8 * 24 * HOUR).toISOString() })}`);
    expect(old.status).toBe(400);
    const body = (await old.json()) as Json;
    expect(body.title).toBe('Invalid Request');
    expect(body.type).toBe('https://api.twitter.com/2/problems/invalid-request');
    expect(old.headers.get('x-rate-limit-remaining')).not.toBeNull();
    const bad = await x(`/tweets/search/recent?${q({ query: 'foo -' })}`);
    expect(bad.status).toBe(400);
  });

  it('looks up ids with partial errors in the recorded shape, and metrics grow with age', async () => {
    const page = await json(`/tweets/search/recent?${q({ query: '#LeagueOfLegends -is:retweet', max_results: '100', start_time: new Date(T0 - 24 * HOUR).toISOString() })}`);
    const ids = page.data!.map((t) => t.id as string);
    const body = await json(`/tweets?${q({ ids: [ids[0]!, '1', ids[1]!].join(','), 'tweet.fields': 'public_metrics' })}`);
    expect(body.data!.map((t) => t.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(body.errors).toEqual([
      {
        value: '1',
        detail: 'Could not find tweet with ids: [1].',
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: '1',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ]);
    const all = `/tweets?${q({ ids: ids.join(','), 'tweet.fields': 'public_metrics' })}`;
    const likes = (b: Json) => b.data!.reduce((a, t) => a + (t.public_metrics as { like_count: number }).like_count, 0);
    const early = likes(await json(all));
    nowMs = T0 + 3 * 24 * HOUR;
    const later = likes(await json(all));
    nowMs = T0;
    expect(later).toBeGreaterThan(early);
    // A post from the future does not exist yet.
    const future = sim.xWorld.postsInHour(Math.floor(T0 / HOUR) + 2)[0]!;
    const fb = await json(`/tweets?ids=${future.id}`);
    expect(fb.data).toBeUndefined();
    expect((fb.errors as unknown[]).length).toBe(1);
  });

  it('rate-limits per endpoint in 15-minute windows with x-rate-limit headers', async () => {
    const limited = await startSimulator({ seed: 3, channels: 50, clock: () => new Date(nowMs), xRateLimits: { 'counts/recent': 2 } });
    const call = (path: string) => fetch(`${limited.xApiUrl}${path}`, { headers: { Authorization: `Bearer ${limited.xBearerToken}` } });
    const r1 = await call('/tweets/counts/recent?query=gaming&granularity=day');
    expect(r1.headers.get('x-rate-limit-limit')).toBe('2');
    expect(r1.headers.get('x-rate-limit-remaining')).toBe('1');
    expect(Number(r1.headers.get('x-rate-limit-reset'))).toBe(Math.ceil((nowMs + 15 * 60_000) / 1000));
    await call('/tweets/counts/recent?query=gaming&granularity=day');
    const r3 = await call('/tweets/counts/recent?query=gaming&granularity=day');
    expect(r3.status).toBe(429);
    expect(await r3.json()).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    const other = await call('/tweets/search/recent?query=gaming');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-rate-limit-limit')).toBe('450');
    await limited.close();
  });

  it('ties post volume to the game’s Twitch viewers lagged by 1-2 hours (Pearson r > 0.6 over 3 days)', async () => {
    expect(sim.xWorld.lagMs).toBeGreaterThanOrEqual(HOUR);
    expect(sim.xWorld.lagMs).toBeLessThanOrEqual(2 * HOUR);
    const firstHour = Math.floor(T0 / HOUR) - 73;
    const hours = Array.from({ length: 72 }, (_, k) => firstHour + k);
    // The hour's viewers = the Twitch world at mid-hour minus the lag; pick the biggest game.
    const viewers = hours.map((h) => sim.world.gameTotalsAt(h * HOUR + HOUR / 2 - sim.xWorld.lagMs));
    const sum = new Map<string, number>();
    for (const list of viewers) for (const g of list) sum.set(g.game.id, (sum.get(g.game.id) ?? 0) + g.viewers);
    const gameId = [...sum.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const tag = sim.xWorld.gameHashtag(gameId);
    const counts = await json(
      `/tweets/counts/recent?${q({ query: `#${tag}`, start_time: new Date(firstHour * HOUR).toISOString(), end_time: new Date((firstHour + 72) * HOUR).toISOString() })}`,
    );
    const posts = (counts.data as { tweet_count: number }[]).map((d) => d.tweet_count);
    expect(posts).toHaveLength(72);
    const v = viewers.map((list) => list.find((g) => g.game.id === gameId)!.viewers);
    const r = pearson(v, posts);
    expect(r, `${GAMES.find((g) => g.id === gameId)!.name} r=${r}`).toBeGreaterThan(0.6);
    // Unlagged viewers explain less: the lag is real.
    const unlagged = hours.map((h) => sim.world.gameTotalsAt(h * HOUR + HOUR / 2).find((g) => g.game.id === gameId)!.viewers);
    expect(pearson(unlagged, posts)).toBeLessThan(r);
  });

  it('search matches the world truth for the query', async () => {
    const start = T0 - 3 * HOUR;
    const query = '@' + sim.xWorld.postsBetween(start, T0 - 10_000).find((p) => p.entities.mentions.length > 0)!.entities.mentions[0]!.username;
    const parsed = parseXQuery(query);
    if (!parsed.ok) throw new Error(parsed.message);
    const truth = sim.xWorld.postsBetween(start, T0 - 10_000).filter((p) => matchXQuery(parsed.ast, p.match)).map((p) => p.id).reverse();
    const body = await json(`/tweets/search/recent?${q({ query, start_time: new Date(start).toISOString(), max_results: '100' })}`);
    expect((body.data ?? []).map((t) => t.id)).toEqual(truth.slice(0, 100));
    expect(truth.length).toBeGreaterThan(0);
  });
});
