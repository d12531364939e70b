import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyRepository } from '@streamscope/db';
import { parseApiKey } from './api-keys';
import type { Principal } from './principal';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

const UNAUTHENTICATED = {
  errors: [{ message: 'a valid API key is required: send Authorization: Bearer <api key>', extensions: { code: 'UNAUTHENTICATED' } }],
};

export interface AuthOptions {
  mode: 'open' | 'apikey';
  adminToken: string | null;
  keys: ApiKeyRepository;
}

/**
 * The caller of an `Authorization` header value, or null when it must be refused. Missing,
 * wrong and revoked keys are refused alike, so a refusal says nothing about which keys exist.
 * In open mode a request without a key reads anonymously.
 */
export async function resolvePrincipal(header: string | undefined, ip: string, opts: AuthOptions): Promise<Principal | null> {
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  if (token && opts.adminToken && sameSecret(token, opts.adminToken)) return { kind: 'admin' };
  if (token) {
    const parsed = parseApiKey(token);
    const row = parsed ? await opts.keys.findActive(parsed.prefix, parsed.hash) : null;
    if (!row) return null;
    void opts.keys.touch(row.id).catch(() => undefined);
    return { kind: 'key', keyId: row.id, scopes: row.scopes };
  }
  if (header !== undefined || opts.mode === 'apikey') return null;
  return { kind: 'anonymous', ip };
}

export function authenticate(opts: AuthOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = await resolvePrincipal(req.headers.authorization, req.ip ?? 'unknown', opts);
      if (!principal) return res.status(401).set('WWW-Authenticate', 'Bearer').json(UNAUTHENTICATED);
      req.principal = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}
