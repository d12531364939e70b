import type { JobData } from '@streamscope/queues';
import type { RunOutcome, WorkerContext } from '../../context';
import { sweepStreams } from './sweep-streams.processor';

/** Backfilled sweeps between two folds. */
const FOLD_EVERY = 48;

export interface BackfillRequest {
  data: JobData<'twitch.backfill'>;
  now: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => Promise<void>;
}

/**
 * Fills the past `days` with sweeps at `spacingSeconds` from the simulator's clock, through the
 * same client and writer as live sweeps. A slot that any stored sweep already covers, even in
 * part, is skipped, so backfilled and live sweeps never count the same seconds twice, and a
 * backfill interrupted by a shutdown resumes where it stopped.
 */
export async function backfillHistory(ctx: WorkerContext, req: BackfillRequest): Promise<RunOutcome> {
  if (!ctx.simulated) throw new Error('history backfill needs the simulator: the real Helix API has no past');
  const spacingMs = req.data.spacingSeconds * 1000;
  const first = Math.floor((req.now - req.data.days * 86_400_000) / spacingMs) * spacingMs;
  const slots: number[] = [];
  for (let t = first; t + spacingMs <= req.now; t += spacingMs) slots.push(t);

  let written = 0;
  let apiCalls = 0;
  for (const [i, slot] of slots.entries()) {
    req.signal?.throwIfAborted();
    if (await ctx.sweeps.coversAnyOf(new Date(slot), new Date(slot + spacingMs))) {
      await req.onProgress?.(i + 1, slots.length);
      continue;
    }
    const out = await sweepStreams(ctx, {
      data: { trigger: 'backfill', at: new Date(slot).toISOString() },
      slotMillis: slot,
      signal: req.signal,
    });
    if (out.status === 'succeeded') written++;
    // Readers add the snapshots of unfolded sweeps themselves; folding as history lands keeps
    // that open part small while a long backfill runs.
    if (out.status === 'succeeded' && written % FOLD_EVERY === 0) await ctx.maintenance.foldSweeps();
    apiCalls += out.apiCalls ?? 0;
    await req.onProgress?.(i + 1, slots.length);
  }
  const folded = written > 0 ? await ctx.maintenance.foldSweeps() : null;
  return {
    status: written > 0 ? 'succeeded' : 'skipped',
    reason: `${written} of ${slots.length} backfill slots written${folded ? `, folded ${JSON.stringify(folded)}` : ''}`,
    apiCalls,
  };
}
