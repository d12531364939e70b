import type { HelixStream } from '@streamscope/connectors';
import type { StreamObservation } from '@streamscope/db';

/** Helix stream payload → the row shape the sweep writer stores. Pure, so it is tested on fixtures. */
export function toStreamObservation(s: HelixStream): StreamObservation {
  return {
    streamId: s.id,
    channelId: s.user_id,
    channelLogin: s.user_login,
    channelName: s.user_name,
    gameId: s.game_id,
    gameName: s.game_name,
    language: s.language || 'other',
    viewers: s.viewer_count,
    title: s.title,
    tags: s.tags ?? [],
    startedAt: new Date(s.started_at),
  };
}

/**
 * The sweep's single timestamp: the scheduled slot floored to the interval. A retry of the
 * same job, or a second replica picking the same slot, lands on the same key.
 */
export function sweepTimestamp(slotMillis: number, intervalSeconds: number): Date {
  const ms = intervalSeconds * 1000;
  return new Date(Math.floor(slotMillis / ms) * ms);
}
