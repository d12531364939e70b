import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { FaultInjector } from '../faults';
import { sendJson, sendTextWithFault } from '../http.util';
import { parseXQuery } from './x.query';
import type { XEndpoint, XRateLimiter } from './x.rate-limit';
import type { XSimPost } from './x.types';
import { compareIds, type XWorld } from './x.world';

export interface XContext {
  world: XWorld;
  bearerToken: string;
  limiter: XRateLimiter;
  faults: FaultInjector;
  now: () => number;
  hanging: Set<ServerResponse>;
}

type Answer = { status: number; body: unknown };

const HOUR = 3_600_000;
const DAY = 86_400_000;
const RECENT_WINDOW_MS = 7 * DAY;
/** end_time must be at least this far behind the request (and is by default). */
const END_LAG_MS = 10_000;
const PROBLEMS = 'https://api.twitter.com/2/problems';
/** Minute counts over 7 days would be 10,080 buckets: served newest day first, like counts/all's pages. */
const COUNT_PAGE_BUCKETS: Record<Granularity, number> = { minute: 1440, hour: 744, day: 31 };

const TWEET_FIELDS = new Set(
  'article,attachments,author_id,card_uri,community_id,context_annotations,conversation_id,created_at,display_text_range,edit_controls,edit_history_tweet_ids,entities,geo,id,in_reply_to_user_id,lang,media_metadata,non_public_metrics,note_tweet,organic_metrics,possibly_sensitive,promoted_metrics,public_metrics,referenced_tweets,reply_settings,scopes,source,suggested_source_links,suggested_source_links_with_counts,text,withheld'.split(','),
);
const USER_FIELDS = new Set(
  'affiliation,confirmed_email,connection_status,created_at,description,entities,id,is_identity_verified,location,most_recent_tweet_id,name,parody,pinned_tweet_id,profile_banner_url,profile_image_url,protected,public_metrics,receives_your_dm,subscription,subscription_type,url,username,verified,verified_followers_count,verified_type,withheld'.split(','),
);
const EXPANSIONS = new Set(
  'attachments.media_keys,attachments.media_source_tweet,attachments.poll_ids,author_id,edit_history_tweet_ids,entities.mentions.username,geo.place_id,in_reply_to_user_id,entities.note.mentions.username,referenced_tweets.id,referenced_tweets.id.attachments.media_keys,referenced_tweets.id.author_id,article.cover_media,article.media_entities'.split(','),
);

type Granularity = 'minute' | 'hour' | 'day';

class BadRequest extends Error {
  constructor(
    readonly parameter: string,
    readonly value: string,
    message: string,
  ) {
    super(message);
  }
}

function problem(status: number, title: string, detail = title, type = 'about:blank'): Record<string, unknown> {
  return { title, detail, type, status };
}

function invalidRequest(err: BadRequest): Record<string, unknown> {
  // Real 400 bodies carry no `status` key (contract §3).
  return {
    errors: [{ parameters: { [err.parameter]: [err.value] }, message: err.message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEMS}/invalid-request`,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function parseTime(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw new BadRequest(name, raw, `Invalid '${name}':'${raw}'. '${name}' must be a valid RFC3339 date-time`);
  return t;
}

function fieldList(url: URL, names: string[], allowed: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    const raw = url.searchParams.get(name);
    if (raw === null) continue;
    for (const f of raw.split(',')) {
      if (!allowed.has(f)) {
        throw new BadRequest(name, raw, `The \`${name}\` query parameter value [${f}] is not one of [${[...allowed].join(',')}]`);
      }
      out.add(f);
    }
  }
  return out;
}

interface Window {
  start: number;
  end: number;
}

/** start_time/end_time defaults and bounds for the recent endpoints (last 7 days, end >= 10 s ago). */
function recentWindow(url: URL, t: number, pinned: Window | null): Window {
  const startRaw = parseTime(url, 'start_time');
  const endRaw = parseTime(url, 'end_time');
  if (pinned) return pinned;
  const end = endRaw ?? t - END_LAG_MS;
  // Recorded default window: [now - 10 s - 7 d, now - 10 s] (contract §6).
  const start = startRaw ?? t - END_LAG_MS - RECENT_WINDOW_MS;
  if (endRaw !== null && endRaw > t - END_LAG_MS) {
    throw new BadRequest('end_time', url.searchParams.get('end_time')!, `Invalid 'end_time':'${url.searchParams.get('end_time')}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`);
  }
  if (startRaw !== null && startRaw < t - END_LAG_MS - RECENT_WINDOW_MS) {
    throw new BadRequest('start_time', url.searchParams.get('start_time')!, `Invalid 'start_time':'${url.searchParams.get('start_time')}'. 'start_time' must be on or after ${iso(Math.ceil((t - END_LAG_MS - RECENT_WINDOW_MS) / 1000) * 1000)}`);
  }
  if (start >= end) {
    throw new BadRequest('start_time', url.searchParams.get('start_time') ?? iso(start), `Invalid 'start_time':'${iso(start)}'. 'start_time' must be before 'end_time':${iso(end)}`);
  }
  return { start, end };
}

