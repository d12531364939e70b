import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const problems = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('X settings', () => {
  it('defaults: 200 posts per run, 15-minute search, top 5 games, no seeded queries', () => {
    const c = parseConfig({});
    expect(c.X_SEARCH_MAX_POSTS_PER_RUN).toBe(200);
    expect(c.X_SEARCH_INTERVAL_SECONDS).toBe(900);
    expect(c.X_AUTO_TRACK_TOP_GAMES).toBe(5);
    expect(c.X_TRACKED_QUERIES).toEqual([]);
    expect(parseConfig({ X_TRACKED_QUERIES: '  ' }).X_TRACKED_QUERIES).toEqual([]);
  });

  it('parses a JSON array of tracked queries', () => {
    const c = parseConfig({ X_TRACKED_QUERIES: '[{"name":"Valorant","query":"#Valorant -is:retweet","gameId":"516575"},{"name":"Chess","query":"chess"}]' });
    expect(c.X_TRACKED_QUERIES).toEqual([
      { name: 'Valorant', query: '#Valorant -is:retweet', gameId: '516575' },
      { name: 'Chess', query: 'chess' },
    ]);
  });

  it('names the variable, the entry and the field of each bad entry', () => {
    expect(problems({ X_TRACKED_QUERIES: 'not json' })[0]).toMatch(/^X_TRACKED_QUERIES: expected a JSON array/);
    expect(problems({ X_TRACKED_QUERIES: '{"name":"a"}' })[0]).toMatch(/^X_TRACKED_QUERIES: expected a JSON array/);
    const p = problems({ X_TRACKED_QUERIES: `[{"name":"ok","query":"a"},{"name":"","query":"${'x'.repeat(600)}","gameId":"abc"}]` });
    expect(p.some((m) => /^X_TRACKED_QUERIES: entry \[1\]\.name: /.test(m))).toBe(true);
    expect(p.some((m) => /^X_TRACKED_QUERIES: entry \[1\]\.query: query is longer than 512/.test(m))).toBe(true);
    expect(p.some((m) => /^X_TRACKED_QUERIES: entry \[1\]\.gameId: /.test(m))).toBe(true);
    expect(problems({ X_TRACKED_QUERIES: '[{"name":"a","query":"q","extra":1}]' })[0]).toMatch(/entry \[0\]: /);
    expect(problems({ X_TRACKED_QUERIES: '[{"name":"a","query":"q"},{"name":"b","query":"q"}]' })[0]).toMatch(/entry \[1\]\.query: duplicate/);
  });

  it('bounds the per-run cap', () => {
    expect(problems({ X_SEARCH_MAX_POSTS_PER_RUN: '5' })[0]).toMatch(/^X_SEARCH_MAX_POSTS_PER_RUN: /);
  });
});
