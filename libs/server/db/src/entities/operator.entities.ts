import { defineEntity } from './define';

/** A Twitch game the operator follows regardless of its rank. */
export interface TwitchTrackedGame {
  gameId: string;
  state: 'active' | 'paused';
  addedAt: Date;
  pausedAt: Date | null;
}
export const TwitchTrackedGameEntity = defineEntity<TwitchTrackedGame>('twitch_tracked_games', {
  gameId: ['bigint', { pk: true }],
  state: ['text'],
  addedAt: ['timestamptz'],
  pausedAt: ['timestamptz', { nullable: true }],
});

/** A schedule interval set at run time; it wins over the configured one. */
export interface ScheduleOverride {
  scheduleId: string;
  everySeconds: number;
  updatedAt: Date;
}
export const ScheduleOverrideEntity = defineEntity<ScheduleOverride>('schedule_overrides', {
  scheduleId: ['text', { pk: true }],
  everySeconds: ['int'],
  updatedAt: ['timestamptz'],
});
