import { describe, expect, it } from 'vitest';
import { validateXQuery } from './x.query';

const message = (q: string, maxLength?: number): string => {
  const r = validateXQuery(q, maxLength ? { maxLength } : {});
  if (r.ok) throw new Error(`expected ${q} to be rejected`);
  return r.message;
};

describe('validateXQuery', () => {
  it('accepts the supported subset', () => {
    for (const q of [
      'valorant',
      '"League of Legends" -is:retweet',
      '#Valorant OR #LeagueOfLegends',
      '(@faker OR from:riotgames) lang:ko',
      'gaming -is:reply -is:quote',
      'from:TwitchSupport',
      '$TTWO gta',
      'a b OR c (d OR e)',
    ]) {
      expect(validateXQuery(q), q).toEqual({ ok: true });
    }
  });

  it('rejects bad queries with messages that say what is wrong', () => {
    expect(message('')).toMatch(/empty/);
    expect(message('   ')).toMatch(/empty/);
    expect(message('x'.repeat(513))).toMatch(/513 characters.*limit is 512/);
    expect(message('abc def', 5)).toMatch(/limit is 5/);
    expect(message('"League of Legends')).toMatch(/unbalanced quotes/);
    expect(message('(valorant OR lol')).toMatch(/unbalanced parentheses/);
    expect(message('valorant)')).toMatch(/unbalanced parentheses/);
    const unknown = message('valorant near:paris');
    expect(unknown).toMatch(/unknown operator "near:"/);
    for (const op of ['#hashtag', '@mention', 'from:', 'lang:', 'is:retweet', 'OR']) expect(unknown).toContain(op);
    expect(message('valorant - lol')).toMatch(/standalone "-"/);
    expect(message('valorant -')).toMatch(/standalone "-"/);
    expect(message('-valorant')).toMatch(/not negated/);
    expect(message('is:retweet lang:en')).toMatch(/not negated/);
    expect(message('-(a OR b) c')).toMatch(/negated groups/);
    expect(message('OR valorant')).toMatch(/OR must sit between/);
    expect(message('valorant OR')).toMatch(/OR must sit between/);
    expect(message('valorant ()')).toMatch(/empty parentheses/);
    expect(message('valorant is:verified')).toMatch(/is:verified is not supported/);
    expect(message('from:this_name_is_way_too_long')).toMatch(/from:/);
  });
});
