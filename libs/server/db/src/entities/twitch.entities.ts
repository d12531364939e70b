import { defineEntity } from './define';

// bigint ids are strings (as pg returns them); 0 as game id means "no category".

export interface TwitchSweep {
  ts: Date;
  sampleSeconds: number;
  status: 'complete' | 'partial';
  streams: number;
  pages: number;
  apiCalls: number;
  duplicatesDropped: number;
  startedAt: Date;
  finishedAt: Date;
  /** In the per-broadcast rows and (plain Postgres) the per-channel hourly rollup yet. */
  folded: boolean;
}
export const TwitchSweepEntity = defineEntity<TwitchSweep>('twitch_sweeps', {
  ts: ['timestamptz', { pk: true }],
  sampleSeconds: ['int'],
  status: ['text'],
  streams: ['int'],
  pages: ['int'],
  apiCalls: ['int'],
  duplicatesDropped: ['int'],
  startedAt: ['timestamptz'],
  finishedAt: ['timestamptz'],
  folded: ['boolean'],
});

export interface TwitchStreamSnapshot {
  ts: Date;
  streamId: string;
  channelId: string;
  gameId: string;
  viewers: number;
  language: string;
  sampleSeconds: number;
}
export const TwitchStreamSnapshotEntity = defineEntity<TwitchStreamSnapshot>('twitch_stream_snapshots', {
  ts: ['timestamptz', { pk: true }],
  streamId: ['bigint', { pk: true }],
  channelId: ['bigint'],
  gameId: ['bigint'],
  viewers: ['int'],
  language: ['text'],
  sampleSeconds: ['int'],
});

export interface TwitchStream {
  streamId: string;
  channelId: string;
  startedAt: Date;
  lastSeenAt: Date;
  title: string;
  tags: string[];
  language: string;
  peakViewers: number;
  games: string[];
}
export const TwitchStreamEntity = defineEntity<TwitchStream>('twitch_streams', {
  streamId: ['bigint', { pk: true }],
  channelId: ['bigint'],
  startedAt: ['timestamptz'],
  lastSeenAt: ['timestamptz'],
  title: ['text'],
  tags: ['text', { array: true }],
  language: ['text'],
  peakViewers: ['int'],
  games: ['bigint', { array: true }],
});

export interface TwitchGame {
  gameId: string;
  name: string;
  boxArtUrl: string | null;
  igdbId: string | null;
  updatedAt: Date;
  metadataAt: Date | null;
}
export const TwitchGameEntity = defineEntity<TwitchGame>('twitch_games', {
  gameId: ['bigint', { pk: true }],
  name: ['text'],
  boxArtUrl: ['text', { nullable: true }],
  igdbId: ['text', { nullable: true }],
  updatedAt: ['timestamptz'],
  metadataAt: ['timestamptz', { nullable: true }],
});

export interface TwitchChannel {
  channelId: string;
  login: string;
  displayName: string;
  broadcasterType: string | null;
  description: string | null;
  profileImageUrl: string | null;
  createdAt: Date | null;
  updatedAt: Date;
  metadataAt: Date | null;
}
export const TwitchChannelEntity = defineEntity<TwitchChannel>('twitch_channels', {
  channelId: ['bigint', { pk: true }],
  login: ['text'],
  displayName: ['text'],
  broadcasterType: ['text', { nullable: true }],
  description: ['text', { nullable: true }],
  profileImageUrl: ['text', { nullable: true }],
  createdAt: ['timestamptz', { nullable: true }],
  updatedAt: ['timestamptz'],
  metadataAt: ['timestamptz', { nullable: true }],
});

export interface TwitchTopGame {
  ts: Date;
  rank: number;
  gameId: string;
}
export const TwitchTopGameEntity = defineEntity<TwitchTopGame>('twitch_top_games', {
  ts: ['timestamptz', { pk: true }],
  rank: ['int', { pk: true }],
  gameId: ['bigint'],
});

interface PerSweep {
  ts: Date;
  sampleSeconds: number;
  viewers: string;
  channels: number;
  partial: boolean;
}
const perSweep = {
  ts: ['timestamptz', { pk: true }],
  sampleSeconds: ['int'],
  viewers: ['bigint'],
  channels: ['int'],
  partial: ['boolean'],
} as const;

export type TwitchSweepTotal = PerSweep;
export const TwitchSweepTotalEntity = defineEntity<TwitchSweepTotal>('twitch_sweep_totals', { ...perSweep });

export interface TwitchSweepGame extends PerSweep {
  gameId: string;
}
export const TwitchSweepGameEntity = defineEntity<TwitchSweepGame>('twitch_sweep_games', {
  ...perSweep,
  gameId: ['bigint', { pk: true }],
});

export interface TwitchSweepLanguage extends PerSweep {
  language: string;
}
export const TwitchSweepLanguageEntity = defineEntity<TwitchSweepLanguage>('twitch_sweep_languages', {
  ...perSweep,
  language: ['text', { pk: true }],
});

export interface TwitchSweepGameLanguage extends PerSweep {
  gameId: string;
  language: string;
}
export const TwitchSweepGameLanguageEntity = defineEntity<TwitchSweepGameLanguage>('twitch_sweep_game_languages', {
  ...perSweep,
  gameId: ['bigint', { pk: true }],
  language: ['text', { pk: true }],
});
