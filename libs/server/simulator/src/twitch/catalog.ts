/**
 * Real Twitch categories with their Helix ids. Weights approximate each category's share of
 * live channels (heavy-tailed: Just Chatting dwarfs the long tail), and `igdb` is the IGDB id
 * string Helix returns ("" for non-game categories).
 */
export interface CatalogGame {
  id: string;
  name: string;
  weight: number;
  igdb: string;
  /** Box art files of IGDB-sourced games carry an `_IGDB` suffix in real responses. */
  igdbArt: boolean;
}

const g = (id: string, name: string, weight: number, igdb = '', igdbArt = igdb !== ''): CatalogGame => ({
  id,
  name,
  weight,
  igdb,
  igdbArt,
});

export const GAMES: readonly CatalogGame[] = [
  g('509658', 'Just Chatting', 1400),
  g('32982', 'Grand Theft Auto V', 520, '1020'),
  g('21779', 'League of Legends', 480, '115', false),
  g('516575', 'VALORANT', 360, '126459', false),
  g('32399', 'Counter-Strike', 330, '242408', false),
  g('33214', 'Fortnite', 300, '1905', false),
  g('27471', 'Minecraft', 290, '121', false),
  g('29595', 'Dota 2', 200, '2963', false),
  g('18122', 'World of Warcraft', 190, '123', false),
  g('511224', 'Apex Legends', 180, '114795', false),
  g('1678052513', 'Call of Duty: Warzone', 170, '131800'),
  g('491931', 'Escape from Tarkov', 140, '26758', false),
  g('515025', 'Overwatch 2', 130, '125174'),
  g('509663', 'Special Events', 120),
  g('498566', 'Slots', 115),
  g('491487', 'Dead by Daylight', 110, '18866', false),
  g('263490', 'Rust', 105, '3277', false),
  g('26936', 'Music', 100),
  g('509660', 'Art', 90),
  g('138585', 'Hearthstone', 85, '1279', false),
  g('513143', 'Teamfight Tactics', 80, '119306', false),
  g('30921', 'Rocket League', 78, '11198', false),
  g('460630', "Tom Clancy's Rainbow Six Siege", 75, '7360', false),
  g('493057', 'PUBG: BATTLEGROUNDS', 70, '27789', false),
  g('512953', 'Elden Ring', 66, '119133'),
  g('513181', 'Genshin Impact', 64, '119277'),
  g('515024', 'Diablo IV', 60, '125165'),
  g('29307', 'Path of Exile', 58, '1911'),
  g('459931', 'Old School RuneScape', 55, '79824', false),
  g('24241', 'Final Fantasy XIV Online', 52, '9174', false),
  g('417752', 'Talk Shows & Podcasts', 50),
  g('509659', 'ASMR', 48),
  g('497057', 'Destiny 2', 46, '25657', false),
  g('490377', 'Sea of Thieves', 44, '11137', false),
  g('743', 'Chess', 42, '35283', false),
  g('27284', 'Retro', 40),
  g('518203', 'Sports', 40),
  g('488190', 'Poker', 38),
  g('1469308723', 'Software and Game Development', 36),
  g('518184', 'Phasmophobia', 34, '135400'),
  g('504461', 'Super Smash Bros. Ultimate', 33, '90101'),
  g('55453844', 'Street Fighter 6', 32, '191692'),
  g('538054672', 'TEKKEN 8', 30, '228530'),
  g('490100', 'Lost Ark', 29, '25614'),
  g('31376', 'Terraria', 28, '1879', false),
  g('490744', 'Stardew Valley', 27, '17000', false),
  g('510218', 'Among Us', 26, '111469'),
  g('512980', 'Fall Guys', 25, '119317'),
  g('65876', 'Cyberpunk 2077', 24, '1877', false),
  g('66170', 'Warframe', 24, '5433', false),
  g('488634', 'Hunt: Showdown 1896', 22, '26762'),
  g('489635', 'ARK: Survival Evolved', 21, '8717'),
  g('490422', 'StarCraft II', 20, '239', false),
  g('13389', 'Age of Empires II: Definitive Edition', 19, '103281'),
  g('21465', 'osu!', 18, '3012', false),
  g('369418', 'GeoGuessr', 17, '25096'),
  g('19619', 'Tibia', 16, '1992', false),
  g('509672', 'Travel & Outdoors', 15),
  g('509667', 'Food & Drink', 14),
  g('509673', 'Makers & Crafting', 12),
  g('66082', 'Games + Demos', 11),
  g('116747788', 'Pools, Hot Tubs, and Beaches', 10),
];

