import { GAMES } from '../twitch/catalog';

/** The tag fans actually use; everything else falls back to the name in PascalCase. */
const HASHTAG_OVERRIDES: Record<string, string> = {
  '509658': 'JustChatting',
  '32982': 'GTAV',
  '516575': 'Valorant',
  '32399': 'CS2',
  '1678052513': 'Warzone',
  '491931': 'EscapeFromTarkov',
  '515025': 'Overwatch2',
  '460630': 'RainbowSixSiege',
  '493057': 'PUBG',
  '459931': 'OSRS',
  '24241': 'FFXIV',
  '504461': 'SmashBros',
  '55453844': 'SF6',
  '538054672': 'Tekken8',
  '488634': 'HuntShowdown',
  '13389': 'AoE2',
  '21465': 'osugame',
  '1469308723': 'GameDev',
};

/** Publicly traded publishers, for the occasional $cashtag. */
const CASHTAGS: Record<string, string> = {
  '32982': 'TTWO',
  '511224': 'EA',
  '18122': 'MSFT',
  '1678052513': 'MSFT',
  '515025': 'MSFT',
  '27471': 'MSFT',
  '460630': 'UBI',
  '504461': 'NTDOY',
  '515024': 'MSFT',
};

export const GAME_HASHTAGS: readonly string[] = GAMES.map(
  (g) => HASHTAG_OVERRIDES[g.id] ?? g.name.replace(/[^A-Za-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''),
);

export const GAME_CASHTAGS: readonly (string | null)[] = GAMES.map((g) => CASHTAGS[g.id] ?? null);

export const GENERIC_HASHTAGS = ['Twitch', 'gaming', 'esports', 'streamer', 'TwitchStreamers', 'clips'];

export interface XLanguage {
  code: string;
  share: number;
  templates: readonly string[];
}

/**
 * Roughly the language mix of gaming posts on X (English-heavy, a strong Japanese share).
 * Placeholders: {game}, {streamer} (an @mention of a Twitch login), {url}; hashtags are appended.
 */
export const X_LANGUAGES: readonly XLanguage[] = [
  {
    code: 'en',
    share: 0.5,
    templates: [
      '{game} ranked is actually insane today',
      'watching {streamer} play {game} rn',
      'who else is grinding {game} tonight?',
      '{streamer} that clutch was unreal',
      'new {game} patch notes are out, thoughts? {url}',
      '{game} queue times are killing me',
      'just hit a new rank in {game} lets gooo',
      'clip of the day from {streamer} {url}',
      'is {game} worth getting back into in 2025?',
      '{streamer} is the best {game} streamer and it is not close',
    ],
  },
  {
    code: 'ja',
    share: 0.1,
    templates: ['{game}の配信見てる', '{streamer} さんの{game}配信最高', '今日も{game}やります', '{game}のアプデきた {url}'],
  },
  {
    code: 'es',
    share: 0.09,
    templates: ['viendo a {streamer} jugando {game}', '¿alguien más jugando {game} hoy?', 'qué partidazo de {game} {url}'],
  },
  {
    code: 'pt',
    share: 0.07,
    templates: ['assistindo {streamer} no {game}', '{game} tá muito bom hoje', 'live de {game} agora {url}'],
  },
  { code: 'ko', share: 0.04, templates: ['{game} 방송 재밌다', '{streamer} {game} 오늘도 대박'] },
  { code: 'fr', share: 0.04, templates: ['qui joue à {game} ce soir ?', '{streamer} en live sur {game} {url}'] },
  { code: 'de', share: 0.04, templates: ['{game} heute wieder mit {streamer}', 'wer zockt noch {game}?'] },
  { code: 'tr', share: 0.03, templates: ['{game} oynayan var mı', '{streamer} yayını efsane {game}'] },
  { code: 'in', share: 0.02, templates: ['main {game} bareng {streamer}', '{game} seru banget hari ini'] },
  { code: 'und', share: 0.07, templates: ['{url}', '🔥🔥🔥', '😂 {url}'] },
];

export const AUTHOR_FIRST = [
  'pixel', 'neo', 'kai', 'zero', 'luna', 'nova', 'echo', 'blaze', 'frost', 'max', 'sam', 'alex', 'yuki', 'hana', 'leo',
  'mia', 'ryu', 'sora', 'jay', 'nico', 'vex', 'ace', 'kira', 'rin', 'taro', 'juan', 'lucas', 'emma', 'noah', 'zoe',
];
export const AUTHOR_SECOND = [
  'gamer', 'plays', 'gg', 'tv', 'clips', 'fps', 'main', 'fan', 'hq', 'news', 'daily', 'xd', 'pro', 'bot', 'irl',
  'ttv', 'yt', 'esports', 'ow', 'lol',
];
