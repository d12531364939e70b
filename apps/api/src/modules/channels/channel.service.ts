import type { TwitchEntitiesRepository } from '@streamscope/db';
import { badInput } from '../../graphql/errors';
import { checkIntRange, checkRange } from '../platform/input-rules';
import type { ChannelArgs, SessionsArgs } from './channel.args';
import type { BroadcastSession, Channel } from './channel.types';

export const SESSIONS_MAX_DAYS = 366;
const CHANNEL_ID = /^\d{1,19}$/;
const LOGIN = /^[a-zA-Z0-9_]{1,25}$/;

export class ChannelService {
  constructor(private readonly entities: TwitchEntitiesRepository) {}

  async channel(args: ChannelArgs): Promise<Channel | null> {
    const hasId = args.id != null;
    const hasLogin = args.login != null;
    if (hasId === hasLogin) throw badInput('id', 'give exactly one of id or login');
    if (hasId && !CHANNEL_ID.test(args.id!)) throw badInput('id', 'Twitch user ids are numeric strings');
    if (hasLogin && !LOGIN.test(args.login!)) throw badInput('login', 'Twitch logins are 1-25 letters, digits or underscores');
    const row = await this.entities.channel(hasId ? { channelId: args.id! } : { login: args.login! });
    return row ? { id: row.channelId, login: row.login, displayName: row.displayName } : null;
  }

  async sessions(channel: Channel, args: SessionsArgs): Promise<BroadcastSession[]> {
    checkRange(args.from, args.to, SESSIONS_MAX_DAYS);
    checkIntRange('first', args.first, 1, 100);
    const rows = await this.entities.sessions({ channelId: channel.id, from: args.from, to: args.to, limit: args.first });
    return rows.map((r) => ({
      streamId: r.streamId,
      start: r.startedAt,
      end: r.endedAt,
      durationSeconds: Math.round((r.endedAt.getTime() - r.startedAt.getTime()) / 1000),
      title: r.title,
      averageViewers: r.averageViewers,
      peakViewers: r.peakViewers,
      snapshots: r.snapshots,
      gamesPlayed: r.gamesPlayed,
    }));
  }
}
