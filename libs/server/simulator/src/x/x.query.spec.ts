import { describe, expect, it } from 'vitest';
import { matchXQuery, parseXQuery, textTokens, type XMatchable } from './x.query';

function post(text: string, extra: Partial<XMatchable> = {}): XMatchable {
  return { joined: ` ${textTokens(text).join(' ')} `, hashtags: [], mentions: [], cashtags: [], author: 'someone', lang: 'en', kind: 'original', ...extra };
}

function matches(query: string, p: XMatchable): boolean {
  const parsed = parseXQuery(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return matchXQuery(parsed.ast, p);
}

describe('simulator query matcher', () => {
  it('matches keywords as whole tokens, phrases in order, and entities by value', () => {
    const p = post('Watching League of Legends finals', { hashtags: ['lol'], mentions: ['faker'], lang: 'en' });
    expect(matches('league', p)).toBe(true);
    expect(matches('leag', p)).toBe(false);
    expect(matches('"league of legends"', p)).toBe(true);
    expect(matches('"legends of league"', p)).toBe(false);
    expect(matches('#LoL @Faker', p)).toBe(true);
    expect(matches('#lol -lang:en', p)).toBe(false);
    expect(matches('nothing OR finals', p)).toBe(true);
    expect(matches('nothing watching OR finals', p)).toBe(true);
    expect(matches('(nothing OR finals) -is:reply', p)).toBe(true);
    expect(matches('finals is:retweet', p)).toBe(false);
    expect(matches('from:someone', p)).toBe(true);
  });

  it('rejects what the client rejects', () => {
    for (const bad of ['', 'is:retweet', '-foo', 'foo -', '(foo', 'foo)', '"foo', 'near:me foo', 'foo OR', '-(a OR b) c']) {
      expect(parseXQuery(bad).ok, bad).toBe(false);
    }
  });
});
