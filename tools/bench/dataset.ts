import type { StreamObservation, SweepWrite } from '@streamscope/db';
import type { SimStream, TwitchWorld } from '@streamscope/simulator';

export const TEN_MINUTES = 600_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function toObservation(s: SimStream): StreamObservation {
  return {
    streamId: s.id,
    channelId: s.user_id,
    channelLogin: s.user_login,
    channelName: s.user_name,
    gameId: s.game_id,
    gameName: s.game_name,
    language: s.language,
    viewers: s.viewer_count,
    title: s.title,
    tags: s.tags,
    startedAt: new Date(s.started_at),
  };
}

/** One sweep of the simulated world at `ts`, as the worker would hand it to writeSweep. */
export function sweepAt(world: TwitchWorld, ts: Date, sampleSeconds: number): SweepWrite {
  const streams = world.liveStreamsAt(ts).map(toObservation);
  return {
    ts,
    sampleSeconds,
    status: 'complete',
    pages: Math.ceil(streams.length / 100),
    apiCalls: Math.ceil(streams.length / 100),
    duplicatesDropped: 0,
    startedAt: ts,
    finishedAt: new Date(ts.getTime() + 1000),
    streams,
  };
}

/**
 * The time of day at which the world has the most live streams, found on a coarse grid: sweep-100k
 * is "one sweep of 100,000 live streams", which only the daily peak reaches.
 */
export function peakTime(world: TwitchWorld, day: number): Date {
  let best = new Date(day * DAY);
  let most = -1;
  for (let h = 0; h < 24; h++) {
    const t = new Date(day * DAY + h * HOUR);
    const n = world.rankingAt(t.getTime()).channels.length;
    if (n > most) {
      most = n;
      best = t;
    }
  }
  return best;
}
