import type { z } from 'zod';
import { DEFAULT_MAX_RESPONSE_BYTES, readBoundedText } from '../http/bounded-body';
import { networkDetail } from '../http/network-error';
import { XContractError, XHttpError, XNetworkError, xContractErrorFrom, type XProblem } from './x.errors';
import {
  xCountsPageSchema,
  xProblemSchema,
  xSearchPageSchema,
  xTweetsLookupSchema,
  type XPartialErrorWire,
  type XTweetWire,
  type XUserWire,
} from './x.schemas';

export interface XLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface XClientOptions {
  bearerToken: string;
  /** e.g. https://api.x.com/2, or the simulator's `${url}/2` */
  apiUrl: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Answers larger than this are refused (XContractError), never buffered whole. */
  maxResponseBytes?: number;
  logger?: XLogger;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export type XPostKind = 'original' | 'reply' | 'quote' | 'retweet';

export interface XPostMetrics {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  /** Absent in payloads before 2024 (contract §8). */
  bookmarks: number | null;
  impressions: number | null;
}

export interface XPost {
  /** Decimal string: ids exceed 2^53 and must never become numbers. */
  id: string;
  createdAt: Date;
  authorId: string;
  lang: string | null;
  text: string;
  kind: XPostKind;
  conversationId: string | null;
  /** null only when the answer carried no public_metrics (the client always asks for them). */
  metrics: XPostMetrics | null;
  hashtags: string[];
  mentions: string[];
  urls: string[];
  cashtags: string[];
}

export interface XUser {
  id: string;
  username: string;
  name: string;
  /** null when the answer carried no public_metrics. */
  followers: number | null;
  following: number | null;
  posts: number | null;
  verified: boolean;
}

export interface XPartialError {
  endpoint: string;
  query: string | null;
  type: string | null;
  title: string | null;
  detail: string | null;
  parameter: string | null;
  resourceType: string | null;
  resourceId: string | null;
}

export interface XCountBucket {
  start: Date;
  end: Date;
  count: number;
}

export interface XCountsResult {
  buckets: XCountBucket[];
  total: number;
  apiCalls: number;
}

export interface XSearchOptions {
  sinceId?: string;
  /** Page size, 10..100 (default 100). */
  maxResults?: number;
  /** Budget: stop once this many posts were collected across pages. */
  maxPosts: number;
  startTime?: Date;
  signal?: AbortSignal;
}

export interface XSearchResult {
  posts: XPost[];
  users: XUser[];
  /** Max post id seen (decimal-string compare); the caller stores it as its since_id checkpoint. */
  newestId: string | null;
  pages: number;
  apiCalls: number;
  /** Posts the API returned (billed), including any beyond the cap. */
  postsRead: number;
  partialErrors: XPartialError[];
  stoppedBy: 'exhausted' | 'cap';
}

export interface XLookupResult {
  posts: XPost[];
  users: XUser[];
  partialErrors: XPartialError[];
  apiCalls: number;
}

export interface XRateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

export interface XStats {
  apiCalls: number;
  rateLimits: Record<string, XRateLimitState>;
}

export const X_TWEET_FIELDS = 'created_at,public_metrics,lang,author_id,entities,conversation_id,referenced_tweets,in_reply_to_user_id';
export const X_USER_FIELDS = 'username,name,public_metrics,verified,created_at';
const X_EPOCH_MS = 1_288_834_974_657n;
/** Ids below this predate snowflakes (Nov 2010) and carry no timestamp. */
const FIRST_SNOWFLAKE = 29_700_859_247n;

const BATCH = 100;
const MAX_RATE_LIMIT_WAITS = 3;
/** A 15-minute window plus slack; a reset further out than this is not worth blocking a worker for. */
const MAX_RATE_LIMIT_WAIT_MS = 16 * 60_000;
const RESET_SLACK_MS = 1_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 20_000;
const MAX_PAGES = 1_000;

const noopLogger: XLogger = { debug() {}, info() {}, warn() {}, error() {} };

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Orders decimal id strings without converting them to numbers. */
export function compareXIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function kindOf(t: XTweetWire): XPostKind {
  const types = new Set((t.referenced_tweets ?? []).map((r) => r.type));
  if (types.has('retweeted')) return 'retweet';
  if (types.has('replied_to')) return 'reply';
  if (types.has('quoted')) return 'quote';
  return 'original';
}

const fold = (values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => !!v).map((v) => v.toLowerCase()))];

/** created_at, or the snowflake timestamp when the field was not requested. */
function createdAtOf(t: XTweetWire): Date {
  if (t.created_at) return new Date(t.created_at);
  const id = BigInt(t.id);
  return id >= FIRST_SNOWFLAKE ? new Date(Number((id >> 22n) + X_EPOCH_MS)) : new Date(0);
}

