import { BUCKET_SPECS } from '@streamscope/shared';
import type { TrackedQuery as StoredQuery, XAnalyticsRepository, XQueryRepository } from '@streamscope/db';
import { InvalidTrackedQueryError, type XTrackedQueryService } from '@streamscope/ingestion';
import type { Queues } from '@streamscope/queues';
import { badInput } from '../../graphql/errors';
import { ARG_OF_BUCKET, BucketArg } from '../../graphql/enums';
import { resolveSeriesWindow } from '../games/series-window';
import {
  TrackedQueryState,
  type AddTrackedQueryInput,
  type TrackedQuery,
  type XInsightsArgs,
  type XPostRate,
  type XQueryInsights,
  type XRangeArgs,
  type XShare,
  type XVolumeArgs,
  type XVolumeSeries,
} from './x.types';

const HOUR_S = 3600;
const MAX_RANGE_MS = 366 * 86_400_000;

export function toTrackedQuery(q: StoredQuery): TrackedQuery {
  return {
    id: q.queryId,
    name: q.name,
    query: q.query,
    state: q.state === 'active' ? TrackedQueryState.ACTIVE : TrackedQueryState.PAUSED,
    gameId: q.gameId,
    origin: q.origin,
    createdAt: q.createdAt,
    searchedAt: q.searchedAt,
  };
}

function checkRange(args: XRangeArgs): void {
  if (!(args.from.getTime() < args.to.getTime())) throw badInput('to', 'must be after from');
  if (args.to.getTime() - args.from.getTime() > MAX_RANGE_MS) throw badInput('to', 'ranges are limited to 366 days');
}

/** X rules: volume from counts, the sample for engagement, share of voice, tracked queries. */
export class XService {
  constructor(
    private readonly analytics: XAnalyticsRepository,
    private readonly queries: XQueryRepository,
    private readonly tracked: XTrackedQueryService,
    private readonly queues: Queues | null,
  ) {}

  async trackedQueries(): Promise<TrackedQuery[]> {
    return (await this.queries.list()).map(toTrackedQuery);
  }

  private async queriesFor(ids: string[] | null | undefined): Promise<StoredQuery[]> {
    if (ids) {
      if (ids.length === 0 || ids.length > 50) throw badInput('queryIds', 'give 1 to 50 query ids, or omit it for every active query');
      const found = await Promise.all(ids.map((id) => this.queries.byId(id)));
      const missing = ids.filter((_, i) => !found[i]);
      if (missing.length) throw badInput('queryIds', `unknown tracked query ids: ${missing.slice(0, 5).join(', ')}`);
      return found as StoredQuery[];
    }
    return this.queries.active();
  }

  async volume(args: XVolumeArgs): Promise<XVolumeSeries> {
    if (args.bucket === BucketArg.FIVE_MINUTES || args.bucket === BucketArg.FIFTEEN_MINUTES) {
      throw badInput('bucket', 'X volume is stored per hour; use HOUR or coarser, or AUTO');
    }
    const window = resolveSeriesWindow(args, HOUR_S);
    const queries = await this.queriesFor(args.queryIds);
    const ids = queries.map((q) => q.queryId);
    const span = window.to.getTime() - window.from.getTime();
    const [rows, totals, previous] = await Promise.all([
      ids.length ? this.analytics.volumeSeries({ queryIds: ids, from: window.from, to: window.to, bucket: window.bucket, timeZone: window.timeZone }) : [],
      ids.length ? this.analytics.volumeTotals({ queryIds: ids, from: window.from, to: window.to }) : new Map<string, number>(),
      ids.length
        ? this.analytics.volumeTotals({ queryIds: ids, from: new Date(window.from.getTime() - span), to: window.from })
        : new Map<string, number>(),
    ]);
    const index = new Map(window.starts.map((s, i) => [s, i]));
    const series = queries.map((q) => {
      const posts = new Array<number | null>(window.starts.length).fill(null);
      for (const r of rows) {
        if (r.queryId !== q.queryId) continue;
        const i = index.get(r.bucketStart.getTime());
        if (i !== undefined) posts[i] = r.posts;
      }
      const total = totals.get(q.queryId) ?? 0;
      const previousTotal = previous.get(q.queryId) ?? 0;
      return {
        queryId: q.queryId,
        name: q.name ?? q.query,
        query: q.query,
        posts,
        total,
        previousTotal,
        change: previousTotal > 0 ? (total - previousTotal) / previousTotal : null,
      };
    });
    return {
      bucket: ARG_OF_BUCKET[window.bucket],
      bucketSeconds: BUCKET_SPECS[window.bucket].seconds,
      timeZone: window.timeZone,
      from: window.from,
      to: window.to,
      timestamps: window.starts.map((s) => new Date(s)),
      series,
    };
  }

