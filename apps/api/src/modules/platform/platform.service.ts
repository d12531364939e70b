import type { AnalyticsRepository, Dimension, RangeSums, TwitchBreakdownRepository, TwitchHeatmapRepository } from '@streamscope/db';
import { type BucketMetrics } from '@streamscope/shared';
import { resolveSeriesWindow } from '../games/series-window';
import type { SweepIntervalSource } from '../system/sweep-interval.service';
import { checkGameId, checkGameIds, checkIntRange, checkLanguages, checkRange, checkTimeZone } from './input-rules';
import { GroupBy, METRIC_NAME, PEAK_METRICS } from './metric.enum';
import type { MetricSeriesArgs, PlatformSeriesArgs, ViewerHeatmapArgs } from './platform.args';
import type { HeatmapCell, MetricSeries, MetricSeriesGroup, PlatformSeries, ViewerHeatmap } from './platform.types';
import { buildFrame, metricsPerBucket } from './series-assembly';

const DIMENSION: Record<GroupBy, Dimension> = { [GroupBy.GAME]: 'game', [GroupBy.LANGUAGE]: 'language' };
export const HEATMAP_MAX_DAYS = 366;

const pick = <K extends keyof BucketMetrics>(ms: Array<BucketMetrics | null>, k: K) => ms.map((m) => (m ? m[k] : null));

/** Platform-wide series, breakdowns by game or language, and the weekday × hour heatmap. */
export class PlatformService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly breakdown: TwitchBreakdownRepository,
    private readonly heatmap: TwitchHeatmapRepository,
    /** The finest AUTO bucket follows the sweep interval in effect (coverage uses each sweep's stored sample_seconds). */
    private readonly sweepInterval: SweepIntervalSource,
    private readonly now: () => number = Date.now,
  ) {}

  async platformSeries(args: PlatformSeriesArgs): Promise<PlatformSeries> {
    const window = resolveSeriesWindow(args, await this.sweepInterval.seconds());
    const data = await this.analytics.platformSeries({ from: window.from, to: window.to, bucket: window.bucket, timeZone: window.timeZone });
    const { covered, frame } = buildFrame(window, data.coverage, data.level, this.now());
    const sums = new Map<number, RangeSums>(data.rows.map((r) => [r.bucketStart.getTime(), r]));
    const ms = metricsPerBucket(window, covered, sums);
    return {
      ...frame,
      averageViewers: pick(ms, 'averageViewers'),
      peakViewers: pick(ms, 'peakViewers'),
      hoursWatched: pick(ms, 'hoursWatched'),
      hoursStreamed: pick(ms, 'hoursStreamed'),
      averageChannels: pick(ms, 'averageChannels'),
      peakChannels: pick(ms, 'peakChannels'),
      viewersPerChannel: pick(ms, 'viewersPerChannel'),
    };
  }

  async metricSeries(args: MetricSeriesArgs): Promise<MetricSeries> {
    checkIntRange('top', args.top, 1, 20);
    checkGameIds('gameIds', args.gameIds);
    checkLanguages('languages', args.languages);
    const window = resolveSeriesWindow(args, await this.sweepInterval.seconds());
    const dimension = DIMENSION[args.groupBy];
    const filter = { gameIds: args.gameIds ?? null, languages: args.languages?.map((l) => l.toLowerCase()) ?? null };
    const peaks = PEAK_METRICS.has(args.metric);
    const name = METRIC_NAME[args.metric];
    const range = { from: window.from, to: window.to };
    const series = { ...range, bucket: window.bucket, timeZone: window.timeZone, dimension, filter };

    const ranked = await this.breakdown.rankKeys({ ...range, dimension, filter, by: 'hoursWatched', limit: args.top, offset: 0, withNames: dimension === 'game' });
    const keys = ranked.rows.map((r) => r.key);
    const data = await this.breakdown.keySeries({ ...series, keys, exactPeaks: peaks });
    const { covered, frame } = buildFrame(window, data.coverage, data.level, this.now());

    const byKey = new Map<string, Map<number, RangeSums>>(keys.map((k) => [k, new Map()]));
    for (const r of data.rows) byKey.get(r.key)?.set(r.bucketStart.getTime(), r);
    const groups: MetricSeriesGroup[] = ranked.rows.map((r) => ({
      key: r.key,
      name: dimension === 'game' ? (r.name ?? `Game ${r.key}`) : r.key,
      other: false,
      rank: r.rank,
      values: pick(metricsPerBucket(window, covered, byKey.get(r.key)!), name),
    }));

    if (args.includeOther) {
      const universe = await this.breakdown.universeSums(series);
      const otherPeaks = peaks ? await this.breakdown.otherPeaks({ ...series, excludeKeys: keys }) : [];
      const rest = new Map<number, RangeSums>();
      for (const u of universe.rows) rest.set(u.bucketStart.getTime(), { viewerSeconds: u.viewerSeconds, channelSeconds: u.channelSeconds, peakViewers: 0, peakChannels: 0 });
      for (const r of data.rows) {
        const o = rest.get(r.bucketStart.getTime());
        if (!o) continue;
        o.viewerSeconds -= r.viewerSeconds;
        o.channelSeconds -= r.channelSeconds;
      }
      for (const p of otherPeaks) {
        const start = p.bucketStart.getTime();
        const o = rest.get(start) ?? { viewerSeconds: 0, channelSeconds: 0, peakViewers: 0, peakChannels: 0 };
        o.peakViewers = p.peakViewers;
        o.peakChannels = p.peakChannels;
        rest.set(start, o);
      }
      groups.push({ key: 'other', name: 'Other', other: true, rank: null, values: pick(metricsPerBucket(window, covered, rest), name) });
    }
    return { ...frame, metric: args.metric, groupBy: args.groupBy, series: groups };
  }

  async viewerHeatmap(args: ViewerHeatmapArgs): Promise<ViewerHeatmap> {
    checkRange(args.from, args.to, HEATMAP_MAX_DAYS);
    checkTimeZone(args.timeZone);
    if (args.gameId != null) checkGameId('gameId', args.gameId);
    const rows = await this.heatmap.weekdayHour({ from: args.from, to: args.to, timeZone: args.timeZone, gameId: args.gameId ?? null });
    const at = new Map(rows.map((r) => [r.weekday * 24 + r.hour, r]));
    const cells: HeatmapCell[] = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const r = at.get(weekday * 24 + hour);
        const sweeps = r?.sweeps ?? 0;
        cells.push({
          weekday,
          hour,
          sweeps,
          viewersPerChannel: r && r.channels > 0 ? r.viewers / r.channels : null,
          averageViewers: r && sweeps > 0 ? r.viewers / sweeps : null,
          averageChannels: r && sweeps > 0 ? r.channels / sweeps : null,
        });
      }
    }
    return { from: args.from, to: args.to, timeZone: args.timeZone, gameId: args.gameId ?? null, cells };
  }
}
