import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { FaultInjector } from '../faults';
import { helixError, sendJson, sendTextWithFault } from '../http.util';
import type { TwitchAuth } from './auth';
import { decodeOffsetCursor, decodeSeekCursor, encodeOffsetCursor, encodeSeekCursor } from './cursor';
import type { RateLimiter } from './rate-limit';
import type { SimStream } from './types';
import type { TwitchWorld } from './world';

export interface HelixContext {
  world: TwitchWorld;
  auth: TwitchAuth;
  limiter: RateLimiter;
  faults: FaultInjector;
  now: () => number;
  /** Requests left hanging by the timeout fault or trickling a slow body, released on close. */
  hanging: Set<ServerResponse>;
}

type Answer = { status: number; body: unknown };

class BadRequest extends Error {}

const MAX_IDS = 100;

function firstParam(url: URL, max: number, fallback: number): number {
  const raw = url.searchParams.get('first');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) throw new BadRequest(`Invalid value for "first": must be between 1 and ${max}`);
  return n;
}

function multi(url: URL, key: string): string[] {
  const values = url.searchParams.getAll(key);
  if (values.length > MAX_IDS) throw new BadRequest(`The maximum number of "${key}" parameters is ${MAX_IDS}`);
  return values;
}

function streams(ctx: HelixContext, url: URL, t: number): Answer {
  const { world } = ctx;
  const first = firstParam(url, 100, 20);
  const userIds = new Set(multi(url, 'user_id'));
  const logins = new Set(multi(url, 'user_login').map((l) => l.toLowerCase()));
  const gameIds = new Set(multi(url, 'game_id'));
  const languages = new Set(multi(url, 'language'));
  const type = url.searchParams.get('type') ?? 'all';
  if (type !== 'all' && type !== 'live') throw new BadRequest('Invalid value for "type"');
  const after = url.searchParams.get('after');
  const before = url.searchParams.get('before');

  const wantChannels = new Set<number>();
  for (const id of userIds) {
    const i = world.channelByUserId(id);
    if (i !== null) wantChannels.add(i);
  }
  for (const login of logins) {
    const i = world.channelByLogin(login);
    if (i !== null) wantChannels.add(i);
  }
  const byChannel = userIds.size + logins.size > 0;

  const r = world.rankingAt(t);
  const matches = (k: number): boolean => {
    const i = r.channels[k]!;
    if (byChannel && !wantChannels.has(i)) return false;
    if (languages.size && !languages.has(world.languageOf(i))) return false;
    if (gameIds.size && !gameIds.has(world.gameIdAt(i, r.days[k]!, t))) return false;
    return true;
  };
  // scores are descending: index of the first entry with score < s
  const seek = (s: number): number => {
    let lo = 0;
    let hi = r.scores.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r.scores[mid]! < s) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const picked: number[] = [];
  let hasMore = false;
  if (before) {
    const s = decodeSeekCursor(before, 'b');
    if (s === null) throw new BadRequest('invalid cursor');
    // entries strictly above s end at index seek(s) - (exact match ? 1 : 0)
    let k = seek(s) - 1;
    if (k >= 0 && r.scores[k] === s) k -= 1;
    for (; k >= 0 && picked.length < first; k--) if (matches(k)) picked.unshift(k);
    for (; k >= 0; k--) if (matches(k)) { hasMore = true; break; }
    // a backwards page always offers a way forward again
    hasMore = hasMore || picked.length > 0;
  } else {
    let k = 0;
    if (after) {
      const s = decodeSeekCursor(after, 'a');
      if (s === null) throw new BadRequest('invalid cursor');
      k = seek(s);
    }
    for (; k < r.channels.length && picked.length < first; k++) if (matches(k)) picked.push(k);
    for (; k < r.channels.length; k++) if (matches(k)) { hasMore = true; break; }
  }
  const data: SimStream[] = picked.map((k) => world.streamAt(r.channels[k]!, r.days[k]!, t));
  const pagination =
    hasMore && picked.length > 0 ? { cursor: encodeSeekCursor(r.scores[picked[0]!]!, r.scores[picked[picked.length - 1]!]!) } : {};
  return { status: 200, body: { data, pagination } };
}

function topGames(ctx: HelixContext, url: URL, t: number): Answer {
  const first = firstParam(url, 100, 20);
  const totals = ctx.world.gameTotalsAt(t);
  const after = url.searchParams.get('after');
  const before = url.searchParams.get('before');
  let offset = 0;
  if (after) {
    const o = decodeOffsetCursor(after);
    if (o === null) throw new BadRequest('invalid cursor');
    offset = o;
  } else if (before) {
    const o = decodeOffsetCursor(before);
    if (o === null) throw new BadRequest('invalid cursor');
    offset = Math.max(0, o - 2 * first);
  }
  const data = totals.slice(offset, offset + first).map((x) => x.game);
  const end = offset + data.length;
  return { status: 200, body: { data, pagination: end < totals.length && data.length > 0 ? { cursor: encodeOffsetCursor(end) } : {} } };
}

function games(ctx: HelixContext, url: URL): Answer {
  const ids = url.searchParams.getAll('id');
  const names = url.searchParams.getAll('name');
  const igdb = url.searchParams.getAll('igdb_id');
  const count = ids.length + names.length + igdb.length;
  if (count === 0) throw new BadRequest('Missing required parameter "id", "name" or "igdb_id"');
  if (count > MAX_IDS) throw new BadRequest(`The maximum number of "id", "name" and "igdb_id" parameters combined is ${MAX_IDS}`);
  const data = ctx.world.games.filter(
    (g) => ids.includes(g.id) || names.includes(g.name) || (g.igdb_id !== '' && igdb.includes(g.igdb_id)),
  );
  return { status: 200, body: { data } };
}

