import type { z } from 'zod';
import { DEFAULT_MAX_RESPONSE_BYTES, readBoundedText } from '../http/bounded-body';
import { networkDetail } from '../http/network-error';
import { HelixContractError, HelixHttpError, HelixNetworkError, contractErrorFrom } from './helix.errors';
import {
  errorBodySchema,
  gamesSchema,
  searchCategoriesPageSchema,
  streamsPageSchema,
  tokenSchema,
  topGamesPageSchema,
  usersSchema,
  type HelixCategory,
  type HelixGame,
  type HelixStream,
  type HelixUser,
} from './helix.schemas';

export interface HelixLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface HelixClientOptions {
  clientId: string;
  clientSecret: string;
  /** e.g. https://api.twitch.tv/helix */
  apiUrl: string;
  /** e.g. https://id.twitch.tv/oauth2 (token endpoint = `${authUrl}/token`) */
  authUrl: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Answers larger than this are refused (HelixContractError), never buffered whole. */
  maxResponseBytes?: number;
  logger?: HelixLogger;
  /** Sent on every Helix call; meant for the simulator only. */
  extraHeaders?: Record<string, string>;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface SweepOptions extends CallOptions {
  maxPages?: number;
  /** Ask the simulator to answer as of this time (history backfill in demo mode). */
  at?: Date;
}

export interface StreamSweepResult {
  streams: HelixStream[];
  pages: number;
  apiCalls: number;
  duplicatesDropped: number;
  /** True when the sweep stopped before the API said it was done (max-pages). */
  partial: boolean;
  stopReason: 'complete' | 'max-pages' | 'cursor-loop';
  rateLimitRemaining: number | null;
}

export interface HelixStats {
  apiCalls: number;
  rateLimitRemaining: number | null;
  tokenRequests: number;
}

const PAGE_SIZE = 100;
const BATCH_SIZE = 100;
const DEFAULT_MAX_PAGES = 5_000;
/** 429s are waited out, not counted as failures, but never forever. */
const MAX_RATE_LIMIT_WAITS = 5;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 10_000;
const TOKEN_EARLY_REFRESH_MS = 5 * 60_000;

const noopLogger: HelixLogger = { debug() {}, info() {}, warn() {}, error() {} };

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

/** Resolves with the promise, or rejects as soon as the caller aborts. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Helix sometimes sends a cursor on the last page ("IA" = base64 of a space). */
function usableCursor(cursor: string | undefined): cursor is string {
  if (!cursor) return false;
  try {
    return Buffer.from(cursor, 'base64').toString('utf8').trim() !== '';
  } catch {
    return false;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}

interface RateState {
  limit: number;
  remaining: number;
  resetMs: number;
}

/** Twitch Helix client (app access token, client-credentials). */
export class HelixClient {
  readonly stats: HelixStats = { apiCalls: 0, rateLimitRemaining: null, tokenRequests: 0 };
  private readonly apiUrl: string;
  private readonly authUrl: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxResponseBytes: number;
  private readonly log: HelixLogger;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private token: { value: string; expiresAt: number } | null = null;
  /** Recent token values, kept only to scrub them from upstream error text. */
  private readonly pastTokens: string[] = [];
  private tokenInFlight: Promise<string> | null = null;
  private rate: RateState | null = null;

  constructor(private readonly opts: HelixClientOptions) {
    this.apiUrl = opts.apiUrl.replace(/\/+$/, '');
    this.authUrl = opts.authUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.log = opts.logger ?? noopLogger;
    this.fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
  }

  /**
   * Pages through every live stream (first=100). Viewer counts move between pages, so the
   * API can repeat or skip streams; repeats are dropped here (first occurrence kept).
   */
  async sweepStreams(opts: SweepOptions = {}): Promise<StreamSweepResult> {
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    const callsBefore = this.stats.apiCalls;
    const seen = new Set<string>();
    const cursors = new Set<string>();
    const streams: HelixStream[] = [];
    let duplicatesDropped = 0;
    let pages = 0;
    let after: string | undefined;
    let lastViewers: number | null = null;
    let stopReason: StreamSweepResult['stopReason'] = 'complete';

    for (;;) {
      if (pages >= maxPages) {
        stopReason = 'max-pages';
        break;
      }
      const params: [string, string][] = [['first', String(PAGE_SIZE)]];
      if (after) params.push(['after', after]);
      const page = await this.get('/streams', params, streamsPageSchema, opts);
      pages += 1;
      if (page.data.length === 0) break;
      if (lastViewers !== null && this.looksWrapped(page.data, lastViewers, seen)) {
        this.log.warn({ endpoint: 'GET /streams', pages }, 'stream cursor wrapped back to the top; stopping');
        stopReason = 'cursor-loop';
        break;
      }
      for (const s of page.data) {
        if (seen.has(s.id)) {
          duplicatesDropped += 1;
          continue;
        }
        seen.add(s.id);
        streams.push(s);
      }
      lastViewers = page.data[page.data.length - 1]!.viewer_count;
      const next = page.pagination?.cursor;
      if (!usableCursor(next)) break;
      if (cursors.has(next)) {
        stopReason = 'cursor-loop';
        break;
      }
      cursors.add(next);
      after = next;
    }
    return {
      streams,
      pages,
      apiCalls: this.stats.apiCalls - callsBefore,
      duplicatesDropped,
      partial: stopReason === 'max-pages',
      stopReason,
      rateLimitRemaining: this.stats.rateLimitRemaining,
    };
  }

  async getTopGames(opts: CallOptions & { first?: number; maxPages?: number } = {}): Promise<{ games: HelixGame[]; apiCalls: number }> {
    const callsBefore = this.stats.apiCalls;
    const first = Math.min(100, Math.max(1, opts.first ?? 100));
    const maxPages = opts.maxPages ?? 1;
    const games: HelixGame[] = [];
    const seen = new Set<string>();
    const cursors = new Set<string>();
    let after: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const params: [string, string][] = [['first', String(first)]];
      if (after) params.push(['after', after]);
      const body = await this.get('/games/top', params, topGamesPageSchema, opts);
      for (const g of body.data) {
        if (!seen.has(g.id)) {
          seen.add(g.id);
          games.push(g);
        }
      }
      const next = body.pagination?.cursor;
      if (body.data.length === 0 || !usableCursor(next) || cursors.has(next)) break;
      cursors.add(next);
      after = next;
    }
    return { games, apiCalls: this.stats.apiCalls - callsBefore };
  }

  async getGames(ids: readonly string[], opts: CallOptions = {}): Promise<HelixGame[]> {
    const out: HelixGame[] = [];
    for (const batch of chunks([...new Set(ids)], BATCH_SIZE)) {
      const body = await this.get('/games', batch.map((id) => ['id', id] as [string, string]), gamesSchema, opts);
      out.push(...body.data);
    }
    return out;
  }

  async getUsers(ids: readonly string[], opts: CallOptions = {}): Promise<HelixUser[]> {
    const out: HelixUser[] = [];
    for (const batch of chunks([...new Set(ids)], BATCH_SIZE)) {
      const body = await this.get('/users', batch.map((id) => ['id', id] as [string, string]), usersSchema, opts);
      out.push(...body.data);
    }
    return out;
  }

  /** One page of category search (case-insensitive, every word must match). */
  async searchCategories(query: string, opts: CallOptions & { first?: number } = {}): Promise<HelixCategory[]> {
    const first = Math.min(100, Math.max(1, opts.first ?? 20));
    const body = await this.get('/search/categories', [['query', query], ['first', String(first)]], searchCategoriesPageSchema, opts);
    return body.data;
  }

  /**
   * Wrap-around (twitchdev/issues#93): following the last cursor can restart at page 1. Counts
   * drift between pages, so a small rise is normal; a big jump, or a rise onto streams already
   * seen, is the loop.
   */
  private looksWrapped(data: readonly HelixStream[], lastViewers: number, seen: Set<string>): boolean {
    const first = data[0]!.viewer_count;
    if (first <= lastViewers) return false;
    if (first > lastViewers * 1.5 + 10) return true;
    const repeated = data.filter((s) => seen.has(s.id)).length;
    return repeated * 2 >= data.length;
  }

  private async get<S extends z.ZodType>(
    path: string,
    params: [string, string][],
    schema: S,
    opts: SweepOptions,
  ): Promise<z.output<S>> {
    const endpoint = `GET ${path}`;
    const url = new URL(this.apiUrl + path);
    for (const [k, v] of params) url.searchParams.append(k, v);
    const signal = opts.signal;
    let failures = 0;
    let rateWaits = 0;
    let refreshedToken = false;

    for (;;) {
      signal?.throwIfAborted();
      const token = await this.getToken(signal);
      await this.pace(signal);
      const headers: Record<string, string> = {
        ...this.opts.extraHeaders,
        'Client-Id': this.opts.clientId,
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
      };
      if (opts.at) headers['x-simulator-time'] = opts.at.toISOString();

      const started = this.now();
      let status: number;
      let text: string | null;
      let response: Response;
      this.stats.apiCalls += 1;
      try {
        const requestSignal = signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)])
          : AbortSignal.timeout(this.timeoutMs);
        // One deadline for the whole attempt: headers and body (a trickling body is abandoned too).
        response = await this.fetchImpl(url, { headers, signal: requestSignal });
        status = response.status;
        text = await readBoundedText(response, this.maxResponseBytes, requestSignal);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        failures += 1;
        const reason = this.describeFailure(err);
        this.log.warn({ endpoint, attempt: failures, reason }, 'helix request failed');
        if (failures >= this.maxAttempts) throw new HelixNetworkError(endpoint, failures, reason);
        await this.backoff(failures, signal);
        continue;
      }
      if (text === null) throw new HelixContractError(endpoint, 'body', `response larger than ${this.maxResponseBytes} bytes; refused`);
      this.readRateHeaders(response.headers);
      this.log.debug({ endpoint, status, ms: this.now() - started, remaining: this.stats.rateLimitRemaining }, 'helix call');

