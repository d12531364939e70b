import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type AppConfig } from '@streamscope/config';
import { HelixClient, XClient } from '@streamscope/connectors';
import {
  DimensionRepository,
  IngestionRunRepository,
  MaintenanceRepository,
  migrate,
  openDatabase,
  ScheduleOverrideRepository,
  SweepRepository,
  TrackedGameRepository,
  XCountsRepository,
  XPostRepository,
  XQueryRepository,
  type Database,
} from '@streamscope/db';
import { Queues } from '@streamscope/queues';
import { GAME_HASHTAGS, GAMES, startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import type { RunOutcome, WorkerContext } from './context';
import { dispatch } from './dispatch';
import { startWorkerRuntime, type WorkerRuntime } from './runtime';

const logger = createLogger({ level: 'silent' });
const HOUR = 3_600_000;

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let sim: Simulator;
let queues: Queues;
const clients: Redis[] = [];
let clock = 0;
let jobSeq = 0;

function redis(): Redis {
  const c = new Redis(testRedis.url, { maxRetriesPerRequest: null });
  clients.push(c);
  return c;
}

function helix(): HelixClient {
  return new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl });
}

function context(env: Record<string, string> = {}): WorkerContext {
  const config: AppConfig = parseConfig({ BACKFILL_DAYS: '0', ...env });
  return {
    config,
    logger,
    db,
    sweeps: new SweepRepository(db),
    dimensions: new DimensionRepository(db),
    maintenance: new MaintenanceRepository(db),
    runs: new IngestionRunRepository(db),
    helix: helix(),
    x: new XClient({ bearerToken: sim.xBearerToken, apiUrl: sim.xApiUrl, now: () => clock, sleep: async () => undefined }),
    xSimulated: true,
    xQueries: new XQueryRepository(db),
    xCounts: new XCountsRepository(db),
    xPosts: new XPostRepository(db),
    queues,
    simulated: true,
    now: () => clock,
    publish: async () => undefined,
  };
}

async function runJob(ctx: WorkerContext, name: 'twitch.metadata' | 'x.auto-track'): Promise<RunOutcome> {
  jobSeq += 1;
  const queueName = name.startsWith('x.') ? 'x' : 'twitch';
  const job = { id: `test-${jobSeq}`, name, data: { trigger: 'manual' }, queueName, timestamp: clock, attemptsMade: 0 } as unknown as Job;
  return dispatch(ctx, job);
}

const tracked = () => new TrackedGameRepository(db);
const autoQueries = async () =>
  (await new XQueryRepository(db).list()).filter((q) => q.origin === 'auto').map((q) => ({ gameId: q.gameId, state: q.state, query: q.query }));

