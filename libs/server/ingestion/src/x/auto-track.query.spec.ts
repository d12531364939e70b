import { describe, expect, it } from 'vitest';
import { validateXQuery } from '@streamscope/connectors';
import { GAME_HASHTAGS, GAMES } from '@streamscope/simulator';
import { autoTrackQuery, gameHashtag, pascalHashtag } from './auto-track.query';

describe('auto-track queries', () => {
  it('uses the simulator hashtags when X is simulated, PascalCase names otherwise', () => {
    const k = GAMES.findIndex((g) => g.id === '32982');
    expect(gameHashtag('32982', 'Grand Theft Auto V', true)).toBe(GAME_HASHTAGS[k]);
    expect(gameHashtag('32982', 'Grand Theft Auto V', false)).toBe('GrandTheftAutoV');
    expect(pascalHashtag("Tom Clancy's Rainbow Six Siege")).toBe('TomClancySRainbowSixSiege');
  });

  it('groups the OR so -is:retweet applies to both terms, and every catalog game yields a valid query', () => {
    expect(autoTrackQuery('Just Chatting', 'JustChatting')).toBe('("Just Chatting" OR #JustChatting) -is:retweet');
    expect(autoTrackQuery('Say "Hi"', 'SayHi')).toBe('("Say Hi" OR #SayHi) -is:retweet');
    expect(autoTrackQuery('ポケモン', '')).toBe('"ポケモン" -is:retweet');
    expect(autoTrackQuery('!!!', '')).toBeNull();
    GAMES.forEach((g, i) => {
      const q = autoTrackQuery(g.name, GAME_HASHTAGS[i]!);
      expect(q, g.name).not.toBeNull();
      expect(validateXQuery(q!).ok).toBe(true);
    });
  });
});
