import { matchXQuery, parseXQuery, startSimulator, type FaultInjector, type FaultSettings, type Simulator } from '@streamscope/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { networkDetail } from './http/network-error';
import { HelixClient } from './twitch/helix.client';
import { HelixNetworkError } from './twitch/helix.errors';
import { XClient } from './x/x.client';
import { XNetworkError } from './x/x.errors';

/**
 * Issue #8, upstream: connections reset before or during the answer, bodies that trickle past the
 * timeout, and the jittered backoff between attempts, for both clients against the simulator.
 */
const START = Date.UTC(2025, 2, 12, 20, 0, 1);
const HOUR = 3_600_000;
const X_QUERY = '#Valorant OR #LeagueOfLegends OR #JustChatting OR gaming';

/** The documented backoff of each client: after failure n, uniform in [c/2, c), c = min(cap, base × 2^(n-1)). */
const BACKOFF = { helix: { base: 250, cap: 10_000 }, x: { base: 500, cap: 20_000 } } as const;

interface Call {
  path: string;
  /** HTTP status once the headers arrived; null when the request failed before any response. */
  status: number | null;
}

/** A tiny seeded generator for the injected `random` (independent of the simulator's). */
function seeded(seed: number): { next: () => number; drawn: number[] } {
  let a = seed >>> 0;
  const drawn: number[] = [];
  return {
    drawn,
    next: () => {
      a = (Math.imul(a, 1_664_525) + 1_013_904_223) >>> 0;
      const r = a / 4_294_967_296;
      drawn.push(r);
      return r;
    },
  };
}

let sim: Simulator;
/** Simulator clock: moves one second per Helix call (so the 800/min bucket stays full), never on X calls. */
let simT = START;
/** Client clock: moved only by the client's own (fake) sleeps, which are recorded. */
const client = { t: START, slept: [] as number[] };
const calls: Call[] = [];
const logs: { msg: string; obj: Record<string, unknown> }[] = [];

const logger = {
  debug() {},
  info() {},
  warn: (obj: object, msg?: string) => void logs.push({ msg: msg ?? '', obj: obj as Record<string, unknown> }),
  error: (obj: object, msg?: string) => void logs.push({ msg: msg ?? '', obj: obj as Record<string, unknown> }),
};

const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  if (url.pathname.startsWith('/oauth2/')) return fetch(input, init);
  if (url.pathname.startsWith('/helix/')) simT += 1_000;
  const call: Call = { path: url.pathname, status: null };
  calls.push(call);
  const res = await fetch(input, init);
  call.status = res.status;
  return res;
};

const common = {
  logger,
  fetch: recordingFetch,
  now: () => client.t,
  sleep: async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    client.slept.push(ms);
    client.t += ms;
  },
  random: () => 0.5,
  maxAttempts: 8,
};

const helix = (o: Partial<ConstructorParameters<typeof HelixClient>[0]> = {}) =>
  new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl, ...common, ...o });
const x = (o: Partial<ConstructorParameters<typeof XClient>[0]> = {}) => new XClient({ bearerToken: sim.xBearerToken, apiUrl: sim.xApiUrl, ...common, ...o });

/** Matching posts in [start, now - 10 s) by the simulator's clock (X calls do not move it). */
function xTruth(start: number): string[] {
  const parsed = parseXQuery(X_QUERY);
  if (!parsed.ok) throw new Error(parsed.message);
  return sim.xWorld
    .postsBetween(start, simT - 10_000)
    .filter((p) => matchXQuery(parsed.ast, p.match))
    .map((p) => p.id)
    .sort();
}

/** The same scenario for both clients: a multi-page read whose exact result the simulator knows. */
interface Side {
  name: 'helix' | 'x';
  faults: () => FaultInjector;
  /** Reads every page; the ids found, the truth, and pages/apiCalls as the client counted them. */
  read(timeoutMs?: number): Promise<{ found: string[]; truth: string[]; pages: number; apiCalls: number }>;
  /** One single-request call. */
  one(o: { maxAttempts: number; timeoutMs?: number; random?: () => number }): Promise<unknown>;
  failedMsg: string;
  NetworkError: typeof HelixNetworkError | typeof XNetworkError;
  endpoint: string;
  secret: () => string;
}

