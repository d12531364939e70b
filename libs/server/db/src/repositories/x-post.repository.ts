import type { Database, Sql } from '../database/types';

export interface XPostMetricsWrite {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number | null;
  impressions: number | null;
}

/** A post as the X client normalizes it; ids are decimal strings end to end (they exceed 2^53). */
export interface XPostWrite {
  id: string;
  createdAt: Date;
  /** '' or null when the answer carried no author_id (default field set). */
  authorId: string | null;
  lang: string | null;
  text: string;
  kind: 'original' | 'reply' | 'quote' | 'retweet';
  conversationId: string | null;
  metrics: XPostMetricsWrite | null;
  hashtags: string[];
  mentions: string[];
  urls: string[];
  cashtags: string[];
}

export interface XAuthorWrite {
  id: string;
  username: string;
  name: string;
  followers: number | null;
  following: number | null;
  posts: number | null;
  verified: boolean;
}

export interface XSearchWrite {
  queryId: string;
  posts: XPostWrite[];
  authors: XAuthorWrite[];
  /** The checkpoint to store with these posts; never moves backwards. */
  newestId: string | null;
  ts: Date;
}

export interface XSearchWriteResult {
  postsInserted: number;
  /** Posts already stored (found again by another query or a retried run). */
  duplicates: number;
  entities: number;
  metrics: number;
  authors: number;
  /** Every row inserted or changed. */
  rows: number;
}

export interface XMetricsWrite {
  postId: string;
  metrics: XPostMetricsWrite;
}

const ID = /^[0-9]{1,19}$/;
const ENTITY_KINDS = ['hashtag', 'mention', 'url', 'cashtag'] as const;

function checkId(what: string, id: string): string {
  if (!ID.test(id)) throw new Error(`x posts: ${what} must be a decimal id string, got ${JSON.stringify(String(id).slice(0, 40))}`);
  return id;
}

const int = (n: number | null): number | null => (n === null || n === undefined ? null : Math.max(0, Math.trunc(n)));

/** Posts, their query links, entities, authors and metrics snapshots; every write idempotent by natural key. */
export class XPostRepository {
  constructor(private readonly db: Database) {}

  /**
   * One search result, all or nothing: authors, posts, query links, entities, a first metrics
   * snapshot and the query's since_id checkpoint commit together, so the checkpoint can never
   * pass a post that is not stored.
   */
  async writeSearchResult(input: XSearchWrite): Promise<XSearchWriteResult> {
    checkId('queryId', input.queryId);
    if (input.newestId !== null) checkId('newestId', input.newestId);
    const ts = input.ts.toISOString();
    return this.db.transaction(async (tx) => {
      const written = await writePosts(tx, input.posts, input.authors, ts, input.queryId);
      const moved = await tx.query(
        `UPDATE x_tracked_queries
            SET since_id = CASE WHEN $2::text IS NOT NULL AND (since_id IS NULL OR $2::numeric > since_id::numeric) THEN $2::text ELSE since_id END,
                searched_at = $3::timestamptz
          WHERE query_id = $1::bigint RETURNING 1 AS ok`,
        [input.queryId, input.newestId, ts],
      );
      if (moved.length === 0) throw new Error(`x posts: tracked query ${input.queryId} does not exist`);
      return written;
    });
  }

  /** Appends metrics snapshots taken at `ts` (and refreshes the authors seen); returns snapshots written. */
  async appendMetrics(ts: Date, rows: XMetricsWrite[], authors: XAuthorWrite[] = []): Promise<number> {
    const at = ts.toISOString();
    return this.db.transaction(async (tx) => {
      await upsertAuthors(tx, authors, at);
      return insertMetrics(tx, rows, at);
    });
  }

  /**
   * Posts younger than `maxAgeMs` whose metrics are stalest first (never refreshed, then the
   * oldest snapshot), newest posts breaking ties: engagement moves most in a post's first days.
   */
  async refreshCandidates(now: Date, maxAgeMs: number, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT p.post_id::text AS id
         FROM x_posts p
         LEFT JOIN LATERAL (SELECT max(m.ts) AS last FROM x_post_metrics m WHERE m.post_id = p.post_id) m ON true
        WHERE p.created_at > $1::timestamptz AND p.created_at <= $2::timestamptz
        ORDER BY m.last ASC NULLS FIRST, p.created_at DESC, p.post_id DESC
        LIMIT $3`,
      [new Date(now.getTime() - maxAgeMs).toISOString(), now.toISOString(), Math.max(0, Math.floor(limit))],
    );
    return rows.map((r) => r.id);
  }

  /** Posts read from X (billed units) by runs started in the UTC calendar month of `now`. */
  async monthSpend(now: Date): Promise<number> {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const rows = await this.db.query<{ spent: number | null }>(
      `SELECT COALESCE(sum(cost_units), 0)::float8 AS spent FROM ingestion_runs
        WHERE source = 'x' AND started_at >= $1::timestamptz AND started_at <= $2::timestamptz`,
      [start.toISOString(), now.toISOString()],
    );
    return Number(rows[0]?.spent ?? 0);
  }

  async postIdsForQuery(queryId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT post_id::text AS id FROM x_post_queries WHERE query_id = $1::bigint ORDER BY post_id`,
      [checkId('queryId', queryId)],
    );
    return rows.map((r) => r.id);
  }
}