export function normalizePost(t: XTweetWire): XPost {
  const m = t.public_metrics;
  const e = t.entities;
  return {
    id: t.id,
    createdAt: createdAtOf(t),
    authorId: t.author_id ?? '',
    lang: t.lang ?? null,
    text: t.text,
    kind: kindOf(t),
    conversationId: t.conversation_id ?? null,
    metrics: m
      ? {
          likes: m.like_count,
          reposts: m.retweet_count,
          replies: m.reply_count,
          quotes: m.quote_count ?? 0,
          bookmarks: m.bookmark_count ?? null,
          impressions: m.impression_count ?? null,
        }
      : null,
    hashtags: fold((e?.hashtags ?? []).map((h) => h.tag)),
    mentions: fold((e?.mentions ?? []).map((h) => h.username)),
    urls: fold((e?.urls ?? []).map((u) => u.expanded_url ?? u.url)),
    cashtags: fold((e?.cashtags ?? []).map((c) => c.tag)),
  };
}

export function normalizeUser(u: XUserWire): XUser {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    followers: u.public_metrics?.followers_count ?? null,
    following: u.public_metrics?.following_count ?? null,
    posts: u.public_metrics?.tweet_count ?? null,
    verified: u.verified ?? false,
  };
}

/** X API v2 client, app-only Bearer auth. */
export class XClient {
  readonly stats: XStats = { apiCalls: 0, rateLimits: {} };
  private readonly apiUrl: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxResponseBytes: number;
  private readonly log: XLogger;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly opts: XClientOptions) {
    this.apiUrl = opts.apiUrl.replace(/\/+$/, '');
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
    this.log = opts.logger ?? noopLogger;
    this.fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
  }

  /** Every bucket of the window, ascending, following next_token pages (which come newest first). */
  async countsRecent(
    query: string,
    opts: { granularity: 'minute' | 'hour' | 'day'; startTime?: Date; endTime?: Date; signal?: AbortSignal },
  ): Promise<XCountsResult> {
    const callsBefore = this.stats.apiCalls;
    const base: [string, string][] = [
      ['query', query],
      ['granularity', opts.granularity],
    ];
    if (opts.startTime) base.push(['start_time', opts.startTime.toISOString()]);
    if (opts.endTime) base.push(['end_time', opts.endTime.toISOString()]);
    const byStart = new Map<number, XCountBucket>();
    const tokens = new Set<string>();
    let next: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = next ? [...base, ['next_token', next] as [string, string]] : base;
      const body = await this.get('/tweets/counts/recent', params, xCountsPageSchema, opts.signal, query);
      for (const b of body.data ?? []) {
        const start = new Date(b.start);
        byStart.set(start.getTime(), { start, end: new Date(b.end), count: b.tweet_count });
      }
      next = body.meta.next_token;
      if (!next || tokens.has(next)) break;
      tokens.add(next);
    }
    const buckets = [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
    return { buckets, total: buckets.reduce((a, b) => a + b.count, 0), apiCalls: this.stats.apiCalls - callsBefore };
  }

  /** Newest-first pages of recent search until exhausted or `maxPosts` were collected. */
  async searchRecent(query: string, opts: XSearchOptions): Promise<XSearchResult> {
    if (!Number.isInteger(opts.maxPosts) || opts.maxPosts < 1) throw new RangeError('maxPosts must be a positive integer');
    if (opts.sinceId !== undefined && !/^[0-9]{1,19}$/.test(opts.sinceId)) throw new RangeError('sinceId must be a decimal id string');
    const pageSize = Math.min(100, Math.max(10, Math.floor(opts.maxResults ?? 100)));
    const callsBefore = this.stats.apiCalls;
    const base: [string, string][] = [
      ['query', query],
      ['tweet.fields', X_TWEET_FIELDS],
      ['expansions', 'author_id'],
      ['user.fields', X_USER_FIELDS],
    ];
    if (opts.sinceId) base.push(['since_id', opts.sinceId]);
    if (opts.startTime) base.push(['start_time', opts.startTime.toISOString()]);

    const posts: XPost[] = [];
    const seen = new Set<string>();
    const users = new Map<string, XUser>();
    const partialErrors: XPartialError[] = [];
    const tokens = new Set<string>();
    let newestId: string | null = null;
    let postsRead = 0;
    let pages = 0;
    let next: string | undefined;
    let stoppedBy: XSearchResult['stoppedBy'] = 'exhausted';

    for (;;) {
      const want = Math.min(pageSize, Math.max(10, opts.maxPosts - posts.length));
      const params: [string, string][] = [...base, ['max_results', String(want)]];
      if (next) params.push(['next_token', next]);
      const body = await this.get('/tweets/search/recent', params, xSearchPageSchema, opts.signal, query);
      pages += 1;
      partialErrors.push(...this.partials('GET /tweets/search/recent', body.errors, query));
      for (const u of body.includes?.users ?? []) users.set(u.id, normalizeUser(u));
      for (const t of body.data ?? []) {
        postsRead += 1;
        if (newestId === null || compareXIds(t.id, newestId) > 0) newestId = t.id;
        if (seen.has(t.id) || posts.length >= opts.maxPosts) continue;
        seen.add(t.id);
        posts.push(normalizePost(t));
      }
      next = body.meta.next_token;
      if (!next || tokens.has(next) || pages >= MAX_PAGES) break;
      if (posts.length >= opts.maxPosts) {
        stoppedBy = 'cap';
        break;
      }
      tokens.add(next);
    }
    const authorIds = new Set(posts.map((p) => p.authorId));
    return {
      posts,
      users: [...users.values()].filter((u) => authorIds.has(u.id)),
      newestId,
      pages,
      apiCalls: this.stats.apiCalls - callsBefore,
      postsRead,
      partialErrors,
      stoppedBy,
    };
  }

  /** Current state of known posts (metrics refresh), 100 ids per call; missing ids come back as partialErrors. */
  async lookupPosts(ids: readonly string[], opts: { signal?: AbortSignal } = {}): Promise<XLookupResult> {
    for (const id of ids) if (!/^[0-9]{1,19}$/.test(id)) throw new RangeError(`not a post id: ${JSON.stringify(id)}`);
    const callsBefore = this.stats.apiCalls;
    const unique = [...new Set(ids)];
    const posts: XPost[] = [];
    const users = new Map<string, XUser>();
    const partialErrors: XPartialError[] = [];
    for (let k = 0; k < unique.length; k += BATCH) {
      const batch = unique.slice(k, k + BATCH);
      const body = await this.get(
        '/tweets',
        [
          ['ids', batch.join(',')],
          ['tweet.fields', X_TWEET_FIELDS],
          ['expansions', 'author_id'],
          ['user.fields', X_USER_FIELDS],
        ],
        xTweetsLookupSchema,
        opts.signal,
        null,
      );
      posts.push(...(body.data ?? []).map(normalizePost));
      for (const u of body.includes?.users ?? []) users.set(u.id, normalizeUser(u));
      partialErrors.push(...this.partials('GET /tweets', body.errors, null));
    }
    return { posts, users: [...users.values()], partialErrors, apiCalls: this.stats.apiCalls - callsBefore };
  }

  private partials(endpoint: string, errors: XPartialErrorWire[] | undefined, query: string | null): XPartialError[] {
    return (errors ?? []).map((e) => ({
      endpoint,
      query,
      type: e.type ?? null,
      title: e.title ?? null,
      detail: e.detail ? this.scrub(e.detail) : null,
      parameter: e.parameter ?? null,
      resourceType: e.resource_type ?? null,
      resourceId: e.resource_id ?? null,
    }));
  }

  private async get<S extends z.ZodType>(
    path: string,
    params: [string, string][],
    schema: S,
    signal: AbortSignal | undefined,
    query: string | null,
  ): Promise<z.output<S>> {
    const endpoint = `GET ${path}`;
    const url = new URL(this.apiUrl + path);
    for (const [k, v] of params) url.searchParams.append(k, v);
    let failures = 0;
    let rateWaits = 0;

    for (;;) {
      signal?.throwIfAborted();
      await this.waitForWindow(endpoint, signal);
      const started = this.now();
      let status: number;
      let text: string | null;
      let response: Response;
      this.stats.apiCalls += 1;
      try {
        const requestSignal = signal ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs);
        response = await this.fetchImpl(url, {
          headers: { Authorization: `Bearer ${this.opts.bearerToken}`, Accept: 'application/json' },
          signal: requestSignal,
        });
        status = response.status;
        // The same deadline covers the body: a trickling answer is abandoned and retried.
        text = await readBoundedText(response, this.maxResponseBytes, requestSignal);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        failures += 1;
        const reason = this.describeFailure(err);
        this.log.warn({ endpoint, attempt: failures, reason }, 'x request failed');
        if (failures >= this.maxAttempts) throw new XNetworkError(endpoint, failures, reason);
        await this.backoff(failures, signal);
        continue;
      }
      if (text === null) throw new XContractError(endpoint, 'body', `response larger than ${this.maxResponseBytes} bytes; refused`);
      const rate = this.readRateHeaders(endpoint, response.headers);
      this.log.debug({ endpoint, status, ms: this.now() - started, remaining: rate?.remaining ?? null }, 'x call');

      if (status === 429) {
        const problem = this.problemOf(text);
        // A usage cap answers 429 too, but waiting for the window does not lift it (contract §3).
        if ((problem.type ?? '').includes('usage-capped')) throw new XHttpError(endpoint, status, problem, query);
        rateWaits += 1;
        const wait = rate ? rate.reset * 1000 - this.now() + RESET_SLACK_MS : this.backoffDelay(rateWaits);
        if (rateWaits > MAX_RATE_LIMIT_WAITS || wait > MAX_RATE_LIMIT_WAIT_MS) throw new XHttpError(endpoint, status, problem, query);
        this.log.warn({ endpoint, waitMs: Math.max(0, wait) }, 'x rate limited; waiting for the window reset');
        await this.sleep(Math.max(0, wait), signal);
        continue;
      }
      if (status >= 500) {
        failures += 1;
        this.log.warn({ endpoint, status, attempt: failures }, 'x server error');
        if (failures >= this.maxAttempts) throw new XHttpError(endpoint, status, this.problemOf(text), query);
        await this.backoff(failures, signal);
        continue;
      }
      if (status < 200 || status >= 300) throw new XHttpError(endpoint, status, this.problemOf(text), query);

      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new XContractError(endpoint, 'body', 'invalid JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw xContractErrorFrom(endpoint, parsed.error);
      return parsed.data;
    }
  }

  /** With the window known to be spent, wait for its reset instead of collecting a 429. */
  private async waitForWindow(endpoint: string, signal?: AbortSignal): Promise<void> {
    const rate = this.stats.rateLimits[endpoint];
    if (!rate || rate.remaining > 0) return;
    const wait = rate.reset * 1000 - this.now() + RESET_SLACK_MS;
    if (wait <= 0 || wait > MAX_RATE_LIMIT_WAIT_MS) return;
    this.log.info({ endpoint, waitMs: wait }, 'x rate-limit window spent; waiting for reset');
    await this.sleep(wait, signal);
    rate.remaining = rate.limit;
  }

  private readRateHeaders(endpoint: string, headers: Headers): XRateLimitState | null {
    const limit = Number(headers.get('x-rate-limit-limit'));
    const remaining = Number(headers.get('x-rate-limit-remaining'));
    const reset = Number(headers.get('x-rate-limit-reset'));
    if (!headers.has('x-rate-limit-reset') || !Number.isFinite(reset) || !Number.isFinite(remaining)) return null;
    const state = { limit: Number.isFinite(limit) ? limit : 0, remaining, reset };
    this.stats.rateLimits[endpoint] = state;
    return state;
  }

  /**
   * "Equal jitter": after failure n the wait is uniform in [c/2, c), c = min(20 s, 500 ms × 2^(n-1)),
   * so waits never shrink from one failure to the next (the lower bound doubles) until the cap,
   * always lie in [250 ms, 20 s), and clients that failed together do not retry in step.
   */
  private backoffDelay(attempt: number): number {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return ceiling / 2 + this.random() * (ceiling / 2);
  }

  private backoff(attempt: number, signal?: AbortSignal): Promise<void> {
    return this.sleep(this.backoffDelay(attempt), signal);
  }

  private describeFailure(err: unknown): string {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (e?.name === 'TimeoutError') return `timed out after ${this.timeoutMs} ms`;
    return this.scrub(`network error: ${networkDetail(err)}`);
  }

  private problemOf(text: string): XProblem {
    try {
      const parsed = xProblemSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        const p = parsed.data;
        const detail = p.detail ?? p.errors?.map((e) => e.message).filter(Boolean).join('; ') ?? null;
        // 400s put the useful part in errors[].message (contract §3).
        const specific = p.errors?.length ? p.errors.map((e) => e.message).filter(Boolean).join('; ') : null;
        return {
          type: p.type ?? null,
          title: p.title ? this.scrub(p.title) : null,
          detail: specific ? this.scrub(specific) : detail ? this.scrub(detail) : null,
        };
      }
    } catch {
      // not JSON (e.g. an empty 404): keep a bounded excerpt
    }
    return { type: null, title: null, detail: text ? this.scrub(text.slice(0, 200)) : null };
  }

  /** Upstream text is echoed into errors; it must never carry the bearer token. */
  private scrub(text: string): string {
    const token = this.opts.bearerToken;
    if (!token || token.length < 4) return text;
    let out = text.split(token).join('<redacted>');
    const decoded = (() => {
      try {
        return decodeURIComponent(token);
      } catch {
        return token;
      }
    })();
    if (decoded !== token) out = out.split(decoded).join('<redacted>');
    return out;
  }
}