const sides: Side[] = [
  {
    name: 'helix',
    faults: () => sim.faults,
    async read(timeoutMs) {
      const at = new Date(START);
      const r = await helix(timeoutMs ? { timeoutMs } : {}).sweepStreams({ at });
      return {
        found: r.streams.map((s) => s.id).sort(),
        truth: sim.world.liveStreamsAt(at).map((s) => s.id).sort(),
        pages: r.pages,
        apiCalls: r.apiCalls,
      };
    },
    one: (o) => helix(o).getTopGames({ first: 100 }),
    failedMsg: 'helix request failed',
    NetworkError: HelixNetworkError,
    endpoint: 'GET /games/top',
    secret: () => sim.clientSecret,
  },
  {
    name: 'x',
    faults: () => sim.xFaults,
    async read(timeoutMs) {
      // ~80 posts at the smallest page size (10): several pages.
      const startTime = START - 2 * HOUR;
      const r = await x(timeoutMs ? { timeoutMs } : {}).searchRecent(X_QUERY, { maxPosts: 100_000, maxResults: 10, startTime: new Date(startTime) });
      return { found: r.posts.map((p) => p.id).sort(), truth: xTruth(startTime), pages: r.pages, apiCalls: r.apiCalls };
    },
    one: (o) => x(o).lookupPosts(xTruth(START - HOUR).slice(0, 20)),
    failedMsg: 'x request failed',
    NetworkError: XNetworkError,
    endpoint: 'GET /tweets',
    secret: () => sim.xBearerToken,
  },
];

const count = (faults: FaultInjector, kind: string) => faults.events.filter((e) => e.kind === kind).length;
const failures = (side: Side) => logs.filter((l) => l.msg === side.failedMsg).map((l) => String(l.obj.reason));

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, channels: 900, clock: () => new Date(simT) });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.reset();
  sim.xFaults.reset();
  calls.length = 0;
  logs.length = 0;
  client.slept.length = 0;
  client.t = START;
});