  /** Posts per hour over the range and the previous range of equal length, on every active query. */
  async postRate(args: XRangeArgs): Promise<XPostRate> {
    checkRange(args);
    const ids = (await this.queries.active()).map((q) => q.queryId);
    const span = args.to.getTime() - args.from.getTime();
    const none = { posts: 0, hoursCovered: 0 };
    const [cur, prev] = ids.length
      ? await Promise.all([
          this.analytics.postRate({ queryIds: ids, from: args.from, to: args.to }),
          this.analytics.postRate({ queryIds: ids, from: new Date(args.from.getTime() - span), to: args.from }),
        ])
      : [none, none];
    const rate = (r: typeof none) => (r.hoursCovered > 0 ? r.posts / r.hoursCovered : null);
    const postsPerHour = rate(cur);
    const previousPostsPerHour = rate(prev);
    return {
      trackedQueries: ids.length,
      posts: cur.posts,
      hoursCovered: cur.hoursCovered,
      postsPerHour,
      previousPosts: prev.posts,
      previousHoursCovered: prev.hoursCovered,
      previousPostsPerHour,
      change: postsPerHour !== null && previousPostsPerHour ? (postsPerHour - previousPostsPerHour) / previousPostsPerHour : null,
    };
  }

  async shareOfVoice(args: XRangeArgs): Promise<XShare[]> {
    checkRange(args);
    const queries = await this.queries.active();
    const totals = await this.analytics.volumeTotals({ queryIds: queries.map((q) => q.queryId), from: args.from, to: args.to });
    const sum = [...totals.values()].reduce((a, b) => a + b, 0);
    return queries
      .map((q) => {
        const posts = totals.get(q.queryId) ?? 0;
        return { queryId: q.queryId, name: q.name ?? q.query, posts, share: sum > 0 ? posts / sum : 0 };
      })
      .sort((a, b) => b.posts - a.posts || Number(a.queryId) - Number(b.queryId));
  }

  async insights(args: XInsightsArgs): Promise<XQueryInsights> {
    checkRange(args);
    if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > 50) throw badInput('limit', 'must be between 1 and 50');
    if (!(await this.queries.byId(args.queryId))) throw badInput('queryId', `unknown tracked query id ${args.queryId.slice(0, 20)}`);
    const q = { queryId: args.queryId, from: args.from, to: args.to };
    const [summary, topHashtags, topMentions, topAuthors] = await Promise.all([
      this.analytics.engagementSummary(q),
      this.analytics.topEntities({ ...q, kind: 'hashtag', limit: args.limit }),
      this.analytics.topEntities({ ...q, kind: 'mention', limit: args.limit }),
      this.analytics.topAuthors({ ...q, limit: args.limit }),
    ]);
    return {
      queryId: args.queryId,
      ...summary,
      engagementPerPost: summary.samplePosts > 0 ? summary.engagement / summary.samplePosts : null,
      topHashtags,
      topMentions,
      topAuthors,
    };
  }

  async add(input: AddTrackedQueryInput): Promise<TrackedQuery> {
    try {
      const created = await this.tracked.createTrackedQuery({ name: input.name, query: input.query, gameId: input.gameId ?? null });
      // Fill its history now instead of at the next scheduled run.
      await this.queues?.enqueue('x.counts', { trigger: 'manual' });
      await this.queues?.enqueue('x.search', { trigger: 'manual' });
      return toTrackedQuery(created);
    } catch (err) {
      if (err instanceof InvalidTrackedQueryError) throw badInput(`input.${err.field}`, err.reason);
      throw err;
    }
  }

  async setState(id: string, state: 'active' | 'paused'): Promise<TrackedQuery> {
    const updated = await this.queries.setState(id, state, new Date());
    if (!updated) throw badInput('id', `no tracked query with id ${id.slice(0, 20)}`);
    return toTrackedQuery(updated);
  }

  async remove(id: string): Promise<TrackedQuery> {
    const removed = await this.queries.remove(id);
    if (!removed) throw badInput('id', `no tracked query with id ${id.slice(0, 20)}`);
    return toTrackedQuery(removed);
  }
}
