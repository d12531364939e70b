import { SweepRepository, type Database, type Sql } from '@streamscope/db';
import { TwitchWorld } from '@streamscope/simulator';
import { openServerBench } from './databases';
import { DAY, peakTime, sweepAt, TEN_MINUTES } from './dataset';
import { log, median } from './stats';

/**
 * Where writeSweep spends its time, statement by statement, on plain Postgres: the repository
 * gets a Database whose transaction handle times every query (product code unchanged).
 * Usage: tsx tools/bench/profile-write.ts [streams=20000] [trials=3]
 * With EXPLAIN=1 the multi-table statement of the last trial is run under EXPLAIN ANALYZE and its plan printed.
 */
const streams = Number(process.argv[2] ?? 20_000);
const trials = Number(process.argv[3] ?? 3);
const timings = new Map<string, number[]>();
let explainNext = false;

function label(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.startsWith('SELECT pg_advisory_xact_lock')) return 'rollup advisory lock';
  if (t.startsWith('INSERT INTO twitch_sweeps')) return 'insert twitch_sweeps row';
  if (t.startsWith('COPY twitch_stream_snapshots')) return 'snapshots (COPY FROM STDIN)';
  if (t.startsWith('WITH snap AS')) return 'snapshots + aggregates + broadcasts + dimensions (one CTE statement)';
  if (t.startsWith('WITH tot AS')) return 'aggregates + broadcasts + dimensions (one CTE statement)';
  if (t.startsWith('WITH w_')) return 'plain-Postgres rollup tables (hourly, daily, per-channel hourly)';
  return t.slice(0, 60);
}

function timedDb(db: Database): Database {
  const time = async <T>(text: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      const k = label(text);
      timings.set(k, [...(timings.get(k) ?? []), performance.now() - t0]);
    }
  };
  const wrap = (sql: Sql): Sql => ({
    query: async <T>(text: string, params?: unknown[]) => {
      if (explainNext && label(text).startsWith('aggregates')) {
        explainNext = false;
        const plan = await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
        log(plan.map((r) => r['QUERY PLAN']).join('\n'));
        return [] as T[];
      }
      return time(text, () => sql.query<T>(text, params));
    },
    ...(sql.copyFrom ? { copyFrom: (text: string, lines: readonly string[]) => time(text, () => sql.copyFrom!(text, lines)) } : {}),
  });
  return Object.assign(Object.create(db) as Database, {
    transaction: <T>(fn: (tx: Sql) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
    query: db.query.bind(db),
  });
}

const b = await openServerBench('profile');
try {
  const world = new TwitchWorld(42, streams);
  const base = peakTime(world, Math.floor(Date.now() / DAY) - 2);
  const repo = new SweepRepository(timedDb(b.db));
  await repo.writeSweep(sweepAt(world, new Date(base.getTime() - TEN_MINUTES), 600));
  timings.clear();
  const totals: number[] = [];
  let rows = 0;
  for (let k = 0; k < trials; k++) {
    const sweep = sweepAt(world, new Date(base.getTime() + k * TEN_MINUTES), 600);
    explainNext = process.env.EXPLAIN === '1' && k === trials - 1;
    const t0 = performance.now();
    rows = (await repo.writeSweep(sweep)).rows;
    totals.push(performance.now() - t0);
  }
  log(`writeSweep of ${rows} rows, median of ${trials}: ${median(totals).toFixed(1)} ms`);
  for (const [k, v] of timings) log(`  ${median(v).toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await b.close();
}