/** Opaque lowercase base-36 token (45 chars like the real ones) that pins the window and a position. */
function encodeToken(queryKey: string, w: Window, position: bigint): string {
  const check = createHash('sha1').update(queryKey).digest().readUInt32BE(0).toString(36).padStart(7, '0');
  return `b26v89c${w.start.toString(36).padStart(9, '0')}${w.end.toString(36).padStart(9, '0')}${position.toString(36).padStart(13, '0')}${check}`;
}

function decodeToken(queryKey: string, token: string, param: string): { w: Window; position: bigint } {
  const bad = () => new BadRequest(param, token, `The \`${param}\` query parameter value [${token}] is not a valid token for this request`);
  if (!/^b26v89c[0-9a-z]{38}$/.test(token)) throw bad();
  const check = createHash('sha1').update(queryKey).digest().readUInt32BE(0).toString(36).padStart(7, '0');
  if (token.slice(38) !== check) throw bad();
  let position = 0n;
  for (const ch of token.slice(25, 38)) position = position * 36n + BigInt(parseInt(ch, 36));
  return { w: { start: parseInt(token.slice(7, 16), 36), end: parseInt(token.slice(16, 25), 36) }, position };
}

function queryParam(url: URL): { text: string; ast: ReturnType<typeof parseXQuery> & { ok: true } } {
  const text = url.searchParams.get('query');
  if (text === null || text === '') throw new BadRequest('query', '', 'The `query` query parameter can not be empty');
  const parsed = parseXQuery(text);
  if (!parsed.ok) throw new BadRequest('query', text, `There were errors processing your request: ${parsed.message}`);
  return { text, ast: parsed };
}

function tokenParam(url: URL): { token: string; param: string } | null {
  for (const param of ['next_token', 'pagination_token']) {
    const token = url.searchParams.get(param);
    if (token) return { token, param };
  }
  return null;
}

function idParam(url: URL, name: string): string | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  if (!/^[0-9]{1,19}$/.test(raw)) throw new BadRequest(name, raw, `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`);
  return raw;
}

function bucketBounds(w: Window, granularity: Granularity): Window[] {
  const unit = granularity === 'minute' ? 60_000 : granularity === 'hour' ? HOUR : DAY;
  const out: Window[] = [];
  let s = w.start;
  while (s < w.end) {
    const e = Math.min(w.end, (Math.floor(s / unit) + 1) * unit);
    out.push({ start: s, end: e });
    s = e;
  }
  return out;
}

/** Matching posts with created_at in [start, end), ascending by id. */
function matching(ctx: XContext, key: string, ast: Parameters<XWorld['matchingInHour']>[1], w: Window): XSimPost[] {
  const out: XSimPost[] = [];
  for (let h = Math.floor(w.start / HOUR); h * HOUR < w.end; h++) {
    for (const p of ctx.world.matchingInHour(key, ast, h)) if (p.createdAt >= w.start && p.createdAt < w.end) out.push(p);
  }
  return out;
}

function counts(ctx: XContext, url: URL, t: number): Answer {
  const { text, ast } = queryParam(url);
  const granularity = (url.searchParams.get('granularity') ?? 'hour') as Granularity;
  if (!['minute', 'hour', 'day'].includes(granularity)) {
    throw new BadRequest('granularity', granularity, `The \`granularity\` query parameter value [${granularity}] is not one of [minute,hour,day]`);
  }
  const key = `${text}\u0000${granularity}`;
  const tok = tokenParam(url);
  const pinned = tok ? decodeToken(key, tok.token, tok.param) : null;
  const w = recentWindow(url, t, pinned?.w ?? null);
  const buckets = bucketBounds(w, granularity);
  const page = Number(pinned?.position ?? 0n);
  const size = COUNT_PAGE_BUCKETS[granularity];
  const hi = buckets.length - page * size;
  const lo = Math.max(0, hi - size);
  const slice = buckets.slice(lo, Math.max(lo, hi));
  const posts = slice.length ? matching(ctx, text, ast.ast, { start: slice[0]!.start, end: slice[slice.length - 1]!.end }) : [];
  let k = 0;
  const data = slice.map((b) => {
    let n = 0;
    while (k < posts.length && posts[k]!.createdAt < b.end) {
      if (posts[k]!.createdAt >= b.start) n += 1;
      k += 1;
    }
    return { end: iso(b.end), start: iso(b.start), tweet_count: n };
  });
  const meta: Record<string, unknown> = { total_tweet_count: data.reduce((a, d) => a + d.tweet_count, 0) };
  if (lo > 0) meta.next_token = encodeToken(key, w, BigInt(page + 1));
  return { status: 200, body: data.length ? { data, meta } : { meta } };
}

