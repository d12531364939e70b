import type { Database } from '../database/types';

export type ApiKeyScope = 'read' | 'admin';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `id::text AS id, name, prefix, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** API keys are stored as a SHA-256 hash and a short public prefix; the key itself never is. */
export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async create(key: { name: string; prefix: string; hash: string; scopes: ApiKeyScope[] }): Promise<ApiKeyRow> {
    const rows = await this.db.query<ApiKeyRow>(
      `INSERT INTO api_keys (name, prefix, hash, scopes) VALUES ($1, $2, $3, $4::text[]) RETURNING ${COLUMNS}`,
      [key.name, key.prefix, key.hash, key.scopes],
    );
    const row = rows[0];
    if (!row) throw new Error('api key insert returned no row');
    return row;
  }

  /** The active key with this prefix and hash, or null (unknown, wrong or revoked look the same). */
  async findActive(prefix: string, hash: string): Promise<ApiKeyRow | null> {
    const rows = await this.db.query<ApiKeyRow>(
      `SELECT ${COLUMNS} FROM api_keys WHERE prefix = $1 AND hash = $2 AND revoked_at IS NULL`,
      [prefix, hash],
    );
    return rows[0] ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.db.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1::bigint AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id DESC`);
  }

  /** Returns the revoked key, or null when no active key has that id. */
  async revoke(id: string): Promise<ApiKeyRow | null> {
    const rows = await this.db.query<ApiKeyRow>(
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1::bigint AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }
}
