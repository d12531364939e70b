import { startSimulator, type Simulator } from '@streamscope/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HelixClient, type HelixClientOptions, type HelixLogger } from './helix.client';
import { HelixContractError, HelixHttpError, HelixNetworkError } from './helix.errors';

// 20:00:01 UTC, near the simulated daily peak and one second into a ranking minute.
const START = Date.UTC(2025, 2, 12, 20, 0, 1);

/** Shared fake time: the simulator's clock and the client's now/sleep read and move it. */
function fakeTime(start: number) {
  const state = { t: start, slept: [] as number[] };
  return {
    state,
    now: () => state.t,
    date: () => new Date(state.t),
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      state.slept.push(ms);
      state.t += ms;
    },
  };
}

function ids(streams: { id: string }[]): string[] {
  return streams.map((s) => s.id).sort();
}

function capturingLogger(lines: string[]): HelixLogger {
  const push = (obj: object, msg?: string) => lines.push(JSON.stringify(obj) + (msg ?? ''));
  return { debug: push, info: push, warn: push, error: push };
}

describe('HelixClient against the simulator', () => {
  let sim: Simulator;
  const time = fakeTime(START);
  let helixCalls = 0;
  /** Every Helix request moves simulated time, so viewer counts drift from page to page. */
  let stepMs = 0;
  const logLines: string[] = [];

  const client = (overrides: Partial<HelixClientOptions> = {}) =>
    new HelixClient({
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      apiUrl: sim.twitchApiUrl,
      authUrl: sim.twitchAuthUrl,
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5,
      maxAttempts: 8,
      logger: capturingLogger(logLines),
      fetch: (input, init) => {
        if (String(input).includes('/helix/')) {
          helixCalls += 1;
          time.state.t += stepMs;
        }
        return fetch(input, init);
      },
      ...overrides,
    });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, channels: 1500, clock: time.date });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.faults.reset();
    stepMs = 0;
    time.state.t = START;
    time.state.slept.length = 0;
  });

  it('sweeps exactly the live streams of the world while viewer counts drift between pages', async () => {
    stepMs = 2_500;
    const truth = sim.world.liveStreamsAt(new Date(START));
    const result = await client().sweepStreams();
    expect(truth.length).toBeGreaterThan(1000);
    expect(result.stopReason).toBe('complete');
    expect(result.partial).toBe(false);
    expect(ids(result.streams)).toEqual(ids(truth));
    expect(result.pages).toBe(Math.ceil(truth.length / 100));
    expect(result.apiCalls).toBe(result.pages);
    // the counts really moved: later pages show other values than the world at the start
    const startCounts = new Map(truth.map((s) => [s.id, s.viewer_count]));
    const drifted = result.streams.filter((s) => s.viewer_count !== startCounts.get(s.id)).length;
    expect(drifted).toBeGreaterThan(5);
    // 2.5 s between calls refills ~33 points each, so the bucket stays nearly full
    expect(result.rateLimitRemaining).toBe(799);
  });

  it('answers as of `at` through the time-travel header', async () => {
    const at = new Date(START - 6 * 3_600_000);
    const result = await client().sweepStreams({ at });
    expect(ids(result.streams)).toEqual(ids(sim.world.liveStreamsAt(at)));
    const counts = new Map(sim.world.liveStreamsAt(at).map((s) => [s.id, s.viewer_count]));
    expect(result.streams.every((s) => counts.get(s.id) === s.viewer_count)).toBe(true);
  });

  it('refreshes the token once on a 401 mid-sweep (tokens revoked) and completes', async () => {
    const at = new Date(START);
    let pages = 0;
    const c = client({
      fetch: (input, init) => {
        if (String(input).includes('/helix/streams') && ++pages === 3) sim.faults.revokeAllTokens();
        return fetch(input, init);
      },
    });
    const result = await c.sweepStreams({ at });
    expect(ids(result.streams)).toEqual(ids(sim.world.liveStreamsAt(at)));
    expect(c.stats.tokenRequests).toBe(2);
    expect(result.apiCalls).toBe(result.pages + 1);
  });

  it('gives up with HelixHttpError 401 when a fresh token is rejected too', async () => {
    sim.faults.set({ unauthorizedNext: 2 });
    const c = client();
    const err = await c.getTopGames().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HelixHttpError);
    expect(err).toMatchObject({ status: 401, endpoint: 'GET /games/top', helixMessage: 'Invalid OAuth token' });
    expect(c.stats.tokenRequests).toBe(2);
  });

  it('waits for Ratelimit-Reset on a 429 and completes without counting it as a failure', async () => {
    sim.faults.set({ rateLimitExhaust: true });
    const at = new Date(START);
    const c = client({ maxAttempts: 1 });
    const result = await c.sweepStreams({ at });
    expect(ids(result.streams)).toEqual(ids(sim.world.liveStreamsAt(at)));
    expect(sim.faults.events.map((e) => e.kind)).toEqual(['rate-limit-drain']);
    // the 429 said the bucket (800/min) is full again one minute after it was drained
    expect(time.state.slept[0]).toBeGreaterThanOrEqual(59_000);
    expect(time.state.slept[0]).toBeLessThanOrEqual(61_000);
    expect(result.apiCalls).toBe(result.pages + 1);
  });

  it('paces requests on a tiny bucket instead of running into 429s', async () => {
    let clock = START;
    const tiny = await startSimulator({ seed: 5, channels: 1500, clock: () => new Date(clock), rateLimitPerMinute: 6 });
    const statuses: number[] = [];
    try {
      const c = new HelixClient({
        clientId: tiny.clientId,
        clientSecret: tiny.clientSecret,
        apiUrl: tiny.twitchApiUrl,
        authUrl: tiny.twitchAuthUrl,
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (String(input).includes('/helix/')) statuses.push(res.status);
          return res;
        },
      });
      const at = new Date(START);
      const result = await c.sweepStreams({ at });
      expect(ids(result.streams)).toEqual(ids(tiny.world.liveStreamsAt(at)));
      expect(result.pages).toBeGreaterThan(10);
      // 6 points a minute: every call beyond the first six needs ~10 s of refill
      expect(clock - START).toBeGreaterThanOrEqual((result.pages - 6) * 10_000 - 1_000);
      // ...and no slower than the budget allows: the sweep runs at the refill rate (fake clock).
      expect(clock - START).toBeLessThanOrEqual((result.pages - 6) * 10_000 * 1.1 + 30_000);
      expect(statuses.filter((s) => s === 429).length).toBeLessThanOrEqual(1);
    } finally {
      await tiny.close();
    }
  });

  it('sweeps at the refill rate once the bucket is low, not slower', async () => {
    let clock = START;
    const sim = await startSimulator({ seed: 6, channels: 15_000, clock: () => new Date(clock), rateLimitPerMinute: 100 });
    try {
      const c = new HelixClient({
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        apiUrl: sim.twitchApiUrl,
        authUrl: sim.twitchAuthUrl,
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
      });
      const result = await c.sweepStreams({ at: new Date(START) });
      expect(result.pages).toBeGreaterThan(130);
      // 100 points a minute refill one every 600 ms; the first ~100 pages ride the full bucket.
      const minimum = (result.pages - 100) * 600;
      expect(clock - START).toBeGreaterThanOrEqual(minimum - 2_000);
      expect(clock - START).toBeLessThanOrEqual(minimum * 1.1 + 2_000);
    } finally {
      await sim.close();
    }
  });

  it('retries injected 5xx answers with backoff', async () => {
    sim.faults.set({ errorRate: 0.3 });
    const at = new Date(START);
    const result = await client().sweepStreams({ at });
    const errors = sim.faults.events.filter((e) => e.kind === 'error').length;
    expect(errors).toBeGreaterThan(0);
    expect(ids(result.streams)).toEqual(ids(sim.world.liveStreamsAt(at)));
    expect(result.apiCalls).toBe(result.pages + errors);
    expect(time.state.slept.length).toBeGreaterThanOrEqual(errors);
  });

  it('retries timeouts and gives up after maxAttempts', async () => {
    sim.faults.set({ timeoutRate: 0.3 });
    const at = new Date(START);
    const result = await client({ timeoutMs: 150 }).sweepStreams({ at });
    const timeouts = sim.faults.events.filter((e) => e.kind === 'timeout').length;
    expect(timeouts).toBeGreaterThan(0);
    expect(ids(result.streams)).toEqual(ids(sim.world.liveStreamsAt(at)));

    sim.faults.set({ timeoutRate: 1 });
    const err = await client({ timeoutMs: 100, maxAttempts: 2 }).getTopGames().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HelixNetworkError);
    expect((err as Error).message).toBe('GET /games/top: gave up after 2 attempts: timed out after 100 ms');
  });

  it('aborts promptly when the caller aborts', async () => {
    sim.faults.set({ timeoutRate: 1 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('shutdown')), 100);
    await expect(client({ timeoutMs: 30_000 }).sweepStreams({ signal: controller.signal })).rejects.toThrow('shutdown');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('throws HelixContractError naming the field of a malformed body', async () => {
    sim.faults.set({ malformedRate: 1 });
    const c = client();
    for (let k = 0; k < 6; k++) {
      const err = await c.sweepStreams().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HelixContractError);
      const event = sim.faults.events.at(-1)!;
      if (event.kind === 'malformed-json') expect((err as Error).message).toBe('GET /streams: body: invalid JSON');
      else expect((err as Error).message).toBe(`GET /streams: ${event.field}: expected number`);
    }
    expect(new Set(sim.faults.events.map((e) => e.kind))).toEqual(new Set(['malformed-json', 'malformed-type']));
  });

  it('batches ids by 100 with repeated id= parameters', async () => {
    const world = sim.world;
    const userIds = Array.from({ length: 230 }, (_, i) => world.userId(i * 3));
    const before = helixCalls;
    const c = client();
    const users = await c.getUsers([...userIds, userIds[0]!]);
    expect(helixCalls - before).toBe(3);
    expect(users.map((u) => u.id).sort()).toEqual([...userIds].sort());
    expect(users.find((u) => u.id === userIds[7])).toEqual(world.user(21));
    const games = await c.getGames(['509658', '21779', '404']);
    expect(games.map((g) => g.name).sort()).toEqual(['Just Chatting', 'League of Legends']);
    const top = await c.getTopGames({ first: 20, maxPages: 2 });
    expect(top.games).toHaveLength(40);
    expect(top.apiCalls).toBe(2);
  });

  it('shares one in-flight token request between concurrent calls', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 5 }, () => c.getGames(['509658'])));
    expect(c.stats.tokenRequests).toBe(1);
    expect(c.stats.apiCalls).toBe(5);
  });

  it('never puts the client secret or token into errors or logs', async () => {
    logLines.length = 0;
    const errors: unknown[] = [];
    const wrongSecret = client({ clientSecret: `${sim.clientSecret}-wrong` });
    errors.push(await wrongSecret.getTopGames().catch((e: unknown) => e));
    // an upstream that echoes credentials back in its error text
    const echo = client({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (!String(input).includes('/helix/')) return res;
        const auth = new Headers(init?.headers).get('authorization') ?? '';
        return new Response(JSON.stringify({ error: 'Bad Request', status: 400, message: `bad ${auth} ${sim.clientSecret}` }), { status: 400 });
      },
    });
    errors.push(await echo.getTopGames().catch((e: unknown) => e));
    sim.faults.set({ errorRate: 1 });
    errors.push(await client({ maxAttempts: 2 }).getTopGames().catch((e: unknown) => e));
    expect(errors.every((e) => e instanceof HelixHttpError)).toBe(true);
    expect((errors[0] as HelixHttpError).status).toBe(403);
    expect((errors[1] as HelixHttpError).helixMessage).toContain('<redacted>');
    const issued = await fetch(`${sim.twitchAuthUrl}/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'client_credentials' }),
    });
    const sampleToken = ((await issued.json()) as { access_token: string }).access_token;
    const text = JSON.stringify([...errors.map((e) => ({ ...(e as object), message: (e as Error).message, stack: (e as Error).stack })), ...logLines]);
    expect(text).not.toContain(sim.clientSecret);
    expect(text).not.toMatch(new RegExp(`Bearer [a-z0-9]{${sampleToken.length}}`));
  });
});

describe('HelixClient pagination guards (scripted API)', () => {
  const stream = (id: string, viewers: number) => ({
    id, user_id: `u${id}`, user_login: `l${id}`, user_name: `L${id}`, game_id: '', game_name: '', type: 'live', title: '',
    viewer_count: viewers, started_at: '2025-01-01T00:00:00Z', language: 'en', thumbnail_url: '', tags: null, tag_ids: [], is_mature: false,
  });

  function scripted(pages: { data: unknown[]; pagination: { cursor?: string } }[]) {
    let call = 0;
    const c = new HelixClient({
      clientId: 'c', clientSecret: 's3cret', apiUrl: 'http://api.test/helix', authUrl: 'http://id.test/oauth2', sleep: async () => {},
      fetch: async (input) => {
        if (String(input).includes('/oauth2/token')) return Response.json({ access_token: 'tok', expires_in: 3600, token_type: 'bearer' });
        const page = pages[Math.min(call++, pages.length - 1)]!;
        return Response.json(page);
      },
    });
    return { c, calls: () => call };
  }

  it('drops duplicates that drift across a page boundary, keeping the first', async () => {
    const { c } = scripted([
      { data: [stream('1', 100), stream('2', 90)], pagination: { cursor: 'Y3Vyc29yMQ==' } },
      { data: [stream('2', 95), stream('3', 80), stream('4', 70)], pagination: {} },
    ]);
    const r = await c.sweepStreams();
    expect(r.streams.map((s) => [s.id, s.viewer_count])).toEqual([['1', 100], ['2', 90], ['3', 80], ['4', 70]]);
    expect(r.duplicatesDropped).toBe(1);
    expect(r.stopReason).toBe('complete');
    expect(r.streams[0]!.tags).toEqual([]);
  });

  it('stops when the cursor wraps back to the top', async () => {
    const { c, calls } = scripted([
      { data: [stream('1', 100), stream('2', 90)], pagination: { cursor: 'Y3Vyc29yMQ==' } },
      { data: [stream('3', 50), stream('4', 40)], pagination: { cursor: 'Y3Vyc29yMg==' } },
      { data: [stream('1', 101), stream('2', 90)], pagination: { cursor: 'Y3Vyc29yMw==' } },
    ]);
    const r = await c.sweepStreams({ maxPages: 10 });
    expect(r.stopReason).toBe('cursor-loop');
    expect(r.partial).toBe(false);
    expect(r.streams.map((s) => s.id)).toEqual(['1', '2', '3', '4']);
    expect(calls()).toBe(3);
  });

  it('stops on a repeated cursor and treats "IA" (a space) as no cursor', async () => {
    const repeated = scripted([
      { data: [stream('1', 100)], pagination: { cursor: 'Y3Vyc29yMQ==' } },
      { data: [stream('2', 90)], pagination: { cursor: 'Y3Vyc29yMQ==' } },
    ]);
    expect((await repeated.c.sweepStreams()).stopReason).toBe('cursor-loop');
    const space = scripted([{ data: [stream('1', 100)], pagination: { cursor: 'IA' } }]);
    const r = await space.c.sweepStreams();
    expect(r.stopReason).toBe('complete');
    expect(space.calls()).toBe(1);
  });

  it('reports max-pages as partial', async () => {
    const { c } = scripted([
      { data: [stream('1', 100)], pagination: { cursor: 'YQ==' } },
      { data: [stream('2', 90)], pagination: { cursor: 'Yg==' } },
      { data: [stream('3', 80)], pagination: { cursor: 'Yw==' } },
    ]);
    const r = await c.sweepStreams({ maxPages: 2 });
    expect(r).toMatchObject({ pages: 2, stopReason: 'max-pages', partial: true });
  });
});
