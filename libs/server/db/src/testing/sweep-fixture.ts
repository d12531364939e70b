import type { StreamObservation, SweepWrite } from '../repositories/sweep.repository';

/**
 * A small deterministic world for metric tests: 3 days of sweeps every 5 minutes with whole
 * hours missing, one partial sweep, several games and languages, and a game that only appears
 * in some sweeps. Nothing here calls library code, so expectations built on it are independent.
 */
export const FIXTURE_START = Date.UTC(2024, 2, 8); // 2024-03-08, US DST starts 03-10
export const FIXTURE_DAYS = 3;
export const FIXTURE_STEP = 300;

export const FIXTURE_GAMES: Record<string, string> = { '1001': 'Alpha', '1002': 'Beta', '1003': 'Gamma', '': '' };

export interface FixtureStream {
  streamId: string;
  channelId: string;
  gameId: string; // '0' for no category
  language: string;
  viewers: number;
}

export interface FixtureSweep {
  ts: number;
  sampleSeconds: number;
  partial: boolean;
  streams: FixtureStream[];
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function missing(ts: number): boolean {
  const h = Math.floor((ts - FIXTURE_START) / 3_600_000);
  // Hours 3-5 of day 1, hour 38 and the last 90 minutes of day 2 have no sweep at all.
  return (h >= 3 && h <= 5) || h === 38 || (ts >= FIXTURE_START + 46.5 * 3_600_000 && ts < FIXTURE_START + 48 * 3_600_000);
}

export function buildFixture(): FixtureSweep[] {
  const rnd = lcg(42);
  const sweeps: FixtureSweep[] = [];
  const langs = ['en', 'de', 'es'];
  const games = ['1001', '1002', '0'];
  let index = 0;
  for (let ts = FIXTURE_START; ts < FIXTURE_START + FIXTURE_DAYS * 86_400_000; ts += FIXTURE_STEP * 1000) {
    index++;
    if (missing(ts)) continue;
    const streams: FixtureStream[] = [];
    const n = 4 + Math.floor(rnd() * 5);
    for (let i = 0; i < n; i++) {
      streams.push({
        streamId: String(5_000_000_000 + i * 7 + Math.floor(index / 100)),
        channelId: String(900 + i),
        gameId: games[(i + Math.floor(index / 50)) % games.length] ?? '0',
        language: langs[i % langs.length] ?? 'en',
        viewers: Math.floor(rnd() * 5000),
      });
    }
    if (index % 3 === 0) {
      streams.push({ streamId: String(7_000_000_000 + index), channelId: '777', gameId: '1003', language: 'de', viewers: 100 + (index % 17) * 31 });
    }
    sweeps.push({ ts, sampleSeconds: FIXTURE_STEP, partial: index === 200, streams });
  }
  return sweeps;
}

export function toSweepWrite(s: FixtureSweep): SweepWrite {
  const streams: StreamObservation[] = s.streams.map((x) => {
    const gameId = x.gameId === '0' ? '' : x.gameId;
    return {
      streamId: x.streamId,
      channelId: x.channelId,
      channelLogin: `user${x.channelId}`,
      channelName: `User ${x.channelId}`,
      gameId,
      gameName: FIXTURE_GAMES[gameId] ?? '',
      language: x.language,
      viewers: x.viewers,
      title: `stream ${x.streamId}`,
      tags: ['English', 'Chill'],
      startedAt: new Date(s.ts - 3_600_000),
    };
  });
  return {
    ts: new Date(s.ts),
    sampleSeconds: s.sampleSeconds,
    status: s.partial ? 'partial' : 'complete',
    pages: 1,
    apiCalls: 1,
    duplicatesDropped: 0,
    startedAt: new Date(s.ts),
    finishedAt: new Date(s.ts + 2000),
    streams,
  };
}
