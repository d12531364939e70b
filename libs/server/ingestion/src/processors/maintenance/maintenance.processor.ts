import type { RunOutcome, WorkerContext } from '../../context';
import { reapStaleRuns } from './stale-runs';

/** How far back each run re-derives rollups, so late or retried sweeps are always folded in. */
const REFRESH_LOOKBACK_MS = 48 * 3600 * 1000;

/**
 * Sweep folding, rollup refresh, partitions ahead, compression and retention, on both dialects. Embedded
 * TimescaleDB runs no background workers, so its policies only take effect through this job.
 */
export async function runMaintenance(ctx: WorkerContext, now: number): Promise<RunOutcome> {
  const { maintenance, config } = ctx;
  const partitions = await maintenance.ensurePartitions(config.PARTITIONS_AHEAD_DAYS);
  // Fold first: retention must not drop snapshots of sweeps whose sums are not stored elsewhere yet.
  const folded = await maintenance.foldSweeps();
  // The per-channel table is exact through the fold; rebuilding it would read 48 h of raw snapshots
  // every run (tens of millions of rows at Twitch scale). The game/language tables are small.
  const refreshed = await maintenance.refreshRollups(new Date(now - REFRESH_LOOKBACK_MS), new Date(now + 3600_000), { channelTable: false });
  const compressed = await maintenance.compress(config.COMPRESS_AFTER_DAYS);
  const dropped = await maintenance.applyRetention(config.RAW_RETENTION_DAYS);
  const staleRuns = await reapStaleRuns(ctx, now);
  return {
    status: 'succeeded',
    reason: `partitions ${JSON.stringify(partitions)}, folded ${JSON.stringify(folded)}, rollups ${JSON.stringify(refreshed)}, compressed ${JSON.stringify(compressed)}, retention ${JSON.stringify(dropped)}, stale runs ${JSON.stringify(staleRuns)}`,
  };
}
