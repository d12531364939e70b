import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './faults';
import { hash32 } from './rng';
import { sendJson } from './http.util';
import { TwitchAuth } from './twitch/auth';
import { handleHelix, type HelixContext } from './twitch/helix.routes';
import { RateLimiter } from './twitch/rate-limit';
import { TwitchWorld } from './twitch/world';
import { handleX, type XContext } from './x/x.routes';
import { X_RATE_LIMITS, XRateLimiter, type XEndpoint } from './x/x.rate-limit';
import { XWorld } from './x/x.world';

export interface SimulatorOptions {
  seed: number;
  /** About the number of live streams at the daily peak. */
  channels: number;
  host?: string;
  /** 0 = random free port. */
  port?: number;
  clock?: () => Date;
  rateLimitPerMinute?: number;
  tokenTtlSeconds?: number;
  /** Per-15-minute limits of the X endpoints; defaults are the contract's per-app numbers. */
  xRateLimits?: Partial<Record<XEndpoint, number>>;
}

export interface Simulator {
  url: string;
  twitchApiUrl: string;
  twitchAuthUrl: string;
  clientId: string;
  clientSecret: string;
  world: TwitchWorld;
  faults: FaultInjector;
  /** X API v2 base, `${url}/2`. */
  xApiUrl: string;
  /** App-only bearer token the X endpoints accept (derived from the seed). */
  xBearerToken: string;
  xWorld: XWorld;
  /** Faults for the X endpoints, separate from the Helix ones. */
  xFaults: FaultInjector;
  close(): Promise<void>;
}

const DEFAULT_TOKEN_TTL = 60 * 24 * 3600;

/** Shaped like a real app-only token (AAAA…%2F…%3D…); deterministic for the seed like the Twitch credentials. */
export function simulatorXBearerToken(seed: number): string {
  const part = (n: number) => [0, 1, 2, 3, 4, 5].map((k) => hash32(seed, 0x58, n, k).toString(36).padStart(7, '0')).join('');
  return `AAAAAAAAAAAAAAAAAAAAA${part(1).slice(0, 30)}%2F${part(2).slice(0, 20)}%3D${part(3).slice(0, 30)}`;
}

/** Demo credentials are derived from the seed so a restarted simulator keeps accepting them. */
export function simulatorCredentials(seed: number): { clientId: string; clientSecret: string } {
  const hex = (n: number) => [0, 1, 2, 3].map((k) => hash32(seed, n, k).toString(36).padStart(7, '0')).join('');
  return { clientId: hex(1).slice(0, 30), clientSecret: `simsecret${hex(2)}`.slice(0, 30) };
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const clock = opts.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const { clientId, clientSecret } = simulatorCredentials(opts.seed);
  const world = new TwitchWorld(opts.seed, opts.channels);
  const faults = new FaultInjector(opts.seed);
  const auth = new TwitchAuth(clientId, clientSecret, opts.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL, now);
  faults.onRevoke(() => auth.revokeAll());
  const hanging = new Set<ServerResponse>();
  const ctx: HelixContext = { world, auth, limiter: new RateLimiter(opts.rateLimitPerMinute ?? 800, now), faults, now, hanging };
  const xWorld = new XWorld(world);
  const xFaults = new FaultInjector(opts.seed ^ 0x58);
  const xBearerToken = simulatorXBearerToken(opts.seed);
  const xCtx: XContext = {
    world: xWorld,
    bearerToken: xBearerToken,
    limiter: new XRateLimiter({ ...X_RATE_LIMITS, ...opts.xRateLimits }, now),
    faults: xFaults,
    now,
    hanging,
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const route = async () => {
      if (url.pathname.startsWith('/helix/')) return handleHelix(ctx, req, res, url);
      if (url.pathname.startsWith('/2/')) return handleX(xCtx, req, res, url);
      if (url.pathname === '/oauth2/token') return auth.handleToken(req, res, url);
      if (url.pathname === '/oauth2/validate') return auth.handleValidate(req, res);
      sendJson(res, 404, { status: 404, message: 'Not Found' });
    };
    route().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error', status: 500, message: String((err as Error).message ?? err) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    twitchApiUrl: `${url}/helix`,
    twitchAuthUrl: `${url}/oauth2`,
    clientId,
    clientSecret,
    world,
    faults,
    xApiUrl: `${url}/2`,
    xBearerToken,
    xWorld,
    xFaults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
