import { MaintenanceRepository, SweepRepository, type Database, type SweepWrite } from '@streamscope/db';
import { TwitchWorld } from '@streamscope/simulator';
import { HOUR, sweepAt, TEN_MINUTES, DAY } from './dataset';
import { log } from './stats';

/** Sweeps between two folds while loading: hourly, as a maintenance job every hour would. */
const FOLD_EVERY_SWEEPS = 6;

export interface HistoryDataset {
  from: Date;
  to: Date;
  channels: number;
  sweeps: number;
  rows: number;
  loadSeconds: number;
  rowsPerSec: number;
  refreshSeconds: number;
  partitionsCreated: number;
}

/**
 * history-30d: a sweep every 10 minutes over `days` days ending at the last whole hour, from a
 * world with `channels` live streams at its daily peak, written sweep by sweep through
 * SweepRepository.writeSweep (the worker's own path). The next sweep is generated while the
 * database writes the current one.
 */
export async function loadHistory(db: Database, opts: { seed: number; channels: number; days: number; now?: Date }): Promise<HistoryDataset> {
  const world = new TwitchWorld(opts.seed, opts.channels);
  const to = new Date(Math.floor((opts.now ?? new Date()).getTime() / HOUR) * HOUR);
  const from = new Date(to.getTime() - opts.days * DAY);
  const maintenance = new MaintenanceRepository(db);
  // Daily partitions over the whole range (an operator backfilling history would create them;
  // otherwise every old row lands in the default partition).
  const parts = await maintenance.ensurePartitions(opts.days + 2, from);
  const repo = new SweepRepository(db);
  const count = Math.round((to.getTime() - from.getTime()) / TEN_MINUTES);
  const t0 = performance.now();
  let rows = 0;
  let next: SweepWrite = sweepAt(world, from, 600);
  let lastLog = t0;
  for (let i = 0; i < count; i++) {
    const current = next;
    const writing = repo.writeSweep(current);
    if (i + 1 < count) next = sweepAt(world, new Date(from.getTime() + (i + 1) * TEN_MINUTES), 600);
    const r = await writing;
    rows += r.rows;
    // The maintenance job folds every few sweeps in production; so does the load (timed with it).
    if ((i + 1) % FOLD_EVERY_SWEEPS === 0) await maintenance.foldSweeps();
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`history: ${i + 1}/${count} sweeps, ${rows} rows, ${Math.round(rows / ((lastLog - t0) / 1000))} rows/s`);
    }
  }
  await maintenance.foldSweeps();
  const loadSeconds = (performance.now() - t0) / 1000;
  const r0 = performance.now();
  await maintenance.refreshRollups(from, to);
  const refreshSeconds = (performance.now() - r0) / 1000;
  await db.query('ANALYZE');
  return {
    from,
    to,
    channels: opts.channels,
    sweeps: count,
    rows,
    loadSeconds,
    rowsPerSec: Math.round(rows / loadSeconds),
    refreshSeconds,
    partitionsCreated: parts.created.length,
  };
}
