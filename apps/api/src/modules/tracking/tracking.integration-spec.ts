import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyRepository, migrate, openDatabase, XCountsRepository, XQueryRepository, type Database } from '@streamscope/db';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { generateApiKey } from '../../auth/api-keys';
import { startApiHarness, type Harness } from '../../testing/api-harness';

const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' };
const T0 = Date.parse('2026-11-10T00:00:00Z');
const H = 3_600_000;
const JUST_CHATTING = '509658';
const LOL = '21779';
const FORTNITE = '33214';

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let api: Harness;
let readKey: string;
let chattingQueryId: string;
let lolQueryId: string;

interface Game {
  id: string;
  name: string;
  state: string;
  addedAt: string;
  pausedAt: string | null;
  hasXQuery: boolean;
  xQueryId: string | null;
  xQueryState: string | null;
}
interface Sched {
  id: string;
  job: string;
  everySeconds: number;
  defaultEverySeconds: number;
  overridden: boolean;
  minEverySeconds: number;
  maxEverySeconds: number;
  nextRunAt: string | null;
}
type Gql = { message: string; extensions?: Record<string, unknown> };

const GAME_FIELDS = 'id name state addedAt pausedAt hasXQuery xQueryId xQueryState';
const SCHED_FIELDS = 'id job everySeconds defaultEverySeconds overridden minEverySeconds maxEverySeconds nextRunAt';
const TRACKED = `query { trackedGames { ${GAME_FIELDS} } }`;
const mutation = (name: string) => `mutation($gameId: ID!) { ${name}(gameId: $gameId) { ${GAME_FIELDS} } }`;
const SET = `mutation($id: ID!, $every: Int!) { setScheduleInterval(id: $id, everySeconds: $every) { ${SCHED_FIELDS} } }`;
const RESET = `mutation($id: ID!) { resetScheduleInterval(id: $id) { ${SCHED_FIELDS} } }`;
const SCHEDULES = `query { schedules { ${SCHED_FIELDS} } }`;

async function admin<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const { body } = await api.gql<T>(query, variables, ADMIN);
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

async function refused(query: string, variables: Record<string, unknown>, headers: Record<string, string> = ADMIN): Promise<Gql> {
  const { body } = await api.gql(query, variables, headers);
  expect(body.data ?? null, JSON.stringify(variables)).toBeNull();
  return body.errors![0]!;
}

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return db.query<T>(sql, params);
}

beforeAll(async () => {
  testDb = await createTestDatabase('apitracking');
  testRedis = createTestRedis('apitracking');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db);
  await db.query(`INSERT INTO twitch_games (game_id, name, box_art_url) VALUES
    (509658, 'Just Chatting', 'https://x/jc-{width}x{height}.jpg'), (21779, 'League of Legends', null), (33214, 'Fortnite', null)`);
  // The latest ranking holds only League of Legends: auto-tracking follows it anyway.
  await db.query(`INSERT INTO twitch_top_games (ts, rank, game_id) VALUES ($1, 1, 21779)`, [new Date(T0)]);
  // What the worker's auto-track job created earlier: one auto query per game, with history.
  const queries = new XQueryRepository(db);
  chattingQueryId = (await queries.insert({ name: 'Just Chatting', query: '"Just Chatting" -is:retweet', gameId: JUST_CHATTING, origin: 'auto' }))!.queryId;
  lolQueryId = (await queries.insert({ name: 'League of Legends', query: '"League of Legends" -is:retweet', gameId: LOL, origin: 'auto' }))!.queryId;
  await new XCountsRepository(db).upsert(chattingQueryId, 'hour', [0, 1, 2].map((h) => ({ start: new Date(T0 + h * H), count: 10 + h })), new Date());
  const key = generateApiKey();
  await new ApiKeyRepository(db).create({ name: 'reader', prefix: key.prefix, hash: key.hash, scopes: ['read'] });
  readKey = key.key;
  api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix });
});