function tweetObject(ctx: XContext, p: XSimPost, fields: Set<string>, t: number): Record<string, unknown> {
  const o: Record<string, unknown> = { edit_history_tweet_ids: [p.id], id: p.id, text: p.text };
  if (fields.has('author_id')) o.author_id = p.authorId;
  if (fields.has('created_at')) o.created_at = iso(p.createdAt);
  if (fields.has('conversation_id')) o.conversation_id = p.conversationId;
  if (fields.has('lang')) o.lang = p.lang;
  if (fields.has('in_reply_to_user_id') && p.inReplyToUserId) o.in_reply_to_user_id = p.inReplyToUserId;
  if (fields.has('referenced_tweets') && p.refId) {
    o.referenced_tweets = [{ type: p.kind === 'reply' ? 'replied_to' : p.kind === 'quote' ? 'quoted' : 'retweeted', id: p.refId }];
  }
  if (fields.has('possibly_sensitive')) o.possibly_sensitive = false;
  if (fields.has('reply_settings')) o.reply_settings = 'everyone';
  if (fields.has('public_metrics')) {
    const m = ctx.world.metricsAt(p, t);
    o.public_metrics = {
      retweet_count: m.reposts,
      reply_count: m.replies,
      like_count: m.likes,
      quote_count: m.quotes,
      bookmark_count: m.bookmarks,
      impression_count: m.impressions,
    };
  }
  if (fields.has('entities')) {
    const e: Record<string, unknown> = {};
    for (const key of ['hashtags', 'mentions', 'urls', 'cashtags'] as const) if (p.entities[key].length) e[key] = p.entities[key];
    if (Object.keys(e).length) o.entities = e;
  }
  return o;
}

function userObject(ctx: XContext, index: number, fields: Set<string>): Record<string, unknown> {
  const u = ctx.world.user(index);
  const o: Record<string, unknown> = { id: u.id, name: u.name, username: u.username };
  if (fields.has('created_at')) o.created_at = u.created_at;
  if (fields.has('public_metrics')) o.public_metrics = u.public_metrics;
  if (fields.has('verified')) o.verified = u.verified;
  if (fields.has('verified_type')) o.verified_type = u.verified_type;
  if (fields.has('protected')) o.protected = false;
  if (fields.has('description')) o.description = '';
  return o;
}

/** data + includes.users (each author once, only when expanded), keys present only when non-empty. */
function envelope(ctx: XContext, url: URL, posts: XSimPost[], t: number): Record<string, unknown> {
  const tweetFields = fieldList(url, ['tweet.fields', 'post.fields'], TWEET_FIELDS);
  const userFields = fieldList(url, ['user.fields'], USER_FIELDS);
  const expansions = fieldList(url, ['expansions'], EXPANSIONS);
  const body: Record<string, unknown> = {};
  if (posts.length) body.data = posts.map((p) => tweetObject(ctx, p, tweetFields, t));
  if (posts.length && expansions.has('author_id')) {
    const seen = new Set<number>();
    const users = [];
    for (const p of posts) {
      if (seen.has(p.authorIdx)) continue;
      seen.add(p.authorIdx);
      users.push(userObject(ctx, p.authorIdx, userFields));
    }
    body.includes = { users };
  }
  return body;
}

function search(ctx: XContext, url: URL, t: number): Answer {
  const { text, ast } = queryParam(url);
  const maxRaw = url.searchParams.get('max_results') ?? '10';
  const max = Number(maxRaw);
  if (!/^\d+$/.test(maxRaw) || max < 10 || max > 100) {
    throw new BadRequest('max_results', maxRaw, `The \`max_results\` query parameter value [${maxRaw}] is not between 10 and 100`);
  }
  const sinceId = idParam(url, 'since_id');
  const untilId = idParam(url, 'until_id');
  const key = `${text}\u0000${sinceId ?? ''}\u0000${untilId ?? ''}`;
  const tok = tokenParam(url);
  const pinned = tok ? decodeToken(key, tok.token, tok.param) : null;
  const w = recentWindow(url, t, pinned?.w ?? null);
  const before = pinned ? pinned.position.toString() : untilId;

  const picked: XSimPost[] = [];
  let more = false;
  outer: for (let h = Math.floor((w.end - 1) / HOUR); h >= Math.floor(w.start / HOUR); h--) {
    const inHour = ctx.world.matchingInHour(text, ast.ast, h);
    for (let k = inHour.length - 1; k >= 0; k--) {
      const p = inHour[k]!;
      if (p.createdAt < w.start || p.createdAt >= w.end) continue;
      if (before !== null && compareIds(p.id, before) >= 0) continue;
      if (sinceId !== null && compareIds(p.id, sinceId) <= 0) break outer;
      if (picked.length === max) {
        more = true;
        break outer;
      }
      picked.push(p);
    }
  }
  const body = envelope(ctx, url, picked, t);
  const oldest = picked[picked.length - 1];
  body.meta = oldest
    ? {
        newest_id: picked[0]!.id,
        oldest_id: oldest.id,
        result_count: picked.length,
        ...(more ? { next_token: encodeToken(key, w, BigInt(oldest.id)) } : {}),
      }
    : { result_count: 0 };
  return { status: 200, body };
}

