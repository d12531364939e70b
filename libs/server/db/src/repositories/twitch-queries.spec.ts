import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database, Sql } from '../database/types';
import { PipelineStatusRepository } from './pipeline-status.repository';
import { TwitchBreakdownRepository } from './twitch-breakdown.repository';
import { containsPattern, TwitchChannelsRepository } from './twitch-channels.repository';
import { TwitchEntitiesRepository } from './twitch-entities.repository';
import { TwitchHeatmapRepository } from './twitch-heatmap.repository';

/**
 * The SQL of the Twitch breakdown, channel, entity, heatmap and pipeline methods, committed in
 * queries/ so a change shows up in review. UPDATE_SQL=1 rewrites the file after an intended change.
 */
const FILE = join(import.meta.dirname, '../../queries/twitch.repositories.sql');

function recorder(log: string[]): Database {
  const sql: Sql = {
    async query<T>(text: string): Promise<T[]> {
      log.push(text.replace(/[ \t]+$/gm, '').trim());
      return [];
    },
  };
  return {
    ...sql,
    kind: 'server',
    dialect: 'postgres',
    transaction: (fn) => fn(sql),
    info: async () => ({ dialect: 'postgres', postgresVersion: '0', timescaleVersion: null }),
    ping: async () => undefined,
    close: async () => undefined,
  };
}

describe('twitch repositories SQL', () => {
  it('matches queries/twitch.repositories.sql', async () => {
    const out: string[] = [];
    const day = { from: new Date('2024-03-08T00:00:00Z'), to: new Date('2024-03-11T00:00:00Z') };
    const ragged = { from: new Date('2024-03-08T00:10:00Z'), to: new Date('2024-03-09T00:10:00Z') };
    const calls: Array<[string, (db: Database) => Promise<unknown>]> = [
      ['rankKeys game by hours (daily)', (db) => new TwitchBreakdownRepository(db).rankKeys({ ...day, dimension: 'game', by: 'hoursWatched', limit: 10, offset: 0 })],
      ['rankKeys game with names (daily)', (db) => new TwitchBreakdownRepository(db).rankKeys({ ...day, dimension: 'game', by: 'hoursWatched', limit: 10, offset: 0, withNames: true })],
      ['rankKeys language of a game, exact peaks (raw)', (db) => new TwitchBreakdownRepository(db).rankKeys({ ...day, dimension: 'language', filter: { gameIds: ['1'] }, by: 'peakViewers', limit: 10, offset: 20, exactPeaks: true })],
      ['keySeries game 1h (hourly)', (db) => new TwitchBreakdownRepository(db).keySeries({ ...day, bucket: '1h', timeZone: 'UTC', dimension: 'game', keys: ['1', '2'] })],
      ['keySeries language 1d with game filter, exact peaks (raw)', (db) => new TwitchBreakdownRepository(db).keySeries({ ...day, bucket: '1d', timeZone: 'UTC', dimension: 'language', keys: ['en'], filter: { gameIds: ['1'] }, exactPeaks: true })],
      ['universeSums 1h (hourly)', (db) => new TwitchBreakdownRepository(db).universeSums({ ...day, bucket: '1h', timeZone: 'UTC', dimension: 'game' })],
      ['universeSums 1d with language filter (daily)', (db) => new TwitchBreakdownRepository(db).universeSums({ ...day, bucket: '1d', timeZone: 'UTC', dimension: 'game', filter: { languages: ['en'] } })],
      ['otherPeaks game 6h', (db) => new TwitchBreakdownRepository(db).otherPeaks({ ...day, bucket: '6h', timeZone: 'UTC', dimension: 'game', excludeKeys: ['1'] })],
      ['topChannels hour-aligned (hourly)', (db) => new TwitchChannelsRepository(db).topChannels({ ...day, by: 'hoursWatched', limit: 10, offset: 0 })],
      ['topChannels ragged in a game (raw)', (db) => new TwitchChannelsRepository(db).topChannels({ ...ragged, by: 'peakViewers', limit: 10, offset: 0, gameId: '1' })],
      ['topChannels matching a search (hourly)', (db) => new TwitchChannelsRepository(db).topChannels({ ...day, by: 'hoursWatched', limit: 10, offset: 0, search: '50%_off' })],
      ['game', (db) => new TwitchEntitiesRepository(db).game('1')],
      ['channel by login', (db) => new TwitchEntitiesRepository(db).channel({ login: 'someone' })],
      ['sessions', (db) => new TwitchEntitiesRepository(db).sessions({ ...day, channelId: '1', limit: 20 })],
      ['heatmap', (db) => new TwitchHeatmapRepository(db).weekdayHour({ ...day, timeZone: 'Europe/Berlin', gameId: '1' })],
      ['lastSuccessPerJob', (db) => new PipelineStatusRepository(db).lastSuccessPerJob()],
      ['latestRateLimit', (db) => new PipelineStatusRepository(db).latestRateLimit('twitch')],
    ];
    for (const [name, call] of calls) {
      const log: string[] = [];
      await call(recorder(log));
      out.push(`-- ${name}\n${log.map((q) => `${q};`).join('\n\n')}`);
    }
    const text = `${out.join('\n\n')}\n`;
    if (process.env.UPDATE_SQL === '1') writeFileSync(FILE, text);
    expect(existsSync(FILE)).toBe(true);
    expect(text).toBe(readFileSync(FILE, 'utf8'));
  });

  it('refuses non-numeric ids and empty ranges before any SQL', async () => {
    const log: string[] = [];
    const db = recorder(log);
    const range = { from: new Date('2024-03-08T00:00:00Z'), to: new Date('2024-03-09T00:00:00Z') };
    await expect(new TwitchBreakdownRepository(db).rankKeys({ ...range, dimension: 'game', filter: { gameIds: ['1 OR 1=1'] }, by: 'hoursWatched', limit: 1, offset: 0 })).rejects.toThrow(/numeric ids/);
    await expect(new TwitchChannelsRepository(db).topChannels({ ...range, by: 'hoursWatched', limit: 1, offset: 0, gameId: 'x' })).rejects.toThrow(/numeric ids/);
    await expect(new TwitchEntitiesRepository(db).sessions({ ...range, to: range.from, channelId: '1', limit: 1 })).rejects.toThrow(/after its start/);
    await expect(new TwitchHeatmapRepository(db).weekdayHour({ ...range, timeZone: 'Mars/Base' })).rejects.toThrow(/time zone/);
    expect(log).toEqual([]);
  });

  it('escapes LIKE wildcards so a search matches its text literally', () => {
    expect(containsPattern('abc')).toBe('%abc%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
