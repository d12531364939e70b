import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import type { Database } from '@streamscope/db';
import { gql } from './api-server';
import { DAY } from './dataset';
import type { HistoryDataset } from './history';
import { percentile, round, sample } from './stats';

interface Way {
  p50: number;
  p95: number;
  runs: number;
}

export interface QueryResult {
  name: string;
  api: Way | null;
  /** Why the API side was not measured (a missing query). */
  apiNote: string | null;
  rollupSql: Way;
  rawSql: Way;
  apiOverSql: number | null;
  rawOverRollup: number;
  goals: { apiOverSqlMax: number; p95MaxMs: number; rawOverRollupMin: number };
  met: { apiOverSql: boolean | null; p95: boolean | null; rollupSpeedup: boolean | null };
  /** Why a goal does not apply, when it does not. */
  note: string | null;
}

interface QuerySpec {
  name: string;
  graphql: { query: string; variables: Record<string, unknown> };
  rollup: { text: string; params: unknown[] };
  raw: { text: string; params: unknown[] };
  note?: string;
}

const HOUR_BIN = (col: string) => `date_bin(INTERVAL '1 hour', ${col}, TIMESTAMPTZ '2000-01-03 00:00:00+00')`;
const Q15_BIN = (col: string) => `date_bin(INTERVAL '15 minutes', ${col}, TIMESTAMPTZ '2000-01-03 00:00:00+00')`;

