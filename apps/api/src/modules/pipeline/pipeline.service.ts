import type { IngestionRun, IngestionRunRepository, PipelineStatusRepository, SweepRepository } from '@streamscope/db';
import { checkIntRange } from '../platform/input-rules';
import type { SweepIntervalSource } from '../system/sweep-interval.service';
import type { IngestionRunInfo, Pipeline } from './pipeline.types';

function info(r: IngestionRun): IngestionRunInfo {
  const startedAt = new Date(r.startedAt);
  const finishedAt = r.finishedAt ? new Date(r.finishedAt) : null;
  return {
    ...r,
    startedAt,
    finishedAt,
    durationSeconds: finishedAt ? (finishedAt.getTime() - startedAt.getTime()) / 1000 : null,
  };
}

export class PipelineService {
  constructor(
    private readonly runs: IngestionRunRepository,
    private readonly status: PipelineStatusRepository,
    private readonly sweeps: SweepRepository,
    private readonly sweepInterval: SweepIntervalSource,
    private readonly now: () => number = Date.now,
  ) {}

  async pipeline(limit: number, job: string | null): Promise<Pipeline> {
    checkIntRange('limit', limit, 1, 100);
    const [recent, last, latest, rate, interval] = await Promise.all([
      this.runs.recent({ limit, job: job ?? undefined }),
      this.status.lastSuccessPerJob(),
      this.sweeps.latestSweep(),
      this.status.latestRateLimit('twitch'),
      this.sweepInterval.seconds(),
    ]);
    const lastSweepAt = latest ? new Date(latest.ts) : null;
    const age = lastSweepAt ? Math.max(0, (this.now() - lastSweepAt.getTime()) / 1000) : null;
    return {
      recentRuns: recent.map(info),
      lastSuccess: last.map(info),
      freshness: {
        lastSweepAt,
        secondsSinceLastSweep: age,
        sweepIntervalSeconds: interval,
        intervalsBehind: age === null ? null : age / interval,
        stale: age === null || age > 2 * interval,
      },
      helixRateLimitRemaining: rate?.remaining ?? null,
      helixRateLimitAt: rate ? new Date(rate.at) : null,
    };
  }
}