describe.each(sides)('$name client: connection resets', (side) => {
  it('retries resets before the response and mid-body with backoff, and still returns exactly the truth', async () => {
    side.faults().set({ resetBeforeResponseRate: 0.2, resetMidBodyRate: 0.25 });
    const r = await side.read();
    const faults = side.faults();
    const before = count(faults, 'reset-before-response');
    const midBody = count(faults, 'reset-mid-body');
    expect(r.pages).toBeGreaterThan(4);
    expect(before).toBeGreaterThan(0);
    expect(midBody).toBeGreaterThan(0);
    expect(r.found).toEqual(r.truth);
    expect(new Set(r.found).size).toBe(r.found.length);
    // Each reset cost exactly one extra attempt, and each was followed by one backoff sleep.
    expect(r.apiCalls).toBe(r.pages + before + midBody);
    expect(client.slept).toHaveLength(before + midBody);
    // Mid-body resets really came after the headers: those attempts got a 200 and then failed.
    expect(calls.filter((c) => c.status === null)).toHaveLength(before);
    expect(calls.filter((c) => c.status === 200)).toHaveLength(r.pages + midBody);
    const reasons = failures(side);
    expect(reasons.filter((m) => m.startsWith('network error: connection closed while reading the body'))).toHaveLength(midBody);
    expect(reasons).toHaveLength(before + midBody);
  });

  it('gives up after maxAttempts with a short network error (no secret, no body)', async () => {
    for (const setting of [{ resetMidBodyRate: 1 }, { resetBeforeResponseRate: 1 }] satisfies FaultSettings[]) {
      side.faults().reset();
      side.faults().set(setting);
      calls.length = 0;
      const err = (await side.one({ maxAttempts: 3 }).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(side.NetworkError);
      expect(err.message).toMatch(new RegExp(`^${side.endpoint}: gave up after 3 attempts: network error: \\S`));
      if ('resetMidBodyRate' in setting) expect(err.message).toContain('connection closed while reading the body');
      expect(err.message.length).toBeLessThan(300);
      expect(err.message).not.toContain(side.secret());
      expect(err.message).not.toContain('"data"');
      expect(side.faults().events).toHaveLength(3);
      expect(calls).toHaveLength(3);
    }
  });
});

describe.each(sides)('$name client: slow bodies', (side) => {
  it('abandons a body that trickles past the timeout, retries, and returns exactly the truth', async () => {
    // Headers at once, then 8 bytes per 200 ms: a page would take minutes; the deadline is 3 s,
    // far above a normal page even on a loaded CI machine, so only the trickling attempts time out.
    side.faults().set({ slowBodyRate: 0.25 });
    const r = await side.read(3_000);
    const slow = count(side.faults(), 'slow-body');
    expect(slow).toBeGreaterThan(0);
    expect(r.found).toEqual(r.truth);
    expect(r.apiCalls).toBe(r.pages + slow);
    // Every slow attempt had its headers (200) and was then stopped by the timeout.
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(failures(side)).toEqual(Array.from({ length: slow }, () => 'timed out after 3000 ms'));
  });

  it('bounds the attempts when every body trickles', async () => {
    side.faults().set({ slowBodyRate: 1 });
    const err = (await side.one({ maxAttempts: 3, timeoutMs: 300 }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(side.NetworkError);
    expect(err.message).toBe(`${side.endpoint}: gave up after 3 attempts: timed out after 300 ms`);
    expect(side.faults().events.map((e) => e.kind)).toEqual(['slow-body', 'slow-body', 'slow-body']);
    expect(client.slept).toHaveLength(2);
  });

  it('stops reading at the deadline even when the fetch implementation ignores the signal for the body', async () => {
    // A body that never ends and never looks at the request's signal: only the client can stop it.
    let opened = 0;
    let cancelled = 0;
    const stubborn: typeof fetch = async (input) => {
      if (String(input).includes('/oauth2/token')) return Response.json({ access_token: 'tok-1234', expires_in: 3600, token_type: 'bearer' });
      opened += 1;
      let timer: ReturnType<typeof setInterval> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"data":['));
          timer = setInterval(() => {
            controller.enqueue(new TextEncoder().encode('{},,'));
          }, 20);
        },
        cancel() {
          cancelled += 1;
          clearInterval(timer);
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const c =
      side.name === 'helix'
        ? helix({ fetch: stubborn, apiUrl: 'http://helix.invalid/helix', authUrl: 'http://id.invalid/oauth2', maxAttempts: 3, timeoutMs: 150 })
        : x({ fetch: stubborn, apiUrl: 'http://x.invalid/2', maxAttempts: 3, timeoutMs: 150 });
    const call = c instanceof HelixClient ? c.getTopGames() : c.lookupPosts(['1578516068309794817']);
    const err = (await call.catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(side.NetworkError);
    expect(err.message).toBe(`${side.endpoint}: gave up after 3 attempts: timed out after 150 ms`);
    // Each abandoned body was cancelled (its source stopped), so nothing keeps filling memory.
    expect(opened).toBe(3);
    expect(cancelled).toBe(3);
  }, 20_000);
});

describe.each(sides)('$name client: jittered backoff', (side) => {
  const { base, cap } = BACKOFF[side.name];
  const ceiling = (n: number) => Math.min(cap, base * 2 ** (n - 1));

  it('waits grow per failure, are jittered per client by the injected random, and stay in [base/2, cap)', async () => {
    side.faults().set({ resetBeforeResponseRate: 1 });
    const attempts = 10;
    const runs: number[][] = [];
    for (const seed of [1, 2]) {
      const random = seeded(seed);
      client.slept.length = 0;
      const err = await side.one({ maxAttempts: attempts, random: random.next }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(side.NetworkError);
      const delays = [...client.slept];
      expect(delays).toHaveLength(attempts - 1);
      expect(random.drawn).toHaveLength(attempts - 1);
      // Independent computation of every wait from the documented formula and the values drawn.
      delays.forEach((d, k) => {
        const c = ceiling(k + 1);
        expect(d).toBeCloseTo(c / 2 + random.drawn[k]! * (c / 2), 6);
        expect(d).toBeGreaterThanOrEqual(base / 2);
        expect(d).toBeLessThan(cap);
      });
      // Growth: strictly longer while below the cap (the lower bound doubles), never shorter after.
      for (let k = 1; k < delays.length; k++) {
        if (ceiling(k + 1) > ceiling(k)) expect(delays[k]!).toBeGreaterThan(delays[k - 1]!);
        else expect(delays[k]!).toBeGreaterThanOrEqual(cap / 2);
      }
      // The capped tail is jittered, not a constant.
      const capped = delays.filter((_, k) => ceiling(k + 1) === cap);
      expect(capped.length).toBeGreaterThan(1);
      expect(new Set(capped).size).toBe(capped.length);
      runs.push(delays);
    }
    // Two clients failing together do not retry in step.
    expect(runs[0]!.every((d, k) => d !== runs[1]![k])).toBe(true);
    expect(side.faults().events).toHaveLength(2 * attempts);
  });

  it('hits both ends of the documented range with the extreme random values', async () => {
    side.faults().set({ resetBeforeResponseRate: 1 });
    const low: number[] = [];
    const high: number[] = [];
    for (const [r, into] of [[0, low], [0.999, high]] as const) {
      client.slept.length = 0;
      await side.one({ maxAttempts: 9, random: () => r }).catch(() => undefined);
      into.push(...client.slept);
    }
    expect(low).toEqual(Array.from({ length: 8 }, (_, k) => ceiling(k + 1) / 2));
    high.forEach((d, k) => {
      expect(d).toBeLessThan(ceiling(k + 1));
      expect(d).toBeGreaterThan(ceiling(k + 1) * 0.999);
    });
  });
});

describe('networkDetail', () => {
  it('names the socket code and its meaning, says when the body was cut, and stays short', () => {
    expect(networkDetail(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET', message: 'read ECONNRESET' } }))).toBe(
      'ECONNRESET (read ECONNRESET)',
    );
    expect(networkDetail(Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } }))).toBe(
      'connection closed while reading the body: UND_ERR_SOCKET (other side closed)',
    );
    expect(networkDetail(new Error('x'.repeat(5_000))).length).toBeLessThanOrEqual(161);
    expect(networkDetail('plain')).toBe('plain');
  });
});