export interface CatalogLanguage {
  code: string;
  share: number;
  /** UTC hour at which this audience's evening peaks. */
  peakHourUtc: number;
  tag: string;
}

export const LANGUAGES: readonly CatalogLanguage[] = [
  { code: 'en', share: 0.45, peakHourUtc: 22, tag: 'English' },
  { code: 'es', share: 0.1, peakHourUtc: 23, tag: 'Español' },
  { code: 'pt', share: 0.07, peakHourUtc: 22, tag: 'Português' },
  { code: 'de', share: 0.06, peakHourUtc: 19, tag: 'Deutsch' },
  { code: 'ru', share: 0.06, peakHourUtc: 17, tag: 'Русский' },
  { code: 'fr', share: 0.05, peakHourUtc: 19, tag: 'Français' },
  { code: 'ja', share: 0.05, peakHourUtc: 12, tag: '日本語' },
  { code: 'ko', share: 0.03, peakHourUtc: 12, tag: '한국어' },
  { code: 'it', share: 0.03, peakHourUtc: 19, tag: 'Italiano' },
  { code: 'zh', share: 0.02, peakHourUtc: 13, tag: '中文' },
  { code: 'tr', share: 0.02, peakHourUtc: 18, tag: 'Türkçe' },
  { code: 'pl', share: 0.02, peakHourUtc: 19, tag: 'Polski' },
  { code: 'other', share: 0.04, peakHourUtc: 18, tag: 'Other' },
];

export const LOGIN_ADJECTIVES = [
  'lazy', 'swift', 'dark', 'pixel', 'retro', 'cosmic', 'salty', 'lucky', 'silent', 'crimson',
  'frozen', 'golden', 'mighty', 'shadow', 'sleepy', 'toxic', 'turbo', 'wild', 'neon', 'iron',
  'chill', 'hyper', 'mystic', 'royal', 'rusty', 'sneaky', 'spicy', 'stormy', 'tiny', 'epic',
  'fuzzy', 'grumpy', 'happy', 'jolly', 'noble', 'quick', 'rapid', 'savage', 'solar', 'lunar',
];

export const LOGIN_NOUNS = [
  'wolf', 'gamer', 'panda', 'knight', 'ninja', 'dragon', 'fox', 'tiger', 'otter', 'raven',
  'pilot', 'wizard', 'goblin', 'falcon', 'viking', 'samurai', 'bear', 'shark', 'cat', 'owl',
  'rider', 'hunter', 'sniper', 'bandit', 'monk', 'ghost', 'titan', 'rogue', 'mage', 'sloth',
  'bunny', 'duck', 'moose', 'yeti', 'kraken', 'phoenix', 'golem', 'robot', 'cactus', 'toast',
];

export const TITLE_TEMPLATES = [
  '{game} grind | !discord',
  'chill {game} stream',
  'DAY {n} of {game} until I win',
  'ranked {game} w/ viewers | !socials',
  'first time playing {game}!!',
  'late night {game} :)',
  '{game} — road to top 500',
  'NEW UPDATE {game} | !drops',
  'just vibing | {game}',
  '24h stream? {game} then chatting',
  'subathon day {n} | {game}',
  '{game} with the squad\n',
];

export const EXTRA_TAGS = [
  'FPS', 'Chill', 'Competitive', 'Funny', 'Casual', 'Speedrun', 'NoBackseating', 'Esports',
  'Roleplay', 'Interactive', 'Cozy', 'Horror', 'Strategy', 'PvP', 'LGBTQIAPlus', 'Vtuber',
];
