import { matchXQuery, parseXQuery, startSimulator, type Simulator } from '@streamscope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XClient, compareXIds, type XClientOptions, type XLogger } from './x.client';
import { XContractError, XHttpError } from './x.errors';

const HOUR = 3_600_000;
const START = Date.UTC(2025, 2, 12, 21, 0, 5);

function fakeTime(start: number) {
  const state = { t: start, slept: [] as number[] };
  return {
    state,
    now: () => state.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      state.slept.push(ms);
      state.t += ms;
    },
  };
}

function capturingLogger(lines: string[]): XLogger {
  const push = (obj: object, msg?: string) => lines.push(JSON.stringify(obj) + (msg ?? ''));
  return { debug: push, info: push, warn: push, error: push };
}

/** The simulator's own matching posts in [start, end), ascending: the truth to compare against. */
function truth(sim: Simulator, query: string, start: number, end: number) {
  const parsed = parseXQuery(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return sim.xWorld.postsBetween(start, end).filter((p) => matchXQuery(parsed.ast, p.match));
}

describe('XClient against the simulator', () => {
  let sim: Simulator;
  const time = fakeTime(START);
  const logLines: string[] = [];
  const client = (overrides: Partial<XClientOptions> = {}) =>
    new XClient({
      bearerToken: sim.xBearerToken,
      apiUrl: sim.xApiUrl,
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5,
      maxAttempts: 6,
      logger: capturingLogger(logLines),
      ...overrides,
    });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 21, channels: 600, clock: () => new Date(time.state.t), xRateLimits: { 'counts/recent': 3 } });
  });
  afterAll(() => sim.close());

  it('counts per hourly bucket equal the simulated world for the same query', async () => {
    const query = '#LeagueOfLegends OR "Grand Theft Auto V"';
    const startTime = new Date(START - 30 * HOUR);
    const endTime = new Date(START - 60_000);
    const res = await client().countsRecent(query, { granularity: 'hour', startTime, endTime });
    const posts = truth(sim, query, startTime.getTime(), endTime.getTime());
    // [15:00:05, 16:00) … [20:00, 20:59:05): partial first and last buckets, 28 whole hours between.
    expect(res.buckets).toHaveLength(30);
    expect(res.buckets.map((b) => b.count)).toEqual(
      res.buckets.map((b) => posts.filter((p) => p.createdAt >= b.start.getTime() && p.createdAt < b.end.getTime()).length),
    );
    expect(res.total).toBe(posts.length);
    expect(res.total).toBeGreaterThan(0);
    expect(res.apiCalls).toBe(1);
  });

  it('follows next_token pages of minute counts into one ascending series', async () => {
    const res = await client().countsRecent('#GTAV', { granularity: 'minute', startTime: new Date(START - 50 * HOUR) });
    expect(res.apiCalls).toBe(3); // 3000 minute buckets at 1440 per page
    expect(res.buckets).toHaveLength(3000);
    for (let k = 1; k < res.buckets.length; k++) expect(res.buckets[k]!.start.getTime()).toBe(res.buckets[k - 1]!.end.getTime());
    const posts = truth(sim, '#GTAV', START - 50 * HOUR, START - 10_000);
    expect(res.total).toBe(posts.length);
  });

  it('with since_id across two calls returns every post once as the clock advances', async () => {
    const query = '#Valorant OR #LeagueOfLegends OR #JustChatting';
    const startTime = new Date(time.state.t - 2 * HOUR);
    const c = client();
    const first = await c.searchRecent(query, { maxPosts: 10_000, startTime });
    expect(first.stoppedBy).toBe('exhausted');
    expect(first.newestId).toBe([...first.posts.map((p) => p.id)].sort(compareXIds).at(-1));
    time.state.t += 40 * 60_000;
    const second = await c.searchRecent(query, { maxPosts: 10_000, startTime, sinceId: first.newestId! });
    const a = first.posts.map((p) => p.id);
    const b = second.posts.map((p) => p.id);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    const expected = truth(sim, query, startTime.getTime(), time.state.t - 10_000).map((p) => p.id);
    expect([...a, ...b].sort(compareXIds)).toEqual(expected);
    // Every post's author is in users, with numbers from the world.
    const authors = new Map(second.users.map((u) => [u.id, u]));
    for (const p of second.posts) expect(authors.has(p.authorId)).toBe(true);
  });

  it('keeps ids above 2^53 exactly, and normalizes kinds and case-folded entities', async () => {
    const res = await client().searchRecent('#LeagueOfLegends', { maxPosts: 100, startTime: new Date(time.state.t - 6 * HOUR) });
    const world = new Map(sim.xWorld.postsBetween(time.state.t - 6 * HOUR, time.state.t).map((p) => [p.id, p]));
    expect(res.posts.length).toBeGreaterThan(10);
    for (const p of res.posts) {
      expect(BigInt(p.id) > 2n ** 53n).toBe(true);
      expect(String(Number(p.id))).not.toBe(p.id); // a number would have lost digits
      const w = world.get(p.id)!;
      expect(w).toBeDefined();
      expect(p.kind).toBe(w.kind);
      expect(p.authorId).toBe(w.authorId);
      expect(p.createdAt.getTime()).toBe(w.createdAt);
      expect(p.hashtags).toEqual([...new Set(w.entities.hashtags.map((h) => h.tag.toLowerCase()))]);
      expect(p.mentions).toEqual([...new Set(w.entities.mentions.map((m) => m.username.toLowerCase()))]);
      expect(p.hashtags).toContain('leagueoflegends');
      expect(p.conversationId).toBe(w.conversationId);
    }
    expect(new Set(res.posts.map((p) => p.kind)).size).toBeGreaterThan(2);
  });

  it('stops at the maxPosts cap', async () => {
    const res = await client().searchRecent('gaming OR #GTAV', { maxPosts: 25, maxResults: 10 });
    expect(res.posts).toHaveLength(25);
    expect(res.stoppedBy).toBe('cap');
    expect(res.pages).toBe(3);
    expect(res.postsRead).toBe(30);
  });

  it('waits for the window reset on 429 and completes', async () => {
    const c = client();
    const opts = { granularity: 'day' as const };
    await c.countsRecent('gaming', opts);
    await c.countsRecent('gaming', opts);
    await c.countsRecent('gaming', opts);
    const state = c.stats.rateLimits['GET /tweets/counts/recent']!;
    expect(state.remaining).toBe(0);
    const sleptBefore = time.state.slept.length;
    const before = time.state.t;
    sim.xFaults.set({ rateLimitExhaust: false });
    // The client knows the window is spent and waits for its reset instead of collecting a 429.
    const res = await c.countsRecent('gaming', opts);
    expect(res.buckets.length).toBeGreaterThan(6);
    expect(time.state.slept.length).toBe(sleptBefore + 1);
    expect(time.state.slept.at(-1)).toBe(state.reset * 1000 + 1000 - before);
    expect(time.state.slept.at(-1)).toBeGreaterThan(0);
    // A fresh client does not know yet: it gets the 429 and then waits.
    sim.xFaults.set({ rateLimitExhaust: true });
    const fresh = client();
    const slept = time.state.slept.length;
    const again = await fresh.countsRecent('gaming', opts);
    expect(again.apiCalls).toBe(2);
    expect(time.state.slept.length).toBe(slept + 1);
    expect(sim.xFaults.events.some((e) => e.kind === 'rate-limit-drain')).toBe(true);
  });

  it('retries 5xx with backoff', async () => {
    sim.xFaults.reset();
    sim.xFaults.set({ errorRate: 0.6 });
    const res = await client({ maxAttempts: 20 }).lookupPosts(truth(sim, '#GTAV', time.state.t - HOUR, time.state.t - 60_000).map((p) => p.id).slice(0, 5));
    const errors = sim.xFaults.events.filter((e) => e.kind === 'error').length;
    sim.xFaults.reset();
    expect(res.posts).toHaveLength(5);
    expect(errors).toBeGreaterThan(0);
    expect(res.apiCalls).toBe(errors + 1);
  });

  it('returns the partial errors of a 200 that also has data, in batches of 100', async () => {
    const ids = truth(sim, 'gaming OR #GTAV OR #JustChatting', time.state.t - 12 * HOUR, time.state.t - 60_000).map((p) => p.id).slice(0, 150);
    expect(ids).toHaveLength(150);
    const res = await client().lookupPosts([...ids, '20', '1234567890123456789']);
    expect(res.apiCalls).toBe(2);
    expect(res.posts.map((p) => p.id).sort(compareXIds)).toEqual([...ids].sort(compareXIds));
    expect(res.partialErrors.map((e) => e.resourceId).sort()).toEqual(['1234567890123456789', '20']);
    expect(res.partialErrors[0]).toMatchObject({ endpoint: 'GET /tweets', parameter: 'ids', resourceType: 'tweet', title: 'Not Found Error' });
  });

  it('surfaces a bad query as XHttpError with endpoint and query, without the token', async () => {
    const err = await client()
      .searchRecent('foo -', { maxPosts: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XHttpError);
    const e = err as XHttpError;
    expect(e.status).toBe(400);
    expect(e.query).toBe('foo -');
    expect(e.endpoint).toBe('GET /tweets/search/recent');
    expect(e.message).toContain('foo -');
    expect(e.message).not.toContain(sim.xBearerToken);
    expect(logLines.join('\n')).not.toContain(sim.xBearerToken);
    expect(logLines.join('\n')).not.toContain(decodeURIComponent(sim.xBearerToken));
  });

  it('reports a malformed answer from the simulator as XContractError', async () => {
    sim.xFaults.reset();
    sim.xFaults.set({ malformedRate: 1 });
    const err = await client().lookupPosts(truth(sim, '#GTAV', time.state.t - HOUR, time.state.t - 60_000).map((p) => p.id).slice(0, 3)).catch((e: unknown) => e);
    const event = sim.xFaults.events.at(-1)!;
    sim.xFaults.reset();
    expect(err).toBeInstanceOf(XContractError);
    expect((err as XContractError).field).toBe(event.kind === 'malformed-json' ? 'body' : event.field);
  });
});

