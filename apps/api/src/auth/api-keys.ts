import { createHash, randomBytes } from 'node:crypto';

/** Keys look like `ssk_<prefix>_<secret>`: the prefix finds the row, the secret's hash proves it. */
const KEY_PATTERN = /^ssk_([a-z0-9]{8})_([A-Za-z0-9_-]{32,64})$/;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 8);
  const secret = randomBytes(32).toString('base64url');
  return { key: `ssk_${prefix}_${secret}`, prefix, hash: hashSecret(secret) };
}

export function parseApiKey(token: string): { prefix: string; hash: string } | null {
  const m = KEY_PATTERN.exec(token);
  if (!m) return null;
  return { prefix: m[1] as string, hash: hashSecret(m[2] as string) };
}
