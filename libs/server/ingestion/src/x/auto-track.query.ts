import { validateXQuery } from '@streamscope/connectors';
import { GAME_HASHTAGS, GAMES } from '@streamscope/simulator';
import { MAX_X_QUERY_LENGTH } from './tracked-queries.service';

const SIMULATED_TAGS = new Map(GAMES.map((g, i) => [g.id, GAME_HASHTAGS[i]!]));

/** The game's name in PascalCase, the form most game hashtags take (#JustChatting, #EldenRing). */
export function pascalHashtag(name: string): string {
  return name
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/**
 * The hashtag fans use for a game: the simulator's own tag when X is simulated (so the demo
 * finds its posts), else the PascalCase name.
 */
export function gameHashtag(gameId: string, name: string, simulated: boolean): string {
  return (simulated ? SIMULATED_TAGS.get(gameId) : undefined) ?? pascalHashtag(name);
}

/**
 * `("<name>" OR #<Tag>) -is:retweet`: the parentheses matter, implicit AND binds before OR.
 * Falls back to the name or the tag alone when one of them cannot be expressed; null when neither can.
 */
export function autoTrackQuery(name: string, tag: string): string | null {
  const phrase = `"${name.replace(/"/g, ' ').replace(/\s+/g, ' ').trim()}"`;
  const hashtag = /^[\p{L}\p{N}_]+$/u.test(tag) ? `#${tag}` : null;
  const candidates = [hashtag ? `(${phrase} OR ${hashtag}) -is:retweet` : null, `${phrase} -is:retweet`, hashtag ? `${hashtag} -is:retweet` : null];
  for (const q of candidates) if (q && validateXQuery(q, { maxLength: MAX_X_QUERY_LENGTH }).ok) return q;
  return null;
}