/** Polls (no fixed sleep) until `read` returns a value `ok` accepts. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  testDb = await createTestDatabase('tracked-games');
  testRedis = createTestRedis('tracked-games');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  clock = Math.floor(Date.now() / HOUR) * HOUR + 20 * 60_000;
  sim = await startSimulator({ seed: 5, channels: 300, port: 0, clock: () => new Date(clock) });
  queues = new Queues({ connection: redis(), prefix: testRedis.prefix });
});

afterAll(async () => {
  await queues?.close();
  for (const c of clients) c.disconnect();
  await sim?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

describe('tracked games drive the metadata job', () => {
  it('refreshes active tracked games every run, even with metadata and out of any top list; paused ones are left', async () => {
    const [active, paused, other] = [GAMES[2]!, GAMES[5]!, GAMES[7]!];
    // Stale metadata already fetched: the "missing metadata" rule alone would not look them up.
    await db.query(
      `INSERT INTO twitch_games (game_id, name, box_art_url, metadata_at) SELECT g::bigint, 'stale', NULL, now() FROM unnest($1::text[]) g`,
      [[active.id, paused.id, other.id]],
    );
    await tracked().insert(active.id, new Date(clock));
    await tracked().insert(paused.id, new Date(clock));
    await tracked().setState(paused.id, 'paused', new Date(clock));

    const outcome = await runJob(context(), 'twitch.metadata');
    expect(outcome).toMatchObject({ status: 'succeeded', rowsWritten: 1, apiCalls: 1 });
    expect(outcome.reason).toMatch(/^1\/1 games \(1 tracked\)/);
    const truth = sim.world.games.find((g) => g.id === active.id)!;
    const stored = await db.query<{ id: string; name: string; art: string | null }>(
      `SELECT game_id::text AS id, name, box_art_url AS art FROM twitch_games WHERE game_id = ANY($1::bigint[]) ORDER BY game_id`,
      [[active.id, paused.id, other.id]],
    );
    expect(new Map(stored.map((r) => [r.id, [r.name, r.art]]))).toEqual(
      new Map([
        [active.id, [active.name, truth.box_art_url]],
        [paused.id, ['stale', null]],
        [other.id, ['stale', null]],
      ]),
    );
    expect((await tracked().list()).find((g) => g.gameId === active.id)).toMatchObject({ name: active.name, boxArtUrl: truth.box_art_url });
  });
});

describe('tracked games drive X auto-tracking', () => {
  it('links an auto query to each active tracked game, top list or not, and pauses it when tracking stops', async () => {
    await db.query('DELETE FROM twitch_tracked_games');
    const [ranked, followed] = [GAMES[0]!, GAMES[9]!];
    await db.query(`INSERT INTO twitch_games (game_id, name) VALUES ($1::bigint, $2), ($3::bigint, $4) ON CONFLICT DO NOTHING`, [
      ranked.id,
      ranked.name,
      followed.id,
      followed.name,
    ]);
    await db.query(`INSERT INTO twitch_top_games (ts, rank, game_id) VALUES ($1, 1, $2::bigint)`, [new Date(clock - 60_000), ranked.id]);
    const queryOf = (g: (typeof GAMES)[number]) => `("${g.name}" OR #${GAME_HASHTAGS[GAMES.indexOf(g)]}) -is:retweet`;

    // Auto-tracking of the top list is off: the tracked game alone gets a query.
    const off = context({ X_AUTO_TRACK_TOP_GAMES: '0' });
    expect(await runJob(off, 'x.auto-track')).toMatchObject({ status: 'skipped' });
    await tracked().insert(followed.id, new Date(clock));
    const r1 = await runJob(off, 'x.auto-track');
    expect(r1.reason).toMatch(/1 queries created, 0 resumed, 0 paused/);
    expect(await autoQueries()).toEqual([{ gameId: followed.id, state: 'active', query: queryOf(followed) }]);

    // With the top list on, both: the ranked game and the tracked one outside the ranking.
    const on = context({ X_AUTO_TRACK_TOP_GAMES: '1' });
    expect((await runJob(on, 'x.auto-track')).reason).toMatch(/^1 games from the latest top-games ranking and 1 tracked \(2 distinct\): 1 queries created, 0 resumed, 0 paused/);
    const withTop = await autoQueries();
    expect(withTop.map((q) => [q.gameId, q.state]).sort()).toEqual([[followed.id, 'active'], [ranked.id, 'active']].sort());

    // Pausing the tracked game pauses its query at the next run; the ranked game's stays.
    await tracked().setState(followed.id, 'paused', new Date(clock));
    expect((await runJob(on, 'x.auto-track')).reason).toMatch(/0 queries created, 0 resumed, 1 paused/);
    expect(new Map((await autoQueries()).map((q) => [q.gameId, q.state]))).toEqual(new Map([[followed.id, 'paused'], [ranked.id, 'active']]));

    // Resuming brings the same query back (history continues); removing pauses it again, kept.
    await tracked().setState(followed.id, 'active', new Date(clock));
    expect((await runJob(on, 'x.auto-track')).reason).toMatch(/0 queries created, 1 resumed, 0 paused/);
    await tracked().remove(followed.id);
    await runJob(on, 'x.auto-track');
    const after = await autoQueries();
    expect(after.filter((q) => q.gameId === followed.id)).toEqual([{ gameId: followed.id, state: 'paused', query: queryOf(followed) }]);
    // A tracked game already in the top list is one target, not two.
    await tracked().insert(ranked.id, new Date(clock));
    expect((await runJob(on, 'x.auto-track')).reason).toMatch(/and 1 tracked \(1 distinct\)/);
    expect((await autoQueries()).filter((q) => q.gameId === ranked.id)).toHaveLength(1);
  });
});

describe('schedule overrides', () => {
  it('survive a Redis reconnect with emptied schedulers and a worker restart', async () => {
    const config = parseConfig({ BACKFILL_DAYS: '0' });
    await new ScheduleOverrideRepository(db).set('twitch-top-games', 7_200, new Date());
    await new ScheduleOverrideRepository(db).set('no-longer-a-schedule', 60, new Date());
    const start = async (): Promise<{ rt: WorkerRuntime; publisher: Redis }> => {
      const publisher = redis();
      const rt = await startWorkerRuntime({ config, logger, db, connection: redis(), publisher, prefix: testRedis.prefix, helix: helix(), simulated: true });
      return { rt, publisher };
    };
    const every = async (id: string) => (await queues.byName.twitch.getJobScheduler(id))?.every ?? null;

    const first = await start();
    expect(await every('twitch-top-games')).toBe(7_200_000);
    expect(await every('twitch-metadata')).toBe(config.METADATA_INTERVAL_SECONDS * 1000);

    // Redis lost its keys (restart without persistence): the reconnect re-registers with the override.
    await queues.byName.twitch.removeJobScheduler('twitch-top-games');
    await queues.byName.twitch.removeJobScheduler('twitch-metadata');
    expect(await every('twitch-top-games')).toBeNull();
    first.publisher.disconnect(true);
    expect(await eventually(() => every('twitch-top-games'), (v) => v !== null)).toBe(7_200_000);
    expect(await eventually(() => every('twitch-metadata'), (v) => v !== null)).toBe(config.METADATA_INTERVAL_SECONDS * 1000);
    await first.rt.close();

    // A restart with the configured interval still applies the stored one.
    await queues.byName.twitch.removeJobScheduler('twitch-top-games');
    const second = await start();
    expect(await every('twitch-top-games')).toBe(7_200_000);
    await second.rt.close();

    // After a reset the next registration uses the configuration again.
    await new ScheduleOverrideRepository(db).reset('twitch-top-games');
    const third = await start();
    expect(await every('twitch-top-games')).toBe(config.TOP_GAMES_INTERVAL_SECONDS * 1000);
    await third.rt.close();
  }, 60_000);
});
