import { ApiKeyRepository, type ApiKeyRow, type Database } from '@streamscope/db';

/**
 * How long a successful key lookup is reused. This is the bound on revocation: a key revoked
 * through this process stops working at once (revoke evicts it); a key revoked through another
 * API replica stops working here within this many milliseconds.
 */
export const API_KEY_CACHE_TTL_MS = 10_000;
/** The repository writes last_used_at at most once a minute; skip the round trip in between. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  row: ApiKeyRow;
  expiresAt: number;
}

/**
 * ApiKeyRepository with the per-request lookup cached briefly, so an authenticated request
 * does not pay a Postgres round trip (plus a last_used_at write) before its own queries.
 * Only found keys are cached: an unknown or wrong key is looked up every time, so a key
 * created a moment ago works at once and guessing gains nothing from the cache.
 */
export class CachedApiKeyRepository extends ApiKeyRepository {
  private readonly found = new Map<string, Entry>();
  private readonly touched = new Map<string, number>();
  /** Bumped on every revoke: a lookup that started before one must not refill the cache. */
  private revocations = 0;

  constructor(
    db: Database,
    private readonly ttlMs = API_KEY_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    super(db);
  }

  override async findActive(prefix: string, hash: string): Promise<ApiKeyRow | null> {
    const key = `${prefix}:${hash}`;
    const t = this.now();
    const hit = this.found.get(key);
    if (hit && hit.expiresAt > t) return hit.row;
    if (hit) this.found.delete(key);
    const generation = this.revocations;
    const row = await super.findActive(prefix, hash);
    if (row && generation === this.revocations) {
      if (this.found.size >= MAX_ENTRIES) this.found.delete(this.found.keys().next().value as string);
      this.found.set(key, { row, expiresAt: t + this.ttlMs });
    }
    return row;
  }

  override async touch(id: string): Promise<void> {
    const t = this.now();
    const last = this.touched.get(id);
    if (last !== undefined && t - last < TOUCH_INTERVAL_MS) return;
    if (this.touched.size >= MAX_ENTRIES) this.touched.clear();
    this.touched.set(id, t);
    await super.touch(id);
  }

  override async revoke(id: string): Promise<ApiKeyRow | null> {
    this.revocations++;
    this.evict(id);
    const row = await super.revoke(id);
    // A lookup that began before the UPDATE committed may have read the key as active: bump
    // again so it is not cached, and drop whatever such a lookup cached before this point.
    this.revocations++;
    this.evict(id);
    return row;
  }

  private evict(id: string): void {
    for (const [key, entry] of this.found) if (entry.row.id === id) this.found.delete(key);
  }
}