afterAll(async () => {
  await api?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

describe('tracked games', () => {
  it('tracks a known game with its name and linked X query, and asks the worker to auto-track it', async () => {
    const before = Date.now();
    const { trackGame } = await admin<{ trackGame: Game }>(mutation('trackGame'), { gameId: JUST_CHATTING });
    expect(trackGame).toMatchObject({ id: JUST_CHATTING, name: 'Just Chatting', state: 'ACTIVE', pausedAt: null, hasXQuery: true, xQueryId: chattingQueryId, xQueryState: 'ACTIVE' });
    expect(Date.parse(trackGame.addedAt)).toBeGreaterThanOrEqual(before - 1000);
    const { trackGame: fortnite } = await admin<{ trackGame: Game }>(mutation('trackGame'), { gameId: FORTNITE });
    expect(fortnite).toMatchObject({ id: FORTNITE, name: 'Fortnite', hasXQuery: false, xQueryId: null, xQueryState: null });

    const listed = await api.gql<{ trackedGames: Game[] }>(TRACKED);
    expect(listed.body.data!.trackedGames.map((g) => [g.id, g.state, g.hasXQuery])).toEqual([
      [JUST_CHATTING, 'ACTIVE', true],
      [FORTNITE, 'ACTIVE', false],
    ]);
    expect(await rows(`SELECT game_id::text AS id, state FROM twitch_tracked_games ORDER BY added_at`)).toEqual([
      { id: JUST_CHATTING, state: 'active' },
      { id: FORTNITE, state: 'active' },
    ]);
    const jobs = await api.queues.byName.x.getJobs(['waiting', 'delayed']);
    expect(jobs.filter((j) => j.name === 'x.auto-track').length).toBe(2);
  });

  it('refuses bad, unknown and duplicate game ids naming gameId, storing nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['abc', /must be a Helix game id/],
      ['0', /must be a Helix game id/],
      ['-5', /must be a Helix game id/],
      ['12.5', /must be a Helix game id/],
      ['1'.repeat(19), /must be a Helix game id/],
      ['', /must be a Helix game id/],
      ['999999', /unknown game 999999/],
      [JUST_CHATTING, /game 509658 is already tracked/],
    ];
    for (const [gameId, reason] of cases) {
      const err = await refused(mutation('trackGame'), { gameId });
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gameId' });
      expect(err.message, gameId).toMatch(/^gameId: /);
      expect(err.message, gameId).toMatch(reason);
    }
    for (const name of ['pauseTrackedGame', 'resumeTrackedGame', 'untrackGame']) {
      const unknown = await refused(mutation(name), { gameId: LOL });
      expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gameId' });
      expect(unknown.message).toBe('gameId: game 21779 is not tracked');
      const bad = await refused(mutation(name), { gameId: 'x1' });
      expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gameId' });
    }
    expect(await rows(`SELECT game_id::text AS id FROM twitch_tracked_games ORDER BY added_at`)).toEqual([{ id: JUST_CHATTING }, { id: FORTNITE }]);
  });

  it('refuses every tracked-game mutation without the admin token or an admin key; reads are open', async () => {
    for (const name of ['trackGame', 'pauseTrackedGame', 'resumeTrackedGame', 'untrackGame']) {
      const anonymous = await refused(mutation(name), { gameId: FORTNITE }, {});
      expect(anonymous.extensions?.code).toBe('FORBIDDEN');
      const reader = await refused(mutation(name), { gameId: FORTNITE }, { authorization: `Bearer ${readKey}` });
      expect(reader.extensions?.code).toBe('FORBIDDEN');
    }
    const read = await api.gql<{ trackedGames: Game[] }>(TRACKED, {}, { authorization: `Bearer ${readKey}` });
    expect(read.body.data!.trackedGames).toHaveLength(2);
    expect(await rows(`SELECT state FROM twitch_tracked_games WHERE game_id = 33214`)).toEqual([{ state: 'active' }]);
  });

  it('pausing pauses the auto query (history kept); resuming re-activates the game', async () => {
    const { pauseTrackedGame } = await admin<{ pauseTrackedGame: Game }>(mutation('pauseTrackedGame'), { gameId: JUST_CHATTING });
    expect(pauseTrackedGame).toMatchObject({ id: JUST_CHATTING, state: 'PAUSED', xQueryId: chattingQueryId, xQueryState: 'PAUSED' });
    expect(pauseTrackedGame.pausedAt).not.toBeNull();
    // Pausing again keeps the first pause time.
    const again = await admin<{ pauseTrackedGame: Game }>(mutation('pauseTrackedGame'), { gameId: JUST_CHATTING });
    expect(again.pauseTrackedGame.pausedAt).toBe(pauseTrackedGame.pausedAt);
    expect(await rows(`SELECT count(*)::int AS n, sum(post_count)::int AS posts FROM x_counts WHERE query_id = $1::bigint`, [chattingQueryId])).toEqual([
      { n: 3, posts: 10 + 11 + 12 },
    ]);

    const { resumeTrackedGame } = await admin<{ resumeTrackedGame: Game }>(mutation('resumeTrackedGame'), { gameId: JUST_CHATTING });
    expect(resumeTrackedGame).toMatchObject({ state: 'ACTIVE', pausedAt: null });
    expect(await rows(`SELECT state, paused_at IS NULL AS open FROM twitch_tracked_games WHERE game_id = 509658`)).toEqual([{ state: 'active', open: true }]);
  });

  it('keeps the auto query of a game still in the top list running when its tracking is paused', async () => {
    await admin(mutation('trackGame'), { gameId: LOL });
    const { pauseTrackedGame } = await admin<{ pauseTrackedGame: Game }>(mutation('pauseTrackedGame'), { gameId: LOL });
    expect(pauseTrackedGame).toMatchObject({ state: 'PAUSED', xQueryId: lolQueryId, xQueryState: 'ACTIVE' });
  });

  it('untracking removes the game from the list and pauses its auto query, keeping query and counts', async () => {
    await db.query(`UPDATE x_tracked_queries SET state = 'active', paused_at = NULL WHERE query_id = $1::bigint`, [chattingQueryId]);
    const { untrackGame } = await admin<{ untrackGame: Game }>(mutation('untrackGame'), { gameId: JUST_CHATTING });
    expect(untrackGame).toMatchObject({ id: JUST_CHATTING, name: 'Just Chatting', xQueryState: 'PAUSED' });
    const listed = await api.gql<{ trackedGames: Game[] }>(TRACKED);
    expect(listed.body.data!.trackedGames.map((g) => g.id)).toEqual([FORTNITE, LOL]);
    expect(await rows(`SELECT state FROM x_tracked_queries WHERE query_id = $1::bigint`, [chattingQueryId])).toEqual([{ state: 'paused' }]);
    expect(await rows(`SELECT count(*)::int AS n FROM x_counts WHERE query_id = $1::bigint`, [chattingQueryId])).toEqual([{ n: 3 }]);
    // Untracked games can be tracked again.
    await admin(mutation('trackGame'), { gameId: JUST_CHATTING });
    await admin(mutation('untrackGame'), { gameId: JUST_CHATTING });
  });

  it('refuses a 101st tracked game', async () => {
    const tracked = (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM twitch_tracked_games`))[0]!.n;
    const ids = Array.from({ length: 100 - tracked }, (_, i) => String(7_000_000 + i));
    await db.query(`INSERT INTO twitch_games (game_id, name) SELECT g::bigint, 'G' || g FROM unnest($1::text[]) g`, [[...ids, '7999999']]);
    await db.query(`INSERT INTO twitch_tracked_games (game_id) SELECT g::bigint FROM unnest($1::text[]) g`, [ids]);
    expect(await rows(`SELECT count(*)::int AS n FROM twitch_tracked_games`)).toEqual([{ n: 100 }]);
    const err = await refused(mutation('trackGame'), { gameId: '7999999' });
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gameId' });
    expect(err.message).toMatch(/at most 100 games/);
    await db.query(`DELETE FROM twitch_tracked_games WHERE game_id = ANY($1::bigint[])`, [ids]);
  });
});

describe('schedule intervals', () => {
  const jobScheduler = (id: string) => api.queues.byName.twitch.getJobScheduler(id);

  it('lists every schedule with the configured intervals, not yet registered', async () => {
    const { body } = await api.gql<{ schedules: Sched[] }>(SCHEDULES);
    const c = api.config;
    expect(body.data!.schedules.map((s) => [s.id, s.job, s.everySeconds, s.defaultEverySeconds, s.overridden, s.nextRunAt])).toEqual([
      ['twitch-sweep-streams', 'twitch.sweep-streams', c.SWEEP_INTERVAL_SECONDS, c.SWEEP_INTERVAL_SECONDS, false, null],
      ['twitch-top-games', 'twitch.top-games', c.TOP_GAMES_INTERVAL_SECONDS, c.TOP_GAMES_INTERVAL_SECONDS, false, null],
      ['twitch-metadata', 'twitch.metadata', c.METADATA_INTERVAL_SECONDS, c.METADATA_INTERVAL_SECONDS, false, null],
      ['maintenance', 'maintenance.run', c.MAINTENANCE_INTERVAL_SECONDS, c.MAINTENANCE_INTERVAL_SECONDS, false, null],
      ['x-counts', 'x.counts', 900, 900, false, null],
      ['x-search', 'x.search', c.X_SEARCH_INTERVAL_SECONDS, c.X_SEARCH_INTERVAL_SECONDS, false, null],
      ['x-metrics', 'x.metrics', 3600, 3600, false, null],
      ['x-auto-track', 'x.auto-track', 3600, 3600, false, null],
    ]);
    expect(body.data!.schedules[0]).toMatchObject({ minEverySeconds: 60, maxEverySeconds: 86_400 });
  });

  it('sets an interval: stored, registered in Redis at once, with the next run', async () => {
    const before = Date.now();
    const { setScheduleInterval } = await admin<{ setScheduleInterval: Sched }>(SET, { id: 'twitch-sweep-streams', every: 120 });
    expect(setScheduleInterval).toMatchObject({ id: 'twitch-sweep-streams', everySeconds: 120, defaultEverySeconds: api.config.SWEEP_INTERVAL_SECONDS, overridden: true });
    const next = Date.parse(setScheduleInterval.nextRunAt!);
    expect(next).toBeGreaterThanOrEqual(before - 1000);
    expect(next).toBeLessThanOrEqual(Date.now() + 120_000);
    expect((await jobScheduler('twitch-sweep-streams'))?.every).toBe(120_000);
    expect(await rows(`SELECT schedule_id AS id, every_seconds AS s FROM schedule_overrides`)).toEqual([{ id: 'twitch-sweep-streams', s: 120 }]);
    // Changing it again replaces the scheduler, never duplicates it.
    await admin(SET, { id: 'twitch-sweep-streams', every: 600 });
    const schedulers = await api.queues.byName.twitch.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === 'twitch-sweep-streams').map((s) => s.every)).toEqual([600_000]);
    const { body } = await api.gql<{ schedules: Sched[] }>(SCHEDULES);
    expect(body.data!.schedules.find((s) => s.id === 'twitch-sweep-streams')).toMatchObject({ everySeconds: 600, overridden: true });
  });

  it('refuses unknown ids and intervals outside the bounds naming the field, changing nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ id: 'nope', every: 300 }, 'id', /unknown schedule "nope"; one of twitch-sweep-streams, /],
      [{ id: 'twitch-sweep-streams', every: 59 }, 'everySeconds', /runs every 60 to 86400 seconds; got 59/],
      [{ id: 'twitch-sweep-streams', every: 86_401 }, 'everySeconds', /got 86401/],
      [{ id: 'twitch-sweep-streams', every: 0 }, 'everySeconds', /got 0/],
      [{ id: 'twitch-sweep-streams', every: -300 }, 'everySeconds', /got -300/],
      [{ id: 'x-counts', every: 299 }, 'everySeconds', /x-counts runs every 300 to 86400 seconds/],
      [{ id: 'x-metrics', every: 600 }, 'everySeconds', /x-metrics runs every 900 to 86400 seconds/],
    ];
    for (const [vars, field, reason] of cases) {
      const err = await refused(SET, vars);
      expect(err.extensions, JSON.stringify(vars)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(err.message).toMatch(new RegExp(`^${field}: `));
      expect(err.message).toMatch(reason);
    }
    const unknown = await refused(RESET, { id: 'twitch-sweep' });
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // A fractional interval is refused by GraphQL's Int before any resolver runs.
    const fractional = await api.gql(SET, { id: 'twitch-sweep-streams', every: 120.5 }, ADMIN);
    expect(fractional.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rows(`SELECT schedule_id AS id, every_seconds AS s FROM schedule_overrides`)).toEqual([{ id: 'twitch-sweep-streams', s: 600 }]);
    expect((await jobScheduler('twitch-sweep-streams'))?.every).toBe(600_000);
    expect(await api.queues.byName.x.getJobScheduler('x-counts')).toBeUndefined();
  });

  it('refuses interval changes without admin rights', async () => {
    for (const headers of [{}, { authorization: `Bearer ${readKey}` }] as Array<Record<string, string>>) {
      expect((await refused(SET, { id: 'maintenance', every: 900 }, headers)).extensions?.code).toBe('FORBIDDEN');
      expect((await refused(RESET, { id: 'twitch-sweep-streams' }, headers)).extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rows(`SELECT schedule_id AS id FROM schedule_overrides`)).toEqual([{ id: 'twitch-sweep-streams' }]);
  });

  it('resets to the configured interval: override dropped, Redis updated', async () => {
    const { resetScheduleInterval } = await admin<{ resetScheduleInterval: Sched }>(RESET, { id: 'twitch-sweep-streams' });
    expect(resetScheduleInterval).toMatchObject({ everySeconds: api.config.SWEEP_INTERVAL_SECONDS, overridden: false });
    expect((await jobScheduler('twitch-sweep-streams'))?.every).toBe(api.config.SWEEP_INTERVAL_SECONDS * 1000);
    expect(await rows(`SELECT schedule_id FROM schedule_overrides`)).toEqual([]);
    // Resetting a schedule without an override is harmless and still registers it.
    const x = await admin<{ resetScheduleInterval: Sched }>(RESET, { id: 'x-auto-track' });
    expect(x.resetScheduleInterval).toMatchObject({ everySeconds: 3600, overridden: false });
    expect(x.resetScheduleInterval.nextRunAt).not.toBeNull();
  });
});