      if (status === 401 && !refreshedToken) {
        // Tokens can be revoked or expire early; Twitch says to fetch a new one on 401, once.
        refreshedToken = true;
        this.invalidateToken(token);
        this.log.info({ endpoint }, 'helix 401; requesting a new app token');
        continue;
      }
      if (status === 429 && rateWaits < MAX_RATE_LIMIT_WAITS) {
        rateWaits += 1;
        // Without a Reset header on this very answer, stale bucket data could say "now": back off instead.
        // A reset that already passed by our clock means the clocks disagree: back off instead
        // of retrying at once and spending every attempt in a burst.
        const untilReset = this.rate && response.headers.has('ratelimit-reset') ? this.rate.resetMs - this.now() : 0;
        const wait = untilReset > 0 ? untilReset : this.backoffDelay(rateWaits);
        this.log.warn({ endpoint, waitMs: wait }, 'helix rate limited; waiting for reset');
        await this.sleep(wait, signal);
        continue;
      }
      if (status >= 500) {
        failures += 1;
        this.log.warn({ endpoint, status, attempt: failures }, 'helix server error');
        if (failures >= this.maxAttempts) throw new HelixHttpError(endpoint, status, this.helixMessage(text));
        await this.backoff(failures, signal);
        continue;
      }
      if (status < 200 || status >= 300) throw new HelixHttpError(endpoint, status, this.helixMessage(text));

      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new HelixContractError(endpoint, 'body', 'invalid JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw contractErrorFrom(endpoint, parsed.error);
      return parsed.data;
    }
  }

  private async getToken(signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.value;
    // One request for everyone waiting; a caller's abort leaves it running for the others.
    this.tokenInFlight ??= this.requestToken().finally(() => {
      this.tokenInFlight = null;
    });
    return abortable(this.tokenInFlight, signal);
  }

  private invalidateToken(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  private async requestToken(): Promise<string> {
    const endpoint = 'POST /oauth2/token';
    const body = new URLSearchParams({
      client_id: this.opts.clientId,
      client_secret: this.opts.clientSecret,
      grant_type: 'client_credentials',
    });
    let failures = 0;
    for (;;) {
      let status: number;
      let text: string | null;
      this.stats.tokenRequests += 1;
      try {
        const deadline = AbortSignal.timeout(this.timeoutMs);
        const response = await this.fetchImpl(`${this.authUrl}/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: body.toString(),
          signal: deadline,
        });
        status = response.status;
        text = await readBoundedText(response, this.maxResponseBytes, deadline);
      } catch (err) {
        failures += 1;
        const reason = this.describeFailure(err);
        if (failures >= this.maxAttempts) throw new HelixNetworkError(endpoint, failures, reason);
        await this.backoff(failures);
        continue;
      }
      if (text === null) throw new HelixContractError(endpoint, 'body', `response larger than ${this.maxResponseBytes} bytes; refused`);
      if (status >= 500 || status === 429) {
        failures += 1;
        if (failures >= this.maxAttempts) throw new HelixHttpError(endpoint, status, this.helixMessage(text));
        await this.backoff(failures);
        continue;
      }
      if (status !== 200) throw new HelixHttpError(endpoint, status, this.helixMessage(text));
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new HelixContractError(endpoint, 'body', 'invalid JSON');
      }
      const parsed = tokenSchema.safeParse(json);
      if (!parsed.success) throw contractErrorFrom(endpoint, parsed.error);
      const ttlMs = parsed.data.expires_in * 1000;
      this.pastTokens.push(parsed.data.access_token);
      if (this.pastTokens.length > 4) this.pastTokens.shift();
      this.token = {
        value: parsed.data.access_token,
        expiresAt: this.now() + ttlMs - Math.min(TOKEN_EARLY_REFRESH_MS, ttlMs * 0.1),
      };
      this.log.info({ endpoint, expiresIn: parsed.data.expires_in }, 'obtained app access token');
      return parsed.data.access_token;
    }
  }

  private readRateHeaders(headers: Headers): void {
    const limit = Number(headers.get('ratelimit-limit'));
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset'));
    if (!headers.has('ratelimit-remaining') || !Number.isFinite(remaining)) return;
    this.stats.rateLimitRemaining = remaining;
    this.rate = {
      limit: Number.isFinite(limit) && limit > 0 ? limit : 800,
      remaining,
      resetMs: Number.isFinite(reset) ? reset * 1000 : this.now() + 60_000,
    };
  }

  /**
   * Token bucket (contract §4): `limit` points refill evenly over a minute, and Reset is when the
   * bucket is full again. Below a small reserve, send at the refill rate (one request per
   * 60 s ÷ limit, longer the further below the reserve), so a long sweep runs at the budget's
   * own pace instead of stalling until Reset or running into 429s.
   */
  private async pace(signal?: AbortSignal): Promise<void> {
    const rate = this.rate;
    if (!rate) return;
    const reserve = Math.max(2, Math.ceil(rate.limit * 0.01));
    if (rate.remaining > reserve) return;
    const refillMs = 60_000 / rate.limit;
    const wait = refillMs * (reserve + 1 - rate.remaining);
    this.log.debug({ waitMs: Math.round(wait), remaining: rate.remaining }, 'pacing helix requests');
    // Count the point we are about to spend so back-to-back callers keep spreading out.
    rate.remaining = Math.max(0, rate.remaining - 1);
    await this.sleep(wait, signal);
  }

  /**
   * "Equal jitter": after failure n the wait is uniform in [c/2, c), c = min(10 s, 250 ms × 2^(n-1)),
   * so waits never shrink from one failure to the next (the lower bound doubles) until the cap,
   * always lie in [125 ms, 10 s), and clients that failed together do not retry in step.
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

  private helixMessage(text: string): string {
    try {
      const parsed = errorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) return this.scrub(parsed.data.message ?? parsed.data.error ?? '');
    } catch {
      // not JSON: fall through to a bounded excerpt
    }
    return this.scrub(text.slice(0, 200));
  }

  /** Upstream text is echoed into errors; make sure it can never carry our credentials. */
  private scrub(text: string): string {
    let out = text;
    for (const secret of [this.opts.clientSecret, ...this.pastTokens]) {
      if (secret && secret.length >= 4) out = out.split(secret).join('<redacted>');
    }
    return out;
  }
}
