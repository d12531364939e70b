import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateKey } from './principal';

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's budget check, started when the request arrived (see rateLimit). */
    rateLimit?: Promise<RateDecision>;
  }
}

/** Outcome of one budget check; `res` is null when Redis could not answer (the API fails open). */
export interface RateDecision {
  limited: boolean;
  res: RateLimiterRes | null;
}

function headerValues(perMinute: number, r: RateLimiterRes, limited: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['RateLimit-Limit', String(perMinute)],
    ['RateLimit-Remaining', String(Math.max(0, r.remainingPoints))],
    ['RateLimit-Reset', String(Math.ceil(r.msBeforeNext / 1000))],
  ];
  if (limited) out.push(['Retry-After', String(Math.max(1, Math.ceil(r.msBeforeNext / 1000)))]);
  return out;
}

function limitedBody(perMinute: number, r: RateLimiterRes) {
  return {
    errors: [
      {
        message: `rate limit of ${perMinute} requests per minute exceeded; retry after ${Math.ceil(r.msBeforeNext / 1000)} s`,
        extensions: { code: 'RATE_LIMITED' },
      },
    ],
  };
}

/**
 * Per-caller request budget in Redis (shared by every API replica), answered with the
 * RateLimit-* headers; over the budget: 429 with Retry-After.
 *
 * The Redis round trip is not waited for in front of the request: the check starts when the
 * request arrives and the GraphQL pipeline runs meanwhile; `plugin` waits for the answer before
 * a mutation executes and before any response is sent, and turns the response into the 429 when
 * the budget is spent. So a query over the budget is answered 429 like before, while a request
 * within it no longer pays the round trip on top of its own work (it was about a third of the
 * latency of a trivial query). A caller found over the budget is then refused from memory,
 * before any work, for the rest of its window (so at most the requests in flight when it crossed
 * the limit run in vain on this replica).
 */
export function rateLimit(opts: { redis: Redis; prefix: string; perMinute: number }) {
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix: `${opts.prefix}:ratelimit`,
    points: opts.perMinute,
    duration: 60,
    // If Redis is down, reads still answer (from Postgres); the limit resumes with Redis.
    insuranceLimiter: undefined,
    // Without this a request waits for Redis to come back (the client queues commands offline).
    rejectIfRedisNotReady: true,
  });
  /** Callers found over the budget, until their window resets (ms): refused without Redis or work. */
  const blocked = new Map<string, number>();
  const check = (key: string): Promise<RateDecision> =>
    limiter.consume(key, 1).then(
      (res) => ({ limited: false, res }),
      (err: unknown) => {
        if (!(err instanceof RateLimiterRes)) return { limited: false, res: null }; // Redis unavailable: fail open for reads.
        if (blocked.size >= 10_000) for (const [k, until] of blocked) if (until <= Date.now()) blocked.delete(k);
        blocked.set(key, Date.now() + err.msBeforeNext);
        return { limited: true, res: err };
      },
    );

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const key = req.principal ? rateKey(req.principal) : `ip:${req.ip}`;
    const until = blocked.get(key);
    if (until !== undefined && until > Date.now()) {
      // Already over the budget: refuse before any work, from memory (no Redis).
      const r = new RateLimiterRes(0, until - Date.now(), opts.perMinute + 1);
      for (const [name, value] of headerValues(opts.perMinute, r, true)) res.setHeader(name, value);
      return res.status(429).json(limitedBody(opts.perMinute, r));
    }
    if (until !== undefined) blocked.delete(key);
    req.rateLimit = check(key);
    next();
  };

  /** Holds mutations until the budget is known and answers 429 for a request over it. */
  const plugin = (decisionOf: (context: unknown) => Promise<RateDecision> | undefined): ApolloServerPlugin => ({
    async requestDidStart({ contextValue }) {
      const decision = decisionOf(contextValue);
      if (!decision) return;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'query') return;
          // Side effects wait for the verdict: a mutation over the budget must not run.
          const d = await decision;
          if (d.limited) throw new GraphQLError('rate limit exceeded', { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } });
        },
        async willSendResponse({ response }) {
          const d = await decision;
          if (!d.res) return;
          for (const [name, value] of headerValues(opts.perMinute, d.res, d.limited)) response.http.headers.set(name.toLowerCase(), value);
          if (!d.limited) return;
          response.http.status = 429;
          response.body = { kind: 'single', singleResult: limitedBody(opts.perMinute, d.res) };
        },
      };
    },
  });

  return { middleware, plugin };
}