function lookup(ctx: XContext, url: URL, t: number): Answer {
  const raw = url.searchParams.get('ids');
  if (!raw) throw new BadRequest('ids', '', 'The `ids` query parameter can not be empty');
  const ids = raw.split(',');
  if (ids.length > 100) throw new BadRequest('ids', raw, `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`);
  for (const id of ids) {
    if (!/^[0-9]{1,19}$/.test(id)) throw new BadRequest('ids', raw, `The \`ids\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
  }
  const found: XSimPost[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const id of [...new Set(ids)]) {
    const p = ctx.world.postById(id);
    if (p && p.createdAt <= t) found.push(p);
    else {
      errors.push({
        value: id,
        detail: `Could not find tweet with ids: [${id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: id,
        type: `${PROBLEMS}/resource-not-found`,
      });
    }
  }
  const body = envelope(ctx, url, found, t);
  if (errors.length) body.errors = errors;
  return { status: 200, body };
}

const ROUTES: Record<string, { endpoint: XEndpoint; handle: (ctx: XContext, url: URL, t: number) => Answer }> = {
  '/2/tweets/search/recent': { endpoint: 'search/recent', handle: search },
  '/2/tweets/counts/recent': { endpoint: 'counts/recent', handle: counts },
  '/2/tweets': { endpoint: 'tweets', handle: lookup },
};

function baseHeaders(): Record<string, string> {
  return {
    'api-version': '2.164',
    'x-access-level': 'read',
    'cache-control': 'no-cache, no-store, max-age=0',
    'content-disposition': 'attachment; filename=json.json',
    'x-transaction-id': randomBytes(8).toString('hex'),
  };
}

export async function handleX(ctx: XContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  const started = Date.now();
  const latency = ctx.faults.latencyMs();
  if (latency > 0) await new Promise((r) => setTimeout(r, latency));
  const route = ROUTES[path];
  if (!route || req.method !== 'GET') {
    // 2026 behaviour for unknown paths: empty body, no JSON type, no rate-limit headers.
    res.writeHead(404, { 'content-length': '0' });
    res.end();
    return;
  }
  const auth = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
  if (!auth || auth[1] !== ctx.bearerToken || ctx.faults.takeUnauthorized(path)) {
    return sendJson(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, baseHeaders());
  }
  if (ctx.faults.takeRateLimitDrain(path)) ctx.limiter.drain(route.endpoint);
  const window = ctx.limiter.take(route.endpoint);
  const rateHeaders = {
    'x-rate-limit-limit': String(window.limit),
    'x-rate-limit-remaining': String(window.remaining),
    'x-rate-limit-reset': String(window.reset),
  };
  if (!window.allowed) {
    return sendJson(res, 429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { ...baseHeaders(), ...rateHeaders });
  }
  if (ctx.faults.roll('error', path)) return sendJson(res, 503, problem(503, 'Service Unavailable'), baseHeaders());
  if (ctx.faults.roll('timeout', path)) {
    ctx.hanging.add(res);
    res.on('close', () => ctx.hanging.delete(res));
    return;
  }
  if (ctx.faults.roll('reset-before-response', path)) return void res.socket?.resetAndDestroy();

  let t = ctx.now();
  const travel = req.headers['x-simulator-time'];
  if (typeof travel === 'string' && travel) {
    t = Date.parse(travel);
    if (Number.isNaN(t)) return sendJson(res, 400, problem(400, 'Invalid Request', 'Invalid x-simulator-time header', `${PROBLEMS}/invalid-request`), baseHeaders());
  }
  let answer: Answer;
  try {
    answer = route.handle(ctx, url, t);
  } catch (err) {
    if (err instanceof BadRequest) return sendJson(res, 400, invalidRequest(err), { ...baseHeaders(), ...rateHeaders });
    throw err;
  }
  const headers = { ...baseHeaders(), ...rateHeaders, 'x-response-time': String(Date.now() - started) };
  const corrupted = ctx.faults.corrupt(path, answer.body);
  const text = corrupted ?? JSON.stringify(answer.body);
  sendTextWithFault(res, answer.status, text, headers, ctx.faults.delivery(path), ctx.hanging);
}
