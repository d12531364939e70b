import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from './faults';
import { startSimulator, type Simulator } from './server';

const T0 = Date.UTC(2025, 2, 12, 21, 0, 5);

describe('FaultInjector decisions', () => {
  const sequence = (f: FaultInjector, n: number) =>
    Array.from({ length: n }, () => [f.roll('reset-before-response', '/p'), f.delivery('/p')?.kind ?? null]);

  it('replays the same resets and slow bodies after reset(), with the configured pacing', () => {
    const f = new FaultInjector(9);
    const settings = { resetBeforeResponseRate: 0.3, resetMidBodyRate: 0.3, slowBodyRate: 0.3, slowBodyChunkBytes: 3, slowBodyIntervalMs: 50 };
    f.set(settings);
    const first = sequence(f, 60);
    const kinds = new Set(first.flat());
    expect(kinds).toEqual(new Set([true, false, 'reset-mid-body', 'slow-body', null]));
    expect(f.events.filter((e) => e.kind === 'slow-body')).toHaveLength(first.filter(([, d]) => d === 'slow-body').length);
    f.reset();
    f.set(settings);
    expect(sequence(f, 60)).toEqual(first);
    f.reset();
    f.set({ slowBodyRate: 1 });
    expect(f.delivery('/p')).toEqual({ kind: 'slow-body', chunkBytes: 8, intervalMs: 200 });
  });

  it('draws nothing for unset kinds, so older seeded runs replay unchanged', () => {
    const plain = new FaultInjector(3);
    const mixed = new FaultInjector(3);
    plain.set({ errorRate: 0.5 });
    mixed.set({ errorRate: 0.5 });
    const a: boolean[] = [];
    const b: boolean[] = [];
    for (let k = 0; k < 40; k++) {
      a.push(plain.roll('error', '/p'));
      expect(mixed.roll('reset-before-response', '/p')).toBe(false);
      expect(mixed.delivery('/p')).toBeNull();
      b.push(mixed.roll('error', '/p'));
    }
    expect(b).toEqual(a);
    expect(mixed.events.every((e) => e.kind === 'error')).toBe(true);
  });
});

describe('connection and body faults over HTTP', () => {
  let sim: Simulator;
  let token = '';

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, channels: 300, clock: () => new Date(T0) });
    const res = await fetch(`${sim.twitchAuthUrl}/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'client_credentials' }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sim.close());

  const targets = [
    {
      name: 'helix',
      faults: () => sim.faults,
      get: () => fetch(`${sim.twitchApiUrl}/games/top?first=100`, { headers: { 'Client-Id': sim.clientId, Authorization: `Bearer ${token}` } }),
    },
    {
      name: 'x',
      faults: () => sim.xFaults,
      get: () => fetch(`${sim.xApiUrl}/tweets/counts/recent?query=%23GTAV`, { headers: { Authorization: `Bearer ${sim.xBearerToken}` } }),
    },
  ];

  /** Reads the body chunk by chunk; `error` is set when the connection failed before the end. */
  async function drain(res: Response): Promise<{ bytes: Buffer; chunks: number; error: unknown }> {
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { bytes: Buffer.concat(parts), chunks: parts.length, error: null };
        parts.push(value);
      }
    } catch (error) {
      return { bytes: Buffer.concat(parts), chunks: parts.length, error };
    }
  }

  describe.each(targets)('$name', (t) => {
    it('reset-before-response: the request fails at the socket, and the next one is served', async () => {
      t.faults().reset();
      t.faults().set({ resetBeforeResponseRate: 1 });
      const err = (await t.get().catch((e: unknown) => e)) as Error & { cause?: { code?: string } };
      expect(err).toBeInstanceOf(TypeError);
      expect(err.message).toBe('fetch failed');
      expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(err.cause?.code);
      expect(t.faults().events.map((e) => e.kind)).toEqual(['reset-before-response']);
      t.faults().reset();
      expect((await t.get()).status).toBe(200);
    });

    it('reset-mid-body: headers with the full Content-Length, half the body, then the connection is cut', async () => {
      t.faults().reset();
      t.faults().set({ resetMidBodyRate: 1 });
      const res = await t.get();
      expect(res.status).toBe(200);
      const declared = Number(res.headers.get('content-length'));
      const got = await drain(res);
      expect(got.error).toBeInstanceOf(TypeError);
      expect(got.bytes.length).toBe(Math.floor(declared / 2));
      expect(declared).toBeGreaterThan(100);
      expect(t.faults().events.map((e) => e.kind)).toEqual(['reset-mid-body']);
      t.faults().reset();
    });

    it('slow-body: headers and the first chunk at once, then the same body as a normal answer, chunk by chunk', async () => {
      t.faults().reset();
      const normal = await (await t.get()).text();
      t.faults().set({ slowBodyRate: 1, slowBodyChunkBytes: 16, slowBodyIntervalMs: 200 });
      const slow = await t.get();
      expect(slow.status).toBe(200);
      expect(Number(slow.headers.get('content-length'))).toBe(Buffer.byteLength(normal));
      const reader = slow.body!.getReader();
      const first = await reader.read();
      expect(Buffer.from(first.value!).toString('utf8')).toBe(normal.slice(0, 16));
      await reader.cancel();
      // A patient client gets the whole answer, unchanged (fast pacing to keep the test short).
      t.faults().set({ slowBodyChunkBytes: 64, slowBodyIntervalMs: 1 });
      const got = await drain(await t.get());
      expect(got.error).toBeNull();
      expect(got.bytes.toString('utf8')).toBe(normal);
      expect(got.chunks).toBeGreaterThan(1);
      expect(t.faults().events.map((e) => e.kind)).toEqual(['slow-body', 'slow-body']);
      t.faults().reset();
    });
  });

  it('close() ends trickling answers instead of waiting for them', async () => {
    const other = await startSimulator({ seed: 12, channels: 100, clock: () => new Date(T0) });
    other.xFaults.set({ slowBodyRate: 1, slowBodyIntervalMs: 60_000 });
    const res = await fetch(`${other.xApiUrl}/tweets/counts/recent?query=%23GTAV`, { headers: { Authorization: `Bearer ${other.xBearerToken}` } });
    expect(res.status).toBe(200);
    await other.close();
    const got = await drain(res);
    expect(got.error).toBeInstanceOf(TypeError);
  });
});
