import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelixClient, XClient } from '@streamscope/connectors';
import { startSimulator, type Simulator } from '@streamscope/simulator';

/** Issue #8 case 9: hostile or broken upstream answers, against the simulator and raw loopback servers. */
const FROZEN = new Date('2026-11-20T20:00:00Z');
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, channels: 400, port: 0, clock: () => FROZEN });
});
afterAll(async () => {
  await sim?.close();
});

function helix(extra: Partial<ConstructorParameters<typeof HelixClient>[0]> = {}): HelixClient {
  return new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl, ...extra });
}

/** A loopback server whose handler the test writes; returns its base URL. */
async function rawServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const TOKEN = JSON.stringify({ access_token: 'tok-abc', expires_in: 3600, token_type: 'bearer' });

describe('Helix 401 storm', () => {
  it('many concurrent calls hit 401 after the token is revoked: exactly one new token is requested and every call succeeds', async () => {
    const h = helix();
    await h.getTopGames({ first: 5 });
    expect(h.stats.tokenRequests).toBe(1);
    sim.faults.revokeAllTokens();
    const results = await Promise.all(Array.from({ length: 25 }, () => h.getTopGames({ first: 5 })));
    expect(results.every((r) => r.games.length === 5)).toBe(true);
    expect(h.stats.tokenRequests).toBe(2);
  });
});

describe('Helix 429 with a reset time', () => {
  it('sends no request before the announced reset', async () => {
    const hits: number[] = [];
    let resetMs = 0;
    const srv = await rawServer((req, res) => {
      if (req.url?.startsWith('/auth/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN);
      hits.push(Date.now());
      if (hits.length === 1) {
        resetMs = (Math.floor(Date.now() / 1000) + 2) * 1000;
        res.writeHead(429, { 'ratelimit-limit': '800', 'ratelimit-remaining': '0', 'ratelimit-reset': String(resetMs / 1000) });
        return void res.end('{"error":"Too Many Requests","status":429,"message":""}');
      }
      res.writeHead(200, { 'content-type': 'application/json', 'ratelimit-limit': '800', 'ratelimit-remaining': '799', 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60) });
      res.end(JSON.stringify({ data: [{ id: '33214', name: 'Fortnite', box_art_url: 'x', igdb_id: '1905' }], pagination: {} }));
    });
    try {
      const h = new HelixClient({ clientId: 'c', clientSecret: 's', apiUrl: `${srv.url}/helix`, authUrl: `${srv.url}/auth` });
      const { games } = await h.getTopGames({ first: 1 });
      expect(games).toHaveLength(1);
      expect(hits).toHaveLength(2);
      expect(hits[1]).toBeGreaterThanOrEqual(resetMs);
    } finally {
      await srv.close();
    }
  }, 15_000);
});

describe('malformed and oversized answers', () => {
  it('Helix: invalid JSON and a wrongly typed field fail with a contract error naming the place', async () => {
    const bodies = ['{"data":[{"id":"1"', JSON.stringify({ data: [{ id: '1', name: 'A', box_art_url: 'x', igdb_id: '' }, { id: 2, name: 'B', box_art_url: 'x' }], pagination: {} })];
    let k = 0;
    const srv = await rawServer((req, res) => {
      if (req.url?.startsWith('/auth/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN);
      res.writeHead(200, { 'content-type': 'application/json' }).end(bodies[k++]);
    });
    try {
      const h = new HelixClient({ clientId: 'c', clientSecret: 's', apiUrl: `${srv.url}/helix`, authUrl: `${srv.url}/auth` });
      await expect(h.getTopGames()).rejects.toThrow('GET /games/top: body: invalid JSON');
      await expect(h.getTopGames()).rejects.toThrow(/GET \/games\/top: data\[1\]\.id: expected string/);
    } finally {
      await srv.close();
    }
  });

  it('both clients refuse an endless body after the size cap, without reading on, and a declared huge one unread', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const srv = await rawServer((req, res) => {
      if (req.url?.startsWith('/auth/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN);
      if (req.url?.includes('declared')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024) });
        res.write('{"data":[');
        return; // never finishes: only the header may be trusted
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      // Up to 200 MB, stopping as soon as the client hangs up.
      const pump = () => {
        while (sent < 200 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    });
    const cap = 1024 * 1024;
    try {
      const h = new HelixClient({ clientId: 'c', clientSecret: 's', apiUrl: `${srv.url}/helix`, authUrl: `${srv.url}/auth`, maxResponseBytes: cap });
      const heapBefore = process.memoryUsage().heapUsed;
      await expect(h.getTopGames()).rejects.toThrow(`GET /games/top: body: response larger than ${cap} bytes; refused`);
      // Socket buffers let a little more through, but nowhere near the 200 MB on offer.
      expect(sent).toBeLessThan(16 * 1024 * 1024);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);

      sent = 0;
      const x = new XClient({ bearerToken: 'b', apiUrl: `${srv.url}/2`, maxResponseBytes: cap });
      await expect(x.lookupPosts(['1'])).rejects.toThrow(`GET /tweets: body: response larger than ${cap} bytes; refused`);
      expect(sent).toBeLessThan(16 * 1024 * 1024);

      const declared = new HelixClient({ clientId: 'c', clientSecret: 's', apiUrl: `${srv.url}/helix/declared`, authUrl: `${srv.url}/auth`, maxResponseBytes: cap, timeoutMs: 3_000 });
      await expect(declared.getTopGames()).rejects.toThrow(/response larger than/);
    } finally {
      await srv.close();
    }
  }, 30_000);
});

describe('X 200 with data and errors', () => {
  it('keeps the posts, reports the missing ids, and keeps ids beyond 2^53 exact', async () => {
    const posts = sim.xWorld.postsBetween(FROZEN.getTime() - 3_600_000, FROZEN.getTime()).slice(0, 5);
    expect(posts.length).toBe(5);
    const missing = '1999999999999999999';
    const x = new XClient({ bearerToken: sim.xBearerToken, apiUrl: sim.xApiUrl });
    const res = await x.lookupPosts([...posts.map((p) => p.id), missing]);
    expect(res.posts.map((p) => p.id).sort()).toEqual(posts.map((p) => p.id).sort());
    expect(res.partialErrors.map((e) => JSON.stringify(e))).toHaveLength(1);
    expect(JSON.stringify(res.partialErrors[0])).toContain(missing);
    // Snowflake ids are past Number.MAX_SAFE_INTEGER: a detour through Number would change them.
    for (const p of res.posts) {
      expect(BigInt(p.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
      expect(String(BigInt(p.id))).toBe(p.id);
    }
  });
});