function users(ctx: HelixContext, url: URL): Answer {
  const ids = url.searchParams.getAll('id');
  const logins = url.searchParams.getAll('login');
  if (ids.length + logins.length === 0) throw new BadRequest('Missing required parameter "id" or "login"');
  if (ids.length + logins.length > MAX_IDS) throw new BadRequest(`The maximum number of "id" and "login" parameters combined is ${MAX_IDS}`);
  const seen = new Set<number>();
  const data = [];
  for (const i of [...ids.map((id) => ctx.world.channelByUserId(id)), ...logins.map((l) => ctx.world.channelByLogin(l))]) {
    if (i === null || seen.has(i)) continue;
    seen.add(i);
    data.push(ctx.world.user(i));
  }
  return { status: 200, body: { data } };
}

function searchCategories(ctx: HelixContext, url: URL): Answer {
  const query = url.searchParams.get('query');
  if (!query) throw new BadRequest('Missing required parameter "query"');
  const first = firstParam(url, 100, 20);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const all = ctx.world.games
    .filter((g) => words.every((w) => g.name.toLowerCase().includes(w)))
    .map((g) => ({ box_art_url: g.box_art_url.replace('{width}x{height}', '52x72'), id: g.id, name: g.name }));
  const after = url.searchParams.get('after');
  const offset = after ? decodeOffsetCursor(after) : 0;
  if (offset === null) throw new BadRequest('invalid cursor');
  const data = all.slice(offset, offset + first);
  return { status: 200, body: { data, pagination: offset + data.length < all.length ? { cursor: encodeOffsetCursor(offset + data.length) } : {} } };
}

const ROUTES: Record<string, (ctx: HelixContext, url: URL, t: number) => Answer> = {
  '/helix/streams': streams,
  '/helix/games/top': topGames,
  '/helix/games': games,
  '/helix/users': users,
  '/helix/search/categories': searchCategories,
};

function traceHeaders(): Record<string, string> {
  return {
    'cache-control': 'no-cache, no-store, must-revalidate, private',
    'access-control-allow-origin': '*',
    'timing-allow-origin': 'https://www.twitch.tv',
    'twitch-trace-id': randomBytes(16).toString('hex'),
  };
}

export async function handleHelix(ctx: HelixContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  const latency = ctx.faults.latencyMs();
  if (latency > 0) await new Promise((r) => setTimeout(r, latency));
  const route = ROUTES[path];
  if (!route || req.method !== 'GET') return sendJson(res, 404, helixError(404, ''), traceHeaders());

  const clientId = String(req.headers['client-id'] ?? '').trim();
  if (!clientId) return sendJson(res, 401, helixError(401, 'Client ID is missing'), traceHeaders());
  const auth = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
  if (!auth) return sendJson(res, 401, helixError(401, 'OAuth token is missing'), traceHeaders());
  if (ctx.faults.takeUnauthorized(path)) return sendJson(res, 401, helixError(401, 'Invalid OAuth token'), traceHeaders());
  const check = ctx.auth.check(auth[1]!, clientId);
  if (!check.ok) return sendJson(res, 401, helixError(401, check.message), traceHeaders());

  if (ctx.faults.takeRateLimitDrain(path)) ctx.limiter.drain(clientId);
  const bucket = ctx.limiter.take(clientId);
  const rateHeaders = {
    'ratelimit-limit': String(bucket.limit),
    'ratelimit-remaining': String(bucket.remaining),
    'ratelimit-reset': String(bucket.reset),
  };
  if (!bucket.allowed) {
    return sendJson(res, 429, helixError(429, 'Too Many Requests'), { ...traceHeaders(), ...rateHeaders });
  }
  if (ctx.faults.roll('error', path)) return sendJson(res, 500, helixError(500, ''), traceHeaders());
  if (ctx.faults.roll('timeout', path)) {
    // Never answered; the socket is destroyed when the client gives up or the server closes.
    ctx.hanging.add(res);
    res.on('close', () => ctx.hanging.delete(res));
    return;
  }
  // A reset (RST) before any response byte: the client sees the connection fail, not an HTTP error.
  if (ctx.faults.roll('reset-before-response', path)) return void res.socket?.resetAndDestroy();

  let t = ctx.now();
  const travel = req.headers['x-simulator-time'];
  if (typeof travel === 'string' && travel) {
    t = Date.parse(travel);
    if (Number.isNaN(t)) return sendJson(res, 400, helixError(400, 'Invalid x-simulator-time header'), traceHeaders());
  }

  let answer: Answer;
  try {
    answer = route(ctx, url, t);
  } catch (err) {
    if (err instanceof BadRequest) return sendJson(res, 400, helixError(400, err.message), traceHeaders());
    throw err;
  }
  const corrupted = ctx.faults.corrupt(path, answer.body);
  const headers = { ...traceHeaders(), ...rateHeaders };
  const text = corrupted ?? JSON.stringify(answer.body);
  sendTextWithFault(res, answer.status, text, headers, ctx.faults.delivery(path), ctx.hanging);
}
