import { GraphQLError } from 'graphql';
import type { ApiKeyScope } from '@streamscope/db';

/** Who is calling: the admin token, an API key, or nobody (open read mode). */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'key'; keyId: string; scopes: ApiKeyScope[] }
  | { kind: 'anonymous'; ip: string };

export function isAdmin(p: Principal): boolean {
  return p.kind === 'admin' || (p.kind === 'key' && p.scopes.includes('admin'));
}

/** Mutations and admin queries: the admin token or a key with the admin scope. */
export function requireAdmin(p: Principal): void {
  if (!isAdmin(p)) {
    throw new GraphQLError('admin access required: send Authorization: Bearer <ADMIN_TOKEN> or an API key with the admin scope', {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
}

/** Rate-limit bucket of a principal. */
export function rateKey(p: Principal): string {
  return p.kind === 'admin' ? 'admin' : p.kind === 'key' ? `key:${p.keyId}` : `ip:${p.ip}`;
}
