import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startSimulator } from '@streamscope/simulator';
import { ROOT } from './api-server';
import { DAY, peakTime } from './dataset';
import { round } from './stats';

export interface SweepResult {
  channels: number;
  rateLimitPerMinute: number;
  streams: number;
  pages: number;
  apiCalls: number;
  duplicatesDropped: number;
  stopReason: string;
  wallSeconds: number;
  minimumSeconds: number;
  ratio: number;
  goal: number;
  met: boolean;
  peakRssMB: number;
  baseRssMB: number;
}

/**
 * A full sweep through HelixClient.sweepStreams against the simulator enforcing the budget.
 * The budget's minimum: the bucket starts full (one minute's points), then refills at the
 * per-minute rate, so P pages need at least max(0, P - rate) / rate minutes.
 */
export async function benchSweep(seed: number, channels: number, ratePerMinute: number): Promise<SweepResult> {
  const sim = await startSimulator({ seed, channels, rateLimitPerMinute: ratePerMinute });
  try {
    // The world as of yesterday's daily peak (the sweep's `at`, sent as x-simulator-time), so the
    // sweep sees about `channels` streams; the rate limit runs on the real clock.
    const at = peakTime(sim.world, Math.floor(Date.now() / DAY) - 1);
    // Build that minute's ranking before the clock starts, as a long-running simulator would have.
    sim.world.rankingAt(at.getTime());
    const cfg = { apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, at: at.toISOString() };
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tools/bench/sweep-worker.ts'), JSON.stringify(cfg)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-3000)));
      child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`sweep worker exited ${code}: ${stderr}`))));
    });
    const r = JSON.parse(out) as {
      ms: number; pages: number; streams: number; apiCalls: number; duplicatesDropped: number; stopReason: string; baseRss: number; peakRss: number;
    };
    const minimumSeconds = (Math.max(0, r.pages - ratePerMinute) / ratePerMinute) * 60;
    const wallSeconds = r.ms / 1000;
    const ratio = minimumSeconds > 0 ? wallSeconds / minimumSeconds : Number.POSITIVE_INFINITY;
    return {
      channels,
      rateLimitPerMinute: ratePerMinute,
      streams: r.streams,
      pages: r.pages,
      apiCalls: r.apiCalls,
      duplicatesDropped: r.duplicatesDropped,
      stopReason: r.stopReason,
      wallSeconds: round(wallSeconds, 2),
      minimumSeconds: round(minimumSeconds, 2),
      ratio: round(ratio, 3),
      goal: 1.1,
      met: ratio <= 1.1,
      peakRssMB: round(r.peakRss / 2 ** 20, 1),
      baseRssMB: round(r.baseRss / 2 ** 20, 1),
    };
  } finally {
    await sim.close();
  }
}
