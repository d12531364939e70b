import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@streamscope/config';
import { createLogger } from '@streamscope/telemetry';
import { createSources } from '../sources';
import { assertTrackedQueriesConfig, checkTrackedQuery, InvalidTrackedQueryError, trackedQueryConfigProblems } from './tracked-queries.service';

const reject = (input: Parameters<typeof checkTrackedQuery>[0]): InvalidTrackedQueryError => {
  try {
    checkTrackedQuery(input);
  } catch (err) {
    if (err instanceof InvalidTrackedQueryError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
};

describe('checkTrackedQuery', () => {
  it('trims and accepts a valid query', () => {
    expect(checkTrackedQuery({ name: ' Valorant ', query: ' (#VALORANT OR "valorant") -is:retweet ', gameId: '516575' })).toEqual({
      name: 'Valorant',
      query: '(#VALORANT OR "valorant") -is:retweet',
      gameId: '516575',
    });
  });

  it('names the field and the reason', () => {
    expect(reject({ name: 'x', query: '"open phrase' })).toMatchObject({ field: 'query', reason: expect.stringMatching(/unbalanced quotes/) });
    expect(reject({ name: 'x', query: 'lang:en' }).reason).toMatch(/at least one term/);
    expect(reject({ name: 'x', query: 'a '.repeat(300) }).reason).toMatch(/limit is 512/);
    expect(reject({ name: 'x', query: 'near:tokyo chess' }).reason).toMatch(/unknown operator "near:"/);
    expect(reject({ name: '', query: 'chess' }).field).toBe('name');
    expect(reject({ name: 'x'.repeat(101), query: 'chess' }).field).toBe('name');
    expect(reject({ name: 'x', query: 'chess', gameId: '12a' }).field).toBe('gameId');
  });
});

describe('X_TRACKED_QUERIES at start-up', () => {
  const bad = '[{"name":"ok","query":"#ok"},{"name":"broken","query":"(#a OR #b"}]';

  it('reports each bad entry under the variable name', () => {
    const config = parseConfig({ X_TRACKED_QUERIES: bad });
    expect(trackedQueryConfigProblems(config.X_TRACKED_QUERIES)).toEqual([
      'X_TRACKED_QUERIES: entry [1].query: unbalanced parentheses: "(" is not closed (got "(#a OR #b")',
    ]);
    expect(() => assertTrackedQueriesConfig(config)).toThrow(ConfigError);
  });

  it('stops createSources before any simulator starts', async () => {
    const config = parseConfig({ X_TRACKED_QUERIES: bad });
    await expect(createSources(config, createLogger({ level: 'silent' }))).rejects.toThrow(/X_TRACKED_QUERIES: entry \[1\]\.query: unbalanced/);
  });
});
