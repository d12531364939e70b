import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../server';

const STREAM_FIELDS = [
  'id', 'user_id', 'user_login', 'user_name', 'game_id', 'game_name', 'type', 'title', 'tags',
  'viewer_count', 'started_at', 'language', 'thumbnail_url', 'tag_ids', 'is_mature',
].sort();
const GAME_FIELDS = ['id', 'name', 'box_art_url', 'igdb_id'].sort();
const USER_FIELDS = [
  'id', 'login', 'display_name', 'type', 'broadcaster_type', 'description', 'profile_image_url',
  'offline_image_url', 'view_count', 'created_at',
].sort();

const T0 = Date.UTC(2025, 2, 12, 21, 0, 5);
const decode = (c: string): unknown => JSON.parse(Buffer.from(c, 'base64').toString('utf8'));

describe('Helix simulator over HTTP', () => {
  let sim: Simulator;
  let nowMs = T0;
  let token = '';

  const helix = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${sim.twitchApiUrl}${path}`, {
      headers: { 'Client-Id': sim.clientId, Authorization: `Bearer ${token}`, ...headers },
    });
  const json = async (path: string, headers?: Record<string, string>) => {
    const res = await helix(path, headers);
    expect(res.status).toBe(200);
    return (await res.json()) as { data: Record<string, unknown>[]; pagination?: { cursor?: string } };
  };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, channels: 800, clock: () => new Date(nowMs), tokenTtlSeconds: 3600 });
    const res = await fetch(`${sim.twitchAuthUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'client_credentials' }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sim.close());

  describe('oauth2', () => {
    it('issues tokens from a form, a JSON body or the query string with exactly three keys', async () => {
      const creds = { client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'client_credentials' };
      const answers = [
        await fetch(`${sim.twitchAuthUrl}/token`, { method: 'POST', body: new URLSearchParams(creds) }),
        await fetch(`${sim.twitchAuthUrl}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...creds, code: null, redirect_uri: null }),
        }),
        await fetch(`${sim.twitchAuthUrl}/token?${new URLSearchParams(creds)}`, { method: 'POST' }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(200);
        const body = (await res.json()) as Record<string, unknown>;
        expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
        expect(body.token_type).toBe('bearer');
        expect(body.expires_in).toBe(3600);
      }
    });

    it('answers id-server errors as {status, message} without an error key', async () => {
      const missing = await fetch(`${sim.twitchAuthUrl}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ status: 400, message: 'missing client id' });
      const wrong = await fetch(`${sim.twitchAuthUrl}/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: sim.clientId, client_secret: 'nope', grant_type: 'client_credentials' }),
      });
      expect(wrong.status).toBe(403);
      expect(Object.keys((await wrong.json()) as object).sort()).toEqual(['message', 'status']);
    });

    it('validates app tokens with scopes null and no login', async () => {
      const ok = await fetch(`${sim.twitchAuthUrl}/validate`, { headers: { Authorization: `OAuth ${token}` } });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ client_id: sim.clientId, scopes: null });
      expect(body.login).toBeUndefined();
      const bad = await fetch(`${sim.twitchAuthUrl}/validate`, { headers: { Authorization: 'OAuth nonsense' } });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toEqual({ status: 401, message: 'invalid access token' });
    });
  });

  describe('auth on helix', () => {
    it('rejects a missing Client-Id and unknown tokens with the Helix envelope and no rate-limit headers', async () => {
      const noClient = await fetch(`${sim.twitchApiUrl}/streams`, { headers: { Authorization: `Bearer ${token}` } });
      expect(noClient.status).toBe(401);
      expect(await noClient.json()).toEqual({ error: 'Unauthorized', status: 401, message: 'Client ID is missing' });
      expect(noClient.headers.get('ratelimit-remaining')).toBeNull();
      const bad = await helix('/streams', { Authorization: 'Bearer unknown' });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toEqual({ error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' });
    });

    it('expires tokens after tokenTtlSeconds', async () => {
      const res = await fetch(`${sim.twitchAuthUrl}/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'client_credentials' }),
      });
      const shortLived = ((await res.json()) as { access_token: string }).access_token;
      expect((await helix('/games/top', { Authorization: `Bearer ${shortLived}` })).status).toBe(200);
      nowMs += 3601_000;
      try {
        const expired = await helix('/games/top', { Authorization: `Bearer ${shortLived}` });
        expect(expired.status).toBe(401);
        expect(((await expired.json()) as { message: string }).message).toBe('Invalid OAuth token');
      } finally {
        nowMs -= 3601_000;
      }
    });
  });

  describe('GET /helix/streams', () => {
    it('returns the contract fields, 20 by default, sorted by viewers, with real-looking values', async () => {
      const body = await json('/streams');
      expect(body.data).toHaveLength(20);
      for (const s of body.data) {
        expect(Object.keys(s).sort()).toEqual(STREAM_FIELDS);
        expect(typeof s.viewer_count).toBe('number');
        expect(s.type).toBe('live');
        expect(s.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(s.thumbnail_url).toBe(`https://static-cdn.jtvnw.net/previews-ttv/live_user_${String(s.user_login)}-{width}x{height}.jpg`);
        expect(s.tag_ids).toEqual([]);
        expect(s.is_mature).toBe(false);
      }
      const truth = sim.world.liveStreamsAt(new Date(nowMs)).slice(0, 20).map((s) => s.id);
      // the page order is the minute's ranking; its top 20 are the same streams as the truth's
      expect(new Set(body.data.map((s) => s.id))).toEqual(new Set(truth));
      const cursor = decode(body.pagination!.cursor!) as { a: { Cursor: string }; b: { Cursor: string } };
      const a = decode(cursor.a.Cursor) as { s: number; d: boolean; t: boolean };
      expect(a.d).toBe(false);
      expect(Math.floor(a.s)).toBeLessThanOrEqual(Number(body.data[0]!.viewer_count) * 1.2);
    });

    it('pages through every live stream exactly once when counts are frozen (time travel)', async () => {
      const at = new Date(T0 + 3_600_000 + 123);
      const truth = sim.world.liveStreamsAt(at);
      const ids: string[] = [];
      let after = '';
      let pages = 0;
      for (;;) {
        const body = await json(`/streams?first=100${after ? `&after=${encodeURIComponent(after)}` : ''}`, {
          'x-simulator-time': at.toISOString(),
        });
        pages += 1;
        ids.push(...body.data.map((s) => String(s.id)));
        if (!body.pagination?.cursor) break;
        after = body.pagination.cursor;
      }
      expect(pages).toBe(Math.ceil(truth.length / 100));
      expect(ids).toHaveLength(truth.length);
      expect(new Set(ids)).toEqual(new Set(truth.map((s) => s.id)));
    });

    it('filters by language, game and login like the truth', async () => {
      const truth = sim.world.liveStreamsAt(new Date(nowMs));
      const ja = await json('/streams?language=ja&language=ko&first=100');
      const expectedJa = truth.filter((s) => s.language === 'ja' || s.language === 'ko');
      expect(new Set(ja.data.map((s) => s.id))).toEqual(new Set(expectedJa.slice(0, 100).map((s) => s.id)));
      const game = truth[0]!.game_id;
      const byGame = await json(`/streams?game_id=${game}&first=100`);
      expect(byGame.data.every((s) => s.game_id === game)).toBe(true);
      expect(byGame.data.length).toBe(Math.min(100, truth.filter((s) => s.game_id === game).length));
      const one = await json(`/streams?user_login=${truth[5]!.user_login.toUpperCase()}`);
      expect(one.data.map((s) => s.id)).toEqual([truth[5]!.id]);
      expect(one.pagination).toEqual({});
    });

    it('rejects bad first, type and cursor values with 400', async () => {
      for (const q of ['first=0', 'first=101', 'type=vod', 'after=garbage']) {
        const res = await helix(`/streams?${q}`);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toBe('Bad Request');
      }
    });
  });

  describe('games and users', () => {
    it('ranks /games/top by current viewers with an offset cursor', async () => {
      const body = await json('/games/top?first=5');
      expect(body.data).toHaveLength(5);
      for (const g of body.data) expect(Object.keys(g).sort()).toEqual(GAME_FIELDS);
      expect(decode(body.pagination!.cursor!)).toEqual({ s: 5, d: false, t: true });
      const totals = new Map<string, number>();
      for (const s of sim.world.liveStreamsAt(new Date(nowMs))) totals.set(s.game_id, (totals.get(s.game_id) ?? 0) + s.viewer_count);
      const expected = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id]) => id);
      expect(body.data.map((g) => g.id)).toEqual(expected);
      const next = await json(`/games/top?first=5&after=${body.pagination!.cursor}`);
      expect(next.data.map((g) => g.id)).not.toContain(body.data[0]!.id);
    });

    it('looks games up by id and name, and needs a parameter', async () => {
      const body = await json('/games?id=509658&name=Minecraft&id=999999999');
      expect(body.data.map((g) => g.name).sort()).toEqual(['Just Chatting', 'Minecraft']);
      expect(body.pagination).toBeUndefined();
      expect((await helix('/games')).status).toBe(400);
      expect((await helix(`/games?${Array.from({ length: 101 }, (_, k) => `id=${k}`).join('&')}`)).status).toBe(400);
    });

    it('looks users up by id and login; an app token without parameters gets 400', async () => {
      const s = sim.world.liveStreamsAt(new Date(nowMs))[0]!;
      const body = await json(`/users?id=${s.user_id}&login=${s.user_login}`);
      expect(body.data).toHaveLength(1);
      expect(Object.keys(body.data[0]!).sort()).toEqual(USER_FIELDS);
      expect(body.data[0]).toMatchObject({ id: s.user_id, login: s.user_login, display_name: s.user_name, view_count: 0 });
      expect((await helix('/users')).status).toBe(400);
    });
  });

  describe('rate limits and faults', () => {
    it('sends Ratelimit headers and answers 429 when the bucket is empty until it refills', async () => {
      let clock = T0;
      const tiny = await startSimulator({ seed: 11, channels: 50, clock: () => new Date(clock), rateLimitPerMinute: 3 });
      try {
        const res = await fetch(`${tiny.twitchAuthUrl}/token`, {
          method: 'POST',
          body: new URLSearchParams({ client_id: tiny.clientId, client_secret: tiny.clientSecret, grant_type: 'client_credentials' }),
        });
        const t = ((await res.json()) as { access_token: string }).access_token;
        const call = () => fetch(`${tiny.twitchApiUrl}/games/top`, { headers: { 'Client-Id': tiny.clientId, Authorization: `Bearer ${t}` } });
        const remaining: string[] = [];
        for (let k = 0; k < 3; k++) {
          const r = await call();
          expect(r.status).toBe(200);
          expect(r.headers.get('ratelimit-limit')).toBe('3');
          remaining.push(r.headers.get('ratelimit-remaining')!);
        }
        expect(remaining).toEqual(['2', '1', '0']);
        const limited = await call();
        expect(limited.status).toBe(429);
        expect(await limited.json()).toMatchObject({ error: 'Too Many Requests', status: 429 });
        // three points at 20 s each: full again one minute after the last spend
        expect(Number(limited.headers.get('ratelimit-reset'))).toBe(Math.ceil((T0 + 60_000) / 1000));
        clock += 20_000;
        expect((await call()).status).toBe(200);
      } finally {
        await tiny.close();
      }
    });

    it('injects reproducible 5xx, malformed bodies and 401s', async () => {
      sim.faults.set({ errorRate: 1 });
      const failed = await helix('/games/top');
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ error: 'Internal Server Error', status: 500, message: '' });
      sim.faults.reset();

      sim.faults.set({ malformedRate: 1 });
      const text = await (await helix('/streams?first=5')).text();
      const event = sim.faults.events.at(-1)!;
      if (event.kind === 'malformed-json') expect(() => JSON.parse(text)).toThrow();
      else {
        const m = /^data\[(\d)\]\.(\w+)$/.exec(event.field!)!;
        const body = JSON.parse(text) as { data: Record<string, unknown>[] };
        expect(typeof body.data[Number(m[1])]![m[2]!]).toBe('string');
        expect(m[2]).toBe('viewer_count');
      }
      sim.faults.reset();

      sim.faults.set({ unauthorizedNext: 2 });
      expect((await helix('/games/top')).status).toBe(401);
      expect((await helix('/games/top')).status).toBe(401);
      expect((await helix('/games/top')).status).toBe(200);
      sim.faults.reset();
    });

    it('leaves timed-out requests hanging until the client gives up', async () => {
      sim.faults.set({ timeoutRate: 1 });
      const started = Date.now();
      const attempt = fetch(`${sim.twitchApiUrl}/games/top`, {
        headers: { 'Client-Id': sim.clientId, Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(300),
      });
      await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(sim.faults.events.map((e) => e.kind)).toEqual(['timeout']);
      sim.faults.reset();
      expect((await helix('/games/top')).status).toBe(200);
    });

    it('revokes every token on demand', async () => {
      const res = await fetch(`${sim.twitchAuthUrl}/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'client_credentials' }),
      });
      const t = ((await res.json()) as { access_token: string }).access_token;
      sim.faults.revokeAllTokens();
      expect((await helix('/games/top', { Authorization: `Bearer ${t}` })).status).toBe(401);
    });
  });
});
