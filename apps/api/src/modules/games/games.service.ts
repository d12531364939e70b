import { bucketMetrics, BUCKET_SPECS, nextBucketStart } from '@streamscope/shared';
import type { AnalyticsRepository } from '@streamscope/db';
import { badInput } from '../../graphql/errors';
import { ARG_OF_BUCKET, RollupLevel } from '../../graphql/enums';
import type { GameViewersArgs } from './games.args';
import type { GameSeries, GameViewerSeries } from './games.types';
import type { SweepIntervalSource } from '../system/sweep-interval.service';
import { expectedSeconds, resolveSeriesWindow } from './series-window';

const LEVEL: Record<'raw' | 'hourly' | 'daily', RollupLevel> = {
  raw: RollupLevel.RAW,
  hourly: RollupLevel.HOURLY,
  daily: RollupLevel.DAILY,
};

export class GamesService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    /** The finest AUTO bucket follows the sweep interval in effect (coverage uses each sweep's stored sample_seconds). */
    private readonly sweepInterval: SweepIntervalSource,
    private readonly now: () => number = Date.now,
  ) {}

  async gameViewers(args: GameViewersArgs): Promise<GameViewerSeries> {
    if (!Number.isInteger(args.top) || args.top < 1 || args.top > 20) throw badInput('top', 'must be between 1 and 20');
    if (args.gameIds && (args.gameIds.length === 0 || args.gameIds.length > 50)) throw badInput('gameIds', 'give 1 to 50 game ids, or omit it for the top games');
    if (args.gameIds?.some((id) => !/^\d{1,20}$/.test(id))) throw badInput('gameIds', 'Twitch game ids are numeric strings');
    const window = resolveSeriesWindow(args, await this.sweepInterval.seconds());

    const series = (gameIds: string[]) =>
      this.analytics.gameSeries({ from: window.from, to: window.to, bucket: window.bucket, timeZone: window.timeZone, gameIds });

    let games: Array<{ gameId: string; name: string }>;
    let data: Awaited<ReturnType<typeof series>>;
    if (args.gameIds) {
      // Names and sums are independent: two statements at once instead of one after the other.
      const ids = args.gameIds;
      const [names, sums] = await Promise.all([this.analytics.gameNames(ids), series(ids)]);
      games = ids.map((id) => ({ gameId: id, name: names.get(id) ?? `Game ${id}` }));
      data = sums;
    } else {
      const top = await this.analytics.topGames({ from: window.from, to: window.to, limit: args.top });
      games = top.games.map((g) => ({ gameId: g.gameId, name: g.name ?? `Game ${g.gameId}` }));
      data = await series(games.map((g) => g.gameId));
    }

    const index = new Map(window.starts.map((s, i) => [s, i]));
    const n = window.starts.length;
    const covered = new Array<number>(n).fill(0);
    const partial = new Array<number>(n).fill(0);
    for (const c of data.coverage) {
      const i = index.get(c.bucketStart.getTime());
      if (i === undefined) continue;
      covered[i] = c.coveredSeconds;
      partial[i] = c.partialSweeps;
    }

    const byGame = new Map<string, GameSeries>(
      games.map((g) => [
        g.gameId,
        { gameId: g.gameId, name: g.name, averageViewers: [], peakViewers: [], hoursWatched: [] },
      ]),
    );
    const sums = new Map<string, (typeof data.rows)[number]>();
    for (const r of data.rows) sums.set(`${r.gameId}@${r.bucketStart.getTime()}`, r);

    for (const [gameId, series] of byGame) {
      window.starts.forEach((start, i) => {
        const r = sums.get(`${gameId}@${start}`);
        const m = bucketMetrics({
          coveredSeconds: covered[i] ?? 0,
          viewerSeconds: r?.viewerSeconds ?? 0,
          channelSeconds: r?.channelSeconds ?? 0,
          peakViewers: r?.peakViewers ?? 0,
          peakChannels: r?.peakChannels ?? 0,
        });
        series.averageViewers.push(m ? m.averageViewers : null);
        series.peakViewers.push(m ? m.peakViewers : null);
        series.hoursWatched.push(m ? m.hoursWatched : null);
      });
    }

    const nowMs = this.now();
    const coverage = window.starts.map((start, i) => {
      const expected = expectedSeconds(start, nextBucketStart(start, window.bucket, window.timeZone), nowMs);
      const got = covered[i] ?? 0;
      // A sweep counts for its whole interval, so a bucket still in progress can exceed 1.
      return expected > 0 ? Math.min(1, got / expected) : got > 0 ? 1 : 0;
    });

    return {
      bucket: ARG_OF_BUCKET[window.bucket],
      bucketSeconds: BUCKET_SPECS[window.bucket].seconds,
      timeZone: window.timeZone,
      level: LEVEL[data.level],
      from: window.from,
      to: window.to,
      timestamps: window.starts.map((s) => new Date(s)),
      coverage,
      partialSweeps: partial,
      series: [...byGame.values()],
    };
  }
}

