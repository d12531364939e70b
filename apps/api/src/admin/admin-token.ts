import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * ADMIN_TOKEN when set; otherwise a random token kept in DATA_DIR/admin-token (mode 600), so a
 * fresh install has a working Bull Board login without ever printing the token to a log.
 */
export function resolveAdminToken(configured: string | undefined, dataDir: string): { token: string; file: string | null } {
  if (configured) return { token: configured, file: null };
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return { token, file };
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file };
}