async function upsertAuthors(tx: Sql, authors: XAuthorWrite[], ts: string): Promise<number> {
  const byId = new Map<string, XAuthorWrite>();
  for (const a of authors) byId.set(checkId('author id', a.id), a);
  if (byId.size === 0) return 0;
  const list = [...byId.values()];
  const rows = await tx.query(
    `INSERT INTO x_authors (author_id, username, name, followers, following, posts, verified, updated_at)
     SELECT u.i::bigint, u.u, u.n, u.fo, u.fi, u.p, u.v, $8::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::boolean[]) AS u(i, u, n, fo, fi, p, v)
     ON CONFLICT (author_id) DO UPDATE SET username = EXCLUDED.username, name = EXCLUDED.name,
       followers = COALESCE(EXCLUDED.followers, x_authors.followers), following = COALESCE(EXCLUDED.following, x_authors.following),
       posts = COALESCE(EXCLUDED.posts, x_authors.posts), verified = EXCLUDED.verified, updated_at = EXCLUDED.updated_at
       WHERE x_authors.updated_at <= EXCLUDED.updated_at
     RETURNING 1 AS ok`,
    [list.map((a) => a.id), list.map((a) => a.username), list.map((a) => a.name), list.map((a) => int(a.followers)),
      list.map((a) => int(a.following)), list.map((a) => int(a.posts)), list.map((a) => a.verified), ts],
  );
  return rows.length;
}

async function insertMetrics(tx: Sql, rows: XMetricsWrite[], ts: string): Promise<number> {
  const byId = new Map<string, XPostMetricsWrite>();
  for (const r of rows) byId.set(checkId('post id', r.postId), r.metrics);
  if (byId.size === 0) return 0;
  const ids = [...byId.keys()];
  const m = [...byId.values()];
  const inserted = await tx.query(
    `INSERT INTO x_post_metrics (ts, post_id, likes, reposts, replies, quotes, bookmarks, impressions)
     SELECT $1::timestamptz, u.i::bigint, u.l, u.r, u.rp, u.q, u.b, u.im
       FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bigint[]) AS u(i, l, r, rp, q, b, im)
     ON CONFLICT (post_id, ts) DO NOTHING RETURNING 1 AS ok`,
    [ts, ids, m.map((x) => int(x.likes)), m.map((x) => int(x.reposts)), m.map((x) => int(x.replies)), m.map((x) => int(x.quotes)),
      m.map((x) => int(x.bookmarks)), m.map((x) => int(x.impressions))],
  );
  return inserted.length;
}

async function writePosts(tx: Sql, posts: XPostWrite[], authors: XAuthorWrite[], ts: string, queryId: string): Promise<XSearchWriteResult> {
  const byId = new Map<string, XPostWrite>();
  for (const p of posts) if (!byId.has(checkId('post id', p.id))) byId.set(p.id, p);
  const list = [...byId.values()];
  const authorRows = await upsertAuthors(tx, authors, ts);
  if (list.length === 0) return { postsInserted: 0, duplicates: 0, entities: 0, metrics: 0, authors: authorRows, rows: authorRows };

  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO x_posts (post_id, created_at, author_id, lang, text, kind, conversation_id)
     SELECT u.i::bigint, u.c, u.a::bigint, u.l, u.t, u.k, u.cv::bigint
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(i, c, a, l, t, k, cv)
     ON CONFLICT (post_id) DO NOTHING RETURNING post_id::text AS id`,
    [list.map((p) => p.id), list.map((p) => p.createdAt.toISOString()),
      list.map((p) => (p.authorId ? checkId('author id', p.authorId) : null)), list.map((p) => p.lang), list.map((p) => p.text),
      list.map((p) => p.kind), list.map((p) => (p.conversationId ? checkId('conversation id', p.conversationId) : null))],
  );
  const links = await tx.query(
    `INSERT INTO x_post_queries (post_id, query_id) SELECT u.i::bigint, $2::bigint FROM unnest($1::text[]) AS u(i)
     ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
    [list.map((p) => p.id), queryId],
  );

  // Case-folded, one row per (post, kind, value) however often the text repeats it.
  const e = { id: [] as string[], kind: [] as string[], value: [] as string[], at: [] as string[] };
  for (const p of list) {
    const values: Record<(typeof ENTITY_KINDS)[number], string[]> = { hashtag: p.hashtags, mention: p.mentions, url: p.urls, cashtag: p.cashtags };
    for (const kind of ENTITY_KINDS) {
      for (const v of new Set(values[kind].map((x) => x.toLowerCase()).filter(Boolean))) {
        e.id.push(p.id);
        e.kind.push(kind);
        e.value.push(v);
        e.at.push(p.createdAt.toISOString());
      }
    }
  }
  const entities = e.id.length
    ? await tx.query(
        `INSERT INTO x_post_entities (post_id, kind, value, created_at)
         SELECT u.i::bigint, u.k, u.v, u.c FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS u(i, k, v, c)
         ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
        [e.id, e.kind, e.value, e.at],
      )
    : [];
  const metrics = await insertMetrics(
    tx,
    list.filter((p) => p.metrics).map((p) => ({ postId: p.id, metrics: p.metrics! })),
    ts,
  );
  return {
    postsInserted: inserted.length,
    duplicates: list.length - inserted.length,
    entities: entities.length,
    metrics,
    authors: authorRows,
    rows: authorRows + inserted.length + links.length + entities.length + metrics,
  };
}
