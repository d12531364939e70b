import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateKey } from './principal';

/**
 * Per-caller request budget in Redis (shared by every API replica), answered with the
 * RateLimit-* headers; over the budget: 429 with Retry-After.
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
  const headers = (res: Response, r: RateLimiterRes) => {
    res.setHeader('RateLimit-Limit', String(opts.perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, r.remainingPoints)));
    res.setHeader('RateLimit-Reset', String(Math.ceil(r.msBeforeNext / 1000)));
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = req.principal ? rateKey(req.principal) : `ip:${req.ip}`;
    try {
      headers(res, await limiter.consume(key, 1));
      next();
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        headers(res, err);
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.msBeforeNext / 1000))));
        return res.status(429).json({
          errors: [
            {
              message: `rate limit of ${opts.perMinute} requests per minute exceeded; retry after ${Math.ceil(err.msBeforeNext / 1000)} s`,
              extensions: { code: 'RATE_LIMITED' },
            },
          ],
        });
      }
      // Redis unavailable: fail open for reads rather than take the API down with it.
      next();
    }
  };
}
