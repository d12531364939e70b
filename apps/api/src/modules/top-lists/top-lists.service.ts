import type { Dimension, RankBy, RankedKey, TwitchBreakdownRepository, TwitchChannelsRepository } from '@streamscope/db';
import { badInput } from '../../graphql/errors';
import { RollupLevel } from '../../graphql/enums';
import { checkGameId, checkIntRange, checkRange } from '../platform/input-rules';
import { Metric } from '../platform/metric.enum';
import { LEVEL } from '../platform/series-assembly';
import { CHANNEL_SEARCH_MAX, type TopChannelArgs, type TopListArgs } from './top-lists.args';
import type { RankedValues, TopChannelConnection, TopGameConnection, TopLanguageConnection } from './top-lists.types';
import { encodeCursor, offsetAfter } from './cursor';

export const TOP_LIST_MAX_DAYS = 366;

const RANK_BY: Partial<Record<Metric, RankBy>> = {
  [Metric.HOURS_WATCHED]: 'hoursWatched',
  [Metric.AVERAGE_VIEWERS]: 'averageViewers',
  [Metric.PEAK_VIEWERS]: 'peakViewers',
  [Metric.HOURS_STREAMED]: 'hoursStreamed',
};

interface Page {
  by: RankBy;
  offset: number;
  first: number;
}

function page(args: TopListArgs): Page {
  checkRange(args.from, args.to, TOP_LIST_MAX_DAYS);
  const by = RANK_BY[args.by];
  if (!by) throw badInput('by', 'top lists rank by HOURS_WATCHED, AVERAGE_VIEWERS, PEAK_VIEWERS or HOURS_STREAMED');
  checkIntRange('first', args.first, 1, 100);
  return { by, offset: offsetAfter(args.after), first: args.first };
}

/** Blank means no filter; anything longer than the cap is refused rather than cut. */
function channelSearch(raw: string | null | undefined): string | null {
  const text = raw?.trim() ?? '';
  if (text.length > CHANNEL_SEARCH_MAX) throw badInput('search', `at most ${CHANNEL_SEARCH_MAX} characters`);
  return text === '' ? null : text;
}

function ranked(rank: number, previousRank: number | null, viewerSeconds: number, channelSeconds: number, peakViewers: number, covered: number): RankedValues {
  return {
    rank,
    previousRank,
    rankChange: previousRank === null ? null : rank - previousRank,
    hoursWatched: viewerSeconds / 3600,
    averageViewers: covered > 0 ? viewerSeconds / covered : 0,
    peakViewers,
    hoursStreamed: channelSeconds / 3600,
  };
}

function connection<N>(args: TopListArgs, p: Page, level: RollupLevel, totalCount: number, nodes: N[]) {
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(p.offset + i), node }));
  return {
    from: args.from,
    to: args.to,
    by: args.by,
    level,
    totalCount,
    edges,
    pageInfo: { hasNextPage: p.offset + nodes.length < totalCount, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** Ranked games, languages and channels with rank change against the previous range of equal length. */
export class TopListsService {
  constructor(
    private readonly breakdown: TwitchBreakdownRepository,
    private readonly channels: TwitchChannelsRepository,
  ) {}

  async topGames(args: TopListArgs): Promise<TopGameConnection> {
    const p = page(args);
    const r = await this.rank(args, p, 'game');
    const nodes = r.rows.map((x) => ({
      ...this.values(x, r.coveredSeconds),
      gameId: x.key,
      name: x.name ?? `Game ${x.key}`,
    }));
    return connection(args, p, LEVEL[r.level], r.totalCount, nodes);
  }

  async topLanguages(args: TopListArgs): Promise<TopLanguageConnection> {
    const p = page(args);
    const r = await this.rank(args, p, 'language');
    const nodes = r.rows.map((x) => ({ ...this.values(x, r.coveredSeconds), language: x.key }));
    return connection(args, p, LEVEL[r.level], r.totalCount, nodes);
  }

  /**
   * Channels by the chosen metric; with a game, only their time in that game counts. A search
   * narrows the list to matching channels, each keeping its rank among all of them.
   */
  async topChannels(args: TopChannelArgs, gameId?: string | null): Promise<TopChannelConnection> {
    const p = page(args);
    if (gameId != null) checkGameId('gameId', gameId);
    const search = channelSearch(args.search);
    const r = await this.channels.topChannels({ from: args.from, to: args.to, by: p.by, limit: p.first, offset: p.offset, gameId, search });
    const nodes = r.rows.map((x) => ({
      ...ranked(x.rank, x.previousRank, x.viewerSeconds, x.streamedSeconds, x.peakViewers, r.coveredSeconds),
      channelId: x.channelId,
      login: x.login,
      displayName: x.displayName,
    }));
    return connection(args, p, r.source === 'hourly' ? RollupLevel.HOURLY : RollupLevel.RAW, r.totalCount, nodes);
  }

  private rank(args: TopListArgs, p: Page, dimension: Dimension) {
    return this.breakdown.rankKeys({ from: args.from, to: args.to, dimension, by: p.by, limit: p.first, offset: p.offset, withNames: dimension === 'game' });
  }

  private values(x: RankedKey, covered: number) {
    return {
      ...ranked(x.rank, x.previousRank, x.viewerSeconds, x.channelSeconds, x.peakViewers, covered),
      averageChannels: covered > 0 ? x.channelSeconds / covered : 0,
      peakChannels: x.peakChannels,
    };
  }
}