export function specs(h: HistoryDataset, gameId: string, channelId: string): QuerySpec[] {
  const to = h.to.toISOString();
  const from30 = new Date(h.to.getTime() - 30 * DAY).toISOString();
  const prev30 = new Date(h.to.getTime() - 60 * DAY).toISOString();
  const from7 = new Date(h.to.getTime() - 7 * DAY).toISOString();
  return [
    {
      name: 'platform average viewers, 30d hourly',
      graphql: {
        query: `query($from: DateTime!, $to: DateTime!) { platformSeries(from: $from, to: $to, bucket: HOUR, maxPoints: 2000) { timestamps averageViewers } }`,
        variables: { from: from30, to },
      },
      rollup: {
        text: `SELECT bucket, viewer_seconds::float8 / covered_seconds AS average_viewers
                 FROM twitch_totals_hourly WHERE bucket >= $1 AND bucket < $2 ORDER BY bucket`,
        params: [from30, to],
      },
      raw: {
        text: `WITH s AS (
                 SELECT ts, sum(viewers)::bigint AS viewers, max(sample_seconds) AS ss
                   FROM twitch_stream_snapshots WHERE ts >= $1 AND ts < $2 GROUP BY ts)
               SELECT ${HOUR_BIN('ts')} AS bucket, sum(viewers * ss)::float8 / sum(ss) AS average_viewers
                 FROM s GROUP BY 1 ORDER BY 1`,
        params: [from30, to],
      },
    },
    {
      name: 'top 10 games by hours watched, 30d, with rank change',
      graphql: {
        query: `query($from: DateTime!, $to: DateTime!) { topGames(from: $from, to: $to, by: HOURS_WATCHED, first: 10) {
                  edges { node { gameId name rank previousRank rankChange hoursWatched averageViewers } } } }`,
        variables: { from: from30, to },
      },
      rollup: {
        text: `WITH cur AS (
                 SELECT game_id, sum(viewer_seconds) AS vs, rank() OVER (ORDER BY sum(viewer_seconds) DESC, game_id) AS rk
                   FROM twitch_games_hourly WHERE bucket >= $1 AND bucket < $2 AND game_id <> 0 GROUP BY game_id),
               prev AS (
                 SELECT game_id, rank() OVER (ORDER BY sum(viewer_seconds) DESC, game_id) AS rk
                   FROM twitch_games_hourly WHERE bucket >= $3 AND bucket < $1 AND game_id <> 0 GROUP BY game_id)
               SELECT cur.game_id, g.name, cur.rk, prev.rk AS previous_rank, cur.rk - prev.rk AS rank_change, cur.vs / 3600.0 AS hours_watched
                 FROM cur LEFT JOIN prev USING (game_id) LEFT JOIN twitch_games g USING (game_id)
                WHERE cur.rk <= 10 ORDER BY cur.rk`,
        params: [from30, to, prev30],
      },
      raw: {
        text: `WITH cur AS (
                 SELECT game_id, sum(viewers::bigint * sample_seconds) AS vs, rank() OVER (ORDER BY sum(viewers::bigint * sample_seconds) DESC, game_id) AS rk
                   FROM twitch_stream_snapshots WHERE ts >= $1 AND ts < $2 AND game_id <> 0 GROUP BY game_id),
               prev AS (
                 SELECT game_id, rank() OVER (ORDER BY sum(viewers::bigint * sample_seconds) DESC, game_id) AS rk
                   FROM twitch_stream_snapshots WHERE ts >= $3 AND ts < $1 AND game_id <> 0 GROUP BY game_id)
               SELECT cur.game_id, g.name, cur.rk, prev.rk AS previous_rank, cur.rk - prev.rk AS rank_change, cur.vs / 3600.0 AS hours_watched
                 FROM cur LEFT JOIN prev USING (game_id) LEFT JOIN twitch_games g USING (game_id)
                WHERE cur.rk <= 10 ORDER BY cur.rk`,
        params: [from30, to, prev30],
      },
    },
    {
      name: 'one game, 7d at 15 minutes',
      graphql: {
        query: `query($from: DateTime!, $to: DateTime!, $g: ID!) { gameViewers(from: $from, to: $to, gameIds: [$g], bucket: FIFTEEN_MINUTES, maxPoints: 2000) {
                  timestamps series { gameId averageViewers peakViewers } } }`,
        variables: { from: from7, to, g: gameId },
      },
      // 15 minutes is finer than the hourly rollup: the per-sweep aggregates are the rollup here.
      rollup: {
        text: `SELECT ${Q15_BIN('t.ts')} AS bucket,
                      sum(coalesce(g.viewers, 0) * t.sample_seconds)::float8 / sum(t.sample_seconds) AS average_viewers,
                      max(coalesce(g.viewers, 0)) AS peak_viewers
                 FROM twitch_sweep_totals t
                 LEFT JOIN twitch_sweep_games g ON g.ts = t.ts AND g.game_id = $3::bigint
                WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1 ORDER BY 1`,
        params: [from7, to, gameId],
      },
      raw: {
        text: `WITH s AS (
                 SELECT ts, sum(viewers)::bigint AS viewers, max(sample_seconds) AS ss
                   FROM twitch_stream_snapshots WHERE ts >= $1 AND ts < $2 AND game_id = $3::bigint GROUP BY ts)
               SELECT ${Q15_BIN('ts')} AS bucket, sum(viewers * ss)::float8 / sum(ss) AS average_viewers, max(viewers) AS peak_viewers
                 FROM s GROUP BY 1 ORDER BY 1`,
        params: [from7, to, gameId],
      },
    },
    {
      name: "a top channel's sessions, 30d",
      graphql: {
        query: `query($id: ID!, $from: DateTime!, $to: DateTime!) { channel(id: $id) { id sessions(from: $from, to: $to, first: 100) {
                  streamId start end averageViewers peakViewers snapshots gamesPlayed } } }`,
        variables: { id: channelId, from: from30, to },
      },
      rollup: {
        text: `SELECT s.stream_id, s.started_at, s.last_seen_at, s.title, a.average_viewers, a.peak_viewers, a.snapshots
                 FROM twitch_streams s
                 JOIN (SELECT stream_id, sum(viewers::bigint * sample_seconds)::float8 / sum(sample_seconds) AS average_viewers,
                              max(viewers) AS peak_viewers, count(*) AS snapshots
                         FROM twitch_stream_snapshots WHERE channel_id = $1::bigint AND ts >= $2 AND ts < $3 GROUP BY stream_id) a USING (stream_id)
                WHERE s.channel_id = $1::bigint ORDER BY s.started_at DESC LIMIT 100`,
        params: [channelId, from30, to],
      },
      raw: {
        text: `SELECT stream_id, min(ts) AS started, max(ts) AS last_seen,
                      sum(viewers::bigint * sample_seconds)::float8 / sum(sample_seconds) AS average_viewers, max(viewers) AS peak_viewers, count(*) AS snapshots
                 FROM twitch_stream_snapshots WHERE ts >= $2 AND ts < $3 AND channel_id = $1::bigint
                GROUP BY stream_id ORDER BY started DESC LIMIT 100`,
        params: [channelId, from30, to],
      },
      note: 'sessions have no rollup: both SQL forms read the channel\'s snapshots through the (channel_id, ts) index, so the 10x rollup goal does not apply',
    },
    {
      name: 'weekday x hour heatmap, 30d',
      graphql: {
        query: `query($from: DateTime!, $to: DateTime!) { viewerHeatmap(from: $from, to: $to, timeZone: "UTC") { cells { weekday hour sweeps averageViewers averageChannels } } }`,
        variables: { from: from30, to },
      },
      rollup: {
        text: `SELECT extract(isodow FROM bucket AT TIME ZONE 'UTC')::int - 1 AS weekday, extract(hour FROM bucket AT TIME ZONE 'UTC')::int AS hour,
                      sum(sweeps) AS sweeps, sum(viewer_seconds)::float8 / sum(covered_seconds) AS average_viewers,
                      sum(channel_seconds)::float8 / sum(covered_seconds) AS average_channels
                 FROM twitch_totals_hourly WHERE bucket >= $1 AND bucket < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
        params: [from30, to],
      },
      raw: {
        text: `WITH s AS (
                 SELECT ts, sum(viewers)::bigint AS viewers, count(*) AS channels
                   FROM twitch_stream_snapshots WHERE ts >= $1 AND ts < $2 GROUP BY ts)
               SELECT extract(isodow FROM ts AT TIME ZONE 'UTC')::int - 1 AS weekday, extract(hour FROM ts AT TIME ZONE 'UTC')::int AS hour,
                      count(*) AS sweeps, avg(viewers)::float8 AS average_viewers, avg(channels)::float8 AS average_channels
                 FROM s GROUP BY 1, 2 ORDER BY 1, 2`,
        params: [from30, to],
      },
    },
  ];
}

const way = (ms: number[]): Way => ({ p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), runs: ms.length });

/** The busiest game and channel of the dataset (the ones a dashboard opens first). */
export async function pickSubjects(db: Database, h: HistoryDataset): Promise<{ gameId: string; channelId: string }> {
  const g = await db.query<{ id: string }>(
    `SELECT game_id::text AS id FROM twitch_games_hourly WHERE bucket >= $1 AND bucket < $2 AND game_id <> 0
      GROUP BY game_id ORDER BY sum(viewer_seconds) DESC LIMIT 1`,
    [h.from.toISOString(), h.to.toISOString()],
  );
  const c = await db.query<{ id: string }>(
    `SELECT channel_id::text AS id FROM twitch_channels_hourly WHERE bucket >= $1 AND bucket < $2
      GROUP BY channel_id ORDER BY sum(viewer_seconds) DESC LIMIT 1`,
    [h.from.toISOString(), h.to.toISOString()],
  );
  if (!g[0] || !c[0]) throw new Error('history dataset has no games or channels');
  return { gameId: g[0].id, channelId: c[0].id };
}

/** Checks each GraphQL operation against the served schema; returns the problems of those that do not fit. */
export async function schemaProblems(apiUrl: string, queries: readonly string[]): Promise<Array<string | null>> {
  const intro = await gql<IntrospectionQuery>(apiUrl, getIntrospectionQuery());
  const schema = buildClientSchema(intro);
  return queries.map((q) => {
    const errors = validate(schema, parse(q));
    return errors.length ? errors.map((e) => e.message).join('; ') : null;
  });
}

/** Runs before timing, on every side alike: the API process's JIT and both sides' caches warm up. */
export const WARMUP = 10;

/** Latency of `{ __typename }` one request at a time: what any query pays for HTTP, auth, rate limit and Apollo. */
export async function apiFloor(apiUrl: string, runs: number): Promise<{ p50: number; p95: number; runs: number }> {
  return way(await sample(() => gql(apiUrl, '{ __typename }'), runs, WARMUP));
}

export async function benchQueries(opts: {
  db: Database;
  apiUrl: string | null;
  history: HistoryDataset;
  runs: number;
  rawRuns: number;
}): Promise<QueryResult[]> {
  const { gameId, channelId } = await pickSubjects(opts.db, opts.history);
  const all = specs(opts.history, gameId, channelId);
  const problems = opts.apiUrl ? await schemaProblems(opts.apiUrl, all.map((s) => s.graphql.query)) : all.map(() => 'no API on this dialect');
  const out: QueryResult[] = [];
  for (const [i, s] of all.entries()) {
    const problem = problems[i] ?? null;
    let api: Way | null = null;
    let apiNote: string | null = problem ? `not available: ${problem}` : null;
    if (!problem && opts.apiUrl) {
      const url = opts.apiUrl;
      try {
        api = way(await sample(() => gql(url, s.graphql.query, s.graphql.variables), opts.runs, WARMUP));
      } catch (err) {
        apiNote = `failed: ${(err as Error).message.slice(0, 300)}`;
      }
    }
    const rollup = way(await sample(() => opts.db.query(s.rollup.text, s.rollup.params), opts.runs, WARMUP));
    const raw = way(await sample(() => opts.db.query(s.raw.text, s.raw.params), opts.rawRuns, 1));
    const apiOverSql = api ? round(api.p50 / rollup.p50) : null;
    const rawOverRollup = round(raw.p50 / rollup.p50);
    const rollupApplies = !s.note;
    out.push({
      name: s.name,
      api,
      apiNote,
      rollupSql: rollup,
      rawSql: raw,
      apiOverSql,
      rawOverRollup,
      goals: { apiOverSqlMax: 1.5, p95MaxMs: 100, rawOverRollupMin: 10 },
      met: {
        apiOverSql: apiOverSql === null ? null : apiOverSql <= 1.5,
        p95: api ? api.p95 <= 100 : null,
        rollupSpeedup: rollupApplies ? rawOverRollup >= 10 : null,
      },
      note: s.note ?? null,
    });
  }
  return out;
}
