import { bucketMetrics, bucketStarts, laggedCorrelation, pearson } from '@streamscope/shared';
import type { AnalyticsRepository, XAnalyticsRepository, XQueryRepository } from '@streamscope/db';
import { badInput } from '../../graphql/errors';
import type { CrossPlatform, CrossPlatformArgs } from './cross-platform.types';

const HOUR = 3_600_000;
const MAX_HOURS = 90 * 24;
const MAX_LAG = 12;

function strength(r: number): string {
  const a = Math.abs(r);
  return a >= 0.7 ? 'strong' : a >= 0.4 ? 'moderate' : a >= 0.2 ? 'weak' : 'no clear';
}

/** Describes the result for people: the r, its strength and the lead or lag. */
export function summarize(gameName: string, r: number | null, best: { lagHours: number; r: number } | null, hasQuery: boolean): string {
  if (!hasQuery) return `No tracked X query is linked to ${gameName}; link one to compare.`;
  if (r === null || !best) return `Not enough hours with both viewers and posts to correlate ${gameName} yet.`;
  const lag =
    best.lagHours === 0
      ? 'at the same hour'
      : best.lagHours > 0
        ? `when posts trail viewers by ${best.lagHours} h`
        : `when posts lead viewers by ${-best.lagHours} h`;
  return `${strength(best.r)} ${best.r >= 0 ? 'positive' : 'negative'} correlation between ${gameName} viewers and posts (r = ${r.toFixed(2)} at the same hour; best r = ${best.r.toFixed(2)} ${lag}).`;
}

export class CrossPlatformService {
  constructor(
    private readonly twitch: AnalyticsRepository,
    private readonly x: XAnalyticsRepository,
    private readonly queries: XQueryRepository,
  ) {}

  async compare(args: CrossPlatformArgs): Promise<CrossPlatform> {
    if (!/^\d{1,19}$/.test(args.gameId)) throw badInput('gameId', 'Twitch game ids are numeric strings');
    if (!(args.from.getTime() < args.to.getTime())) throw badInput('to', 'must be after from');
    const starts = bucketStarts(args.from.getTime(), args.to.getTime(), '1h', 'UTC');
    if (starts.length > MAX_HOURS) throw badInput('to', `at most ${MAX_HOURS / 24} days (hourly points)`);
    const from = new Date(starts[0] ?? args.from.getTime());
    const to = new Date((starts[starts.length - 1] ?? from.getTime()) + HOUR);

    const [names, linked] = await Promise.all([
      this.twitch.gameNames([args.gameId]),
      this.queries.list().then((all) => all.find((q) => q.gameId === args.gameId && q.state === 'active') ?? all.find((q) => q.gameId === args.gameId) ?? null),
    ]);
    const gameName = names.get(args.gameId) ?? `Game ${args.gameId}`;

    const series = await this.twitch.gameSeries({ from, to, bucket: '1h', timeZone: 'UTC', gameIds: [args.gameId] });
    const covered = new Map(series.coverage.map((c) => [c.bucketStart.getTime(), c.coveredSeconds]));
    const sums = new Map(series.rows.map((r) => [r.bucketStart.getTime(), r]));
    const averageViewers = starts.map((s) => {
      const r = sums.get(s);
      const m = bucketMetrics({
        coveredSeconds: covered.get(s) ?? 0,
        viewerSeconds: r?.viewerSeconds ?? 0,
        channelSeconds: r?.channelSeconds ?? 0,
        peakViewers: r?.peakViewers ?? 0,
        peakChannels: r?.peakChannels ?? 0,
      });
      return m ? m.averageViewers : null;
    });

    let posts: Array<number | null> = starts.map(() => null);
    if (linked) {
      const rows = await this.x.volumeSeries({ queryIds: [linked.queryId], from, to, bucket: '1h', timeZone: 'UTC' });
      const byHour = new Map(rows.map((r) => [r.bucketStart.getTime(), r.posts]));
      posts = starts.map((s) => byHour.get(s) ?? null);
    }

    const zero = pearson(averageViewers, posts);
    const lagged = laggedCorrelation(averageViewers, posts, MAX_LAG);
    return {
      gameId: args.gameId,
      gameName,
      queryId: linked?.queryId ?? null,
      query: linked?.query ?? null,
      from,
      to,
      timestamps: starts.map((s) => new Date(s)),
      averageViewers,
      posts,
      correlation: zero.r,
      pairs: zero.n,
      bestLag: lagged.best,
      lags: lagged.byLag,
      summary: summarize(gameName, zero.r, lagged.best, linked !== null),
    };
  }
}