describe('XClient with a scripted fetch', () => {
  const token = 'AAAAAAAAAAAAAAAAAAAAAsecret%2Fvalue%3Dxyz';
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  const scripted = (answers: (() => Response)[], seen: URL[] = []): typeof fetch =>
    (async (input: string | URL | Request) => {
      seen.push(new URL(String(input instanceof Request ? input.url : input)));
      const next = answers.shift();
      if (!next) throw new Error('unexpected call');
      return next();
    }) as typeof fetch;

  it('names the field of a body that breaks the contract', async () => {
    const c = new XClient({
      bearerToken: token,
      apiUrl: 'https://api.x.com/2',
      fetch: scripted([() => reply(200, { data: [{ id: '1578516068309794817', text: 'ok' }, { id: 1578516068309794800, text: 'x' }], meta: { result_count: 2 } })]),
    });
    const err = await c.searchRecent('tweepy', { maxPosts: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XContractError);
    expect((err as XContractError).field).toBe('data[1].id');
    expect((err as XContractError).endpoint).toBe('GET /tweets/search/recent');
  });

  it('waits until x-rate-limit-reset on 429 (fake clock), then completes', async () => {
    const time = fakeTime(Date.UTC(2025, 0, 1));
    const reset = Math.floor(time.state.t / 1000) + 600;
    const c = new XClient({
      bearerToken: token,
      apiUrl: 'https://api.x.com/2',
      now: time.now,
      sleep: time.sleep,
      fetch: scripted([
        () => reply(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { 'x-rate-limit-limit': '300', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) }),
        () => reply(200, { data: [{ start: '2025-01-01T00:00:00.000Z', end: '2025-01-02T00:00:00.000Z', tweet_count: 7 }], meta: { total_tweet_count: 7 } }, { 'x-rate-limit-limit': '300', 'x-rate-limit-remaining': '299', 'x-rate-limit-reset': String(reset + 900) }),
      ]),
    });
    const res = await c.countsRecent('tweepy', { granularity: 'day' });
    expect(res.total).toBe(7);
    expect(res.apiCalls).toBe(2);
    expect(time.state.slept).toEqual([600_000 + 1000]);
    expect(c.stats.rateLimits['GET /tweets/counts/recent']).toEqual({ limit: 300, remaining: 299, reset: reset + 900 });
  });

  it('does not wait out a usage cap, and never echoes the bearer token', async () => {
    const c = new XClient({
      bearerToken: token,
      apiUrl: 'https://api.x.com/2',
      sleep: async () => {},
      fetch: scripted([
        () => reply(429, { title: 'UsageCapExceeded', detail: `Usage cap exceeded for ${token}`, type: 'https://api.twitter.com/2/problems/usage-capped', period: 'Monthly', scope: 'Product' }),
      ]),
    });
    const err = (await c.countsRecent('x y', { granularity: 'hour' }).catch((e: unknown) => e)) as XHttpError;
    expect(err).toBeInstanceOf(XHttpError);
    expect(err.status).toBe(429);
    expect(err.problem.type).toContain('usage-capped');
    expect(err.message).not.toContain(token);
    expect(JSON.stringify(err.problem)).not.toContain(token);
    expect(err.message).toContain('<redacted>');
  });

  it('aborts promptly while waiting', async () => {
    const controller = new AbortController();
    const c = new XClient({
      bearerToken: token,
      apiUrl: 'https://api.x.com/2',
      fetch: scripted([() => reply(503, { title: 'Service Unavailable', type: 'about:blank', status: 503 })]),
      random: () => 1,
    });
    const started = Date.now();
    const p = c.countsRecent('x y', { granularity: 'hour', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(p).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(400);
  });
});
