import pg from 'pg';
import { MaintenanceRepository, SweepRepository, type Database, type SweepWrite } from '@streamscope/db';
import { TwitchWorld } from '@streamscope/simulator';
import { copyFromStdin, copyText } from '@streamscope/db';
import { DAY, peakTime, sweepAt, TEN_MINUTES } from './dataset';
import { median, round, timed } from './stats';

export interface IngestResult {
  dialect: string;
  streamsPerSweep: number;
  trials: number;
  writeSweepRowsPerSec: number;
  baselineRowsPerSec: number;
  baseline: 'COPY FROM STDIN' | 'INSERT ... SELECT FROM unnest';
  ratio: number;
  goal: number;
  met: boolean;
  writeSweepMs: number[];
  baselineMs: number[];
  /**
   * What writeSweep leaves to the maintenance job: folding the trials' sweeps (and the primer)
   * into the broadcast rows and, on Postgres, the channel rollup, in one foldSweeps call, per sweep.
   */
  foldMsPerSweep: number;
  /** COPY ÷ (writeSweep + its share of the fold): the whole write cost of a sweep. Reported, no goal. */
  ratioWithFold: number;
}

const SNAPSHOT_COLS = 'ts, stream_id, channel_id, game_id, viewers, language, sample_seconds';

function copyLines(sweep: SweepWrite, ts: Date): string[] {
  const t = ts.toISOString();
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const o of sweep.streams) {
    if (seen.has(o.streamId)) continue;
    seen.add(o.streamId);
    lines.push(`${t}\t${o.streamId}\t${o.channelId}\t${o.gameId === '' ? '0' : o.gameId}\t${o.viewers}\t${copyText(o.language)}\t${sweep.sampleSeconds}\n`);
  }
  return lines;
}

async function unnestInsert(db: Database, sweep: SweepWrite, ts: Date): Promise<number> {
  const seen = new Set<string>();
  const cols = { s: [] as string[], c: [] as string[], g: [] as string[], v: [] as number[], l: [] as string[] };
  for (const o of sweep.streams) {
    if (seen.has(o.streamId)) continue;
    seen.add(o.streamId);
    cols.s.push(o.streamId);
    cols.c.push(o.channelId);
    cols.g.push(o.gameId === '' ? '0' : o.gameId);
    cols.v.push(o.viewers);
    cols.l.push(o.language);
  }
  await db.query(
    `INSERT INTO twitch_stream_snapshots (${SNAPSHOT_COLS})
     SELECT $1::timestamptz, u.s, u.c, u.g, u.v, u.l, $2::int
       FROM unnest($3::bigint[], $4::bigint[], $5::bigint[], $6::int[], $7::text[]) AS u(s, c, g, v, l)`,
    [ts.toISOString(), sweep.sampleSeconds, cols.s, cols.c, cols.g, cols.v, cols.l],
  );
  return cols.s.length;
}

/**
 * Snapshot rows per second through SweepRepository.writeSweep (the product's write path, which
 * also upserts broadcasts and dimensions and writes per-sweep aggregates and rollups) against a
 * raw bulk load of the same rows into the same table. Each trial writes a sweep in steady state
 * (the previous sweep primed the broadcasts) and then bulk-loads the same rows under another ts.
 */
export async function benchIngest(opts: {
  db: Database;
  url: string | null;
  seed: number;
  streams: number;
  trials: number;
  dialect: string;
}): Promise<IngestResult> {
  const world = new TwitchWorld(opts.seed, opts.streams);
  const base = peakTime(world, Math.floor(Date.now() / DAY) - 2);
  const repo = new SweepRepository(opts.db);
  const client = opts.url ? new pg.Client({ connectionString: opts.url }) : null;
  await client?.connect();
  try {
    await repo.writeSweep(sweepAt(world, new Date(base.getTime() - TEN_MINUTES), 600));
    const ws: number[] = [];
    const bl: number[] = [];
    let rows = 0;
    for (let k = 0; k < opts.trials; k++) {
      const ts = new Date(base.getTime() + k * TEN_MINUTES);
      const sweep = sweepAt(world, ts, 600);
      const w = await timed(() => repo.writeSweep(sweep));
      if (!w.value.written) throw new Error('writeSweep wrote nothing');
      rows = w.value.rows;
      ws.push(w.ms);
      // Same rows, one second later (a distinct key in the same table and partition).
      const copyTs = new Date(ts.getTime() + 1000);
      const b = client
        ? await timed(() => copyFromStdin(client, `COPY twitch_stream_snapshots (${SNAPSHOT_COLS}) FROM STDIN`, copyLines(sweep, copyTs)))
        : await timed(() => unnestInsert(opts.db, sweep, copyTs));
      if (b.value !== rows) throw new Error(`baseline loaded ${b.value} rows, writeSweep ${rows}`);
      bl.push(b.ms);
    }
    const fold = await timed(() => new MaintenanceRepository(opts.db).foldSweeps());
    const foldMsPerSweep = fold.ms / Math.max(1, fold.value.sweeps);
    const wRate = rows / (median(ws) / 1000);
    const bRate = rows / (median(bl) / 1000);
    const ratio = wRate / bRate;
    return {
      dialect: opts.dialect,
      streamsPerSweep: rows,
      trials: opts.trials,
      writeSweepRowsPerSec: Math.round(wRate),
      baselineRowsPerSec: Math.round(bRate),
      baseline: client ? 'COPY FROM STDIN' : 'INSERT ... SELECT FROM unnest',
      ratio: round(ratio, 3),
      goal: 0.7,
      met: ratio >= 0.7,
      writeSweepMs: ws.map((x) => round(x, 1)),
      baselineMs: bl.map((x) => round(x, 1)),
      foldMsPerSweep: round(foldMsPerSweep, 1),
      ratioWithFold: round(median(bl) / (median(ws) + foldMsPerSweep), 3),
    };
  } finally {
    await client?.end();
  }
}
