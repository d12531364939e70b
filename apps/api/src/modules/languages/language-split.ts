import type { TwitchBreakdownRepository } from '@streamscope/db';
import type { LanguageShare } from './language-share.types';

/** Every language of one game, ranked by hours watched (a game has at most a few dozen languages). */
export async function gameLanguageSplit(breakdown: TwitchBreakdownRepository, gameId: string, from: Date, to: Date): Promise<LanguageShare[]> {
  const r = await breakdown.rankKeys({ from, to, dimension: 'language', filter: { gameIds: [gameId] }, by: 'hoursWatched', limit: 1000, offset: 0 });
  const total = r.rows.reduce((a, x) => a + x.viewerSeconds, 0);
  return r.rows.map((x) => ({ language: x.key, hoursWatched: x.viewerSeconds / 3600, share: total > 0 ? x.viewerSeconds / total : 0 }));
}
