import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database, Sql } from '../database/types';
import { XAnalyticsRepository } from './x-analytics.repository';

/**
 * The SQL of the X volume aggregates, committed in queries/ so a change shows up in review.
 * UPDATE_SQL=1 rewrites the file after an intended change.
 */
const FILE = join(import.meta.dirname, '../../queries/x-analytics.repository.sql');

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

describe('X analytics SQL', () => {
  it('matches queries/x-analytics.repository.sql', async () => {
    const out: string[] = [];
    const day = { from: new Date('2024-03-08T00:00:00Z'), to: new Date('2024-03-09T00:00:00Z'), queryIds: ['1', '2'] };
    const calls: Array<[string, (r: XAnalyticsRepository) => Promise<unknown>]> = [
      ['volumeSeries 1h', (r) => r.volumeSeries({ ...day, bucket: '1h', timeZone: 'UTC' })],
      ['volumeTotals', (r) => r.volumeTotals(day)],
      ['postRate', (r) => r.postRate(day)],
    ];
    for (const [name, call] of calls) {
      const log: string[] = [];
      await call(new XAnalyticsRepository(recorder(log)));
      out.push(`-- ${name}\n${log.map((q) => `${q};`).join('\n\n')}`);
    }
    const text = `${out.join('\n\n')}\n`;
    if (process.env.UPDATE_SQL === '1') writeFileSync(FILE, text);
    expect(existsSync(FILE)).toBe(true);
    expect(text).toBe(readFileSync(FILE, 'utf8'));
  });

  it('reads an empty post rate as zero posts over zero hours', async () => {
    const r = new XAnalyticsRepository(recorder([]));
    expect(await r.postRate({ queryIds: ['1'], from: new Date('2024-03-08T00:00:00Z'), to: new Date('2024-03-09T00:00:00Z') })).toEqual({ posts: 0, hoursCovered: 0 });
  });
});
