import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database, Sql } from '../database/types';
import { AnalyticsRepository } from './analytics.repository';

/**
 * The SQL each analytics method sends, per rollup level, is committed in queries/ so a change
 * shows up in review. Run with UPDATE_SQL=1 to rewrite the file after an intended change.
 */
const FILE = join(import.meta.dirname, '../../queries/analytics.repository.sql');

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

describe('analytics SQL', () => {
  it('matches queries/analytics.repository.sql', async () => {
    const out: string[] = [];
    const day = { from: new Date('2024-03-08T00:00:00Z'), to: new Date('2024-03-11T00:00:00Z') };
    const calls: Array<[string, (r: AnalyticsRepository) => Promise<unknown>]> = [
      ['gameSeries 5m (raw)', (r) => r.gameSeries({ ...day, bucket: '5m', timeZone: 'UTC', gameIds: ['1'] })],
      ['gameSeries 1h (hourly)', (r) => r.gameSeries({ ...day, bucket: '1h', timeZone: 'UTC', gameIds: ['1'] })],
      ['gameSeries 1d UTC (daily)', (r) => r.gameSeries({ ...day, bucket: '1d', timeZone: 'UTC', gameIds: ['1'] })],
      ['platformSeries 1w New York (hourly)', (r) => r.platformSeries({ ...day, bucket: '1w', timeZone: 'America/New_York' })],
      ['topGames (daily)', (r) => r.topGames({ ...day, limit: 10 })],
    ];
    for (const [name, call] of calls) {
      const log: string[] = [];
      await call(new AnalyticsRepository(recorder(log)));
      out.push(`-- ${name}\n${log.map((q) => `${q};`).join('\n\n')}`);
    }
    const text = `${out.join('\n\n')}\n`;
    if (process.env.UPDATE_SQL === '1') writeFileSync(FILE, text);
    expect(existsSync(FILE)).toBe(true);
    expect(text).toBe(readFileSync(FILE, 'utf8'));
  });

  it('refuses non-numeric game ids and empty ranges before any SQL', async () => {
    const log: string[] = [];
    const r = new AnalyticsRepository(recorder(log));
    const range = { from: new Date('2024-03-08T00:00:00Z'), to: new Date('2024-03-09T00:00:00Z'), bucket: '1h' as const, timeZone: 'UTC' };
    await expect(r.gameSeries({ ...range, gameIds: ["1) OR (1=1"] })).rejects.toThrow(/numeric ids/);
    await expect(r.platformSeries({ ...range, to: range.from })).rejects.toThrow(/after its start/);
    expect(log).toEqual([]);
  });
});
