import { cumulate, gaussian, hash32, pickWeighted, unit } from '../rng';
import { GAMES } from '../twitch/catalog';
import type { TwitchWorld } from '../twitch/world';
import { AUTHOR_FIRST, AUTHOR_SECOND, GAME_CASHTAGS, GAME_HASHTAGS, GENERIC_HASHTAGS, X_LANGUAGES } from './x.catalog';
import { matchXQuery, textTokens, type XMatchable, type XQueryNode } from './x.query';
import type { XSimPost, XSimUser } from './x.types';

const HOUR = 3_600_000;
/** X's snowflake epoch (2010-11-04); ids = (ms - epoch) << 22 | machine << 12 | sequence. */
export const X_EPOCH_MS = 1_288_834_974_657;
const TAG = 0x58; // keeps X draws apart from the Twitch world's draws on the same seed
const AUTHORS = 40_000;
const MAX_PER_GAME_HOUR = 4095;
/** Posts per lagged Twitch viewer per hour, on top of each category's baseline chatter. */
const POSTS_PER_VIEWER = 1 / 250;
const STREAMERS_PER_GAME = 8;
/** A fixed window is how late the X crowd reacts to what it watched. */
const LAG_CHOICES_MIN = [60, 75, 90, 105, 120];

const LANG_CUM = cumulate(X_LANGUAGES.map((l) => l.share));
const GAME_INDEX = new Map(GAMES.map((g, i) => [g.id, i]));

interface HourSample {
  viewers: Float64Array;
  streamers: string[][];
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): V {
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as K);
  return value;
}

/** ids are 19-digit decimals that exceed 2^53: compare them as strings of digits, never as numbers. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function snowflakeId(ms: number, machine: number, sequence: number): string {
  return ((BigInt(ms - X_EPOCH_MS) << 22n) | (BigInt(machine & 1023) << 12n) | BigInt(sequence & 4095)).toString();
}

export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + X_EPOCH_MS;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

function base62(n: number, len: number): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let out = '';
  for (let k = 0; k < len; k++) out += alphabet[hash32(n, k) % 62];
  return out;
}

/** Assembles a post's text while recording entity spans in code points, end exclusive (contract §8). */
class TextBuilder {
  text = '';
  private cps = 0;
  readonly hashtags: XSimPost['entities']['hashtags'] = [];
  readonly mentions: XSimPost['entities']['mentions'] = [];
  readonly urls: XSimPost['entities']['urls'] = [];
  readonly cashtags: XSimPost['entities']['cashtags'] = [];

  add(piece: string): number {
    const start = this.cps;
    this.text += piece;
    this.cps += codePoints(piece);
    return start;
  }

  mention(username: string, id: string): void {
    const start = this.add(`@${username}`);
    this.mentions.push({ start, end: this.cps, username, id });
  }

  hashtag(tag: string): void {
    this.add(' ');
    const start = this.add(`#${tag}`);
    this.hashtags.push({ start, end: this.cps, tag });
  }

  cashtag(tag: string): void {
    this.add(' ');
    const start = this.add(`$${tag}`);
    this.cashtags.push({ start, end: this.cps, tag });
  }

  url(h: number): void {
    const short = `https://t.co/${base62(h, 10)}`;
    const start = this.add(short);
    const clip = `clips.twitch.tv/${base62(h ^ 0x5bd1e995, 12)}`;
    this.urls.push({ start, end: this.cps, url: short, expanded_url: `https://${clip}`, display_url: `${clip.slice(0, 24)}…` });
  }
}

/**
 * The simulated X, tied to the Twitch world: per game and hour the number of posts follows the
 * game's Twitch viewers `lagMs` earlier, times an X daily rhythm, occasional bursts and noise.
 * Every post is a pure function of (seed, hour, game, sequence), generated lazily and cached.
 */
export class XWorld {
  readonly seed: number;
  readonly lagMs: number;
  private readonly samples = new Map<number, HourSample>();
  private readonly counts = new Map<number, Int32Array>();
  private readonly hours = new Map<number, XSimPost[]>();
  private readonly matched = new Map<string, Int32Array>();
  private readonly users = new Map<number, XSimUser>();
  private readonly streamerIds = new Map<string, string>();

  constructor(readonly twitch: TwitchWorld) {
    this.seed = twitch.seed;
    this.lagMs = LAG_CHOICES_MIN[hash32(this.seed, TAG, 1) % LAG_CHOICES_MIN.length]! * 60_000;
  }

  /** The instant whose Twitch viewers drive hour h's posts. */
  sampleTime(hour: number): number {
    return hour * HOUR + HOUR / 2 - this.lagMs;
  }

  /** Index of a category in the catalog (and machine bits of its post ids). */
  gameIndex(gameId: string): number {
    const g = GAME_INDEX.get(gameId);
    if (g === undefined) throw new Error(`unknown game ${gameId}`);
    return g;
  }

  gameHashtag(gameId: string): string {
    return GAME_HASHTAGS[this.gameIndex(gameId)]!;
  }

  /** Expected posts about a game in an hour before noise. */
  rate(hour: number, g: number): number {
    const sample = this.sample(hour);
    const base = 0.2 + GAMES[g]!.weight / 160;
    const hod = ((hour % 24) + 24) % 24;
    const daily = 1 + 0.15 * Math.cos((2 * Math.PI * (hod - 21)) / 24);
    let burst = 1;
    for (let j = 0; j < 4; j++) {
      if (unit(this.seed, TAG, hour - j, g, 2) < 0.012) burst += (1.5 + 2 * unit(this.seed, TAG, hour - j, g, 3)) * Math.exp(-j / 1.2);
    }
    return (base + sample.viewers[g]! * POSTS_PER_VIEWER) * daily * burst;
  }

  /** Number of posts about each game created in hour h (whole hour, ignoring any clock). */
  countsForHour(hour: number): Int32Array {
    const cached = this.counts.get(hour);
    if (cached) return cached;
    const out = new Int32Array(GAMES.length);
    for (let g = 0; g < GAMES.length; g++) {
      const lambda = this.rate(hour, g) * Math.exp(0.1 * gaussian(this.seed, TAG, hour, g, 4) - 0.005);
      const n = Math.floor(lambda) + (unit(this.seed, TAG, hour, g, 5) < lambda - Math.floor(lambda) ? 1 : 0);
      out[g] = Math.min(MAX_PER_GAME_HOUR, n);
    }
    return remember(this.counts, hour, out, 2_000);
  }

  /** Every post created in hour h, ascending by id (= by time). */
  postsInHour(hour: number): XSimPost[] {
    const cached = this.hours.get(hour);
    if (cached) {
      this.hours.delete(hour);
      this.hours.set(hour, cached);
      return cached;
    }
    const counts = this.countsForHour(hour);
    const all: XSimPost[] = [];
    for (let g = 0; g < GAMES.length; g++) {
      const n = counts[g]!;
      const times: number[] = [];
      for (let k = 0; k < n; k++) times.push(hour * HOUR + Math.floor(unit(this.seed, TAG, hour, g, k, 6) * HOUR));
      times.sort((a, b) => a - b);
      for (let k = 0; k < n; k++) all.push(this.makePost(hour, g, k, times[k]!));
    }
    all.sort((a, b) => a.createdAt - b.createdAt || a.game - b.game || a.seq - b.seq);
    return remember(this.hours, hour, all, 240);
  }

  /** Posts with start <= created_at < end, ascending by id. */
  postsBetween(startMs: number, endMs: number): XSimPost[] {
    const out: XSimPost[] = [];
    for (let h = Math.floor(startMs / HOUR); h * HOUR < endMs; h++) {
      for (const p of this.postsInHour(h)) if (p.createdAt >= startMs && p.createdAt < endMs) out.push(p);
    }
    return out;
  }

  /** Posts of hour h matching a parsed query, ascending; cached per query text. */
  matchingInHour(queryKey: string, ast: XQueryNode, hour: number): XSimPost[] {
    const posts = this.postsInHour(hour);
    const key = `${hour}\u0000${queryKey}`;
    let idx = this.matched.get(key);
    if (!idx) {
      const picked: number[] = [];
      for (let k = 0; k < posts.length; k++) if (matchXQuery(ast, posts[k]!.match)) picked.push(k);
      idx = remember(this.matched, key, Int32Array.from(picked), 20_000);
    }
    return Array.from(idx, (k) => posts[k]!);
  }

  /** Resolves a post id back to its (hour, game, sequence); null when no such post exists. */
  postById(id: string): XSimPost | null {
    if (!/^\d{1,19}$/.test(id)) return null;
    const big = BigInt(id);
    const created = Number(big >> 22n) + X_EPOCH_MS;
    const g = Number((big >> 12n) & 1023n);
    const k = Number(big & 4095n);
    if (g >= GAMES.length || created < X_EPOCH_MS) return null;
    const hour = Math.floor(created / HOUR);
    if (k >= this.countsForHour(hour)[g]!) return null;
    const post = this.postsInHour(hour).find((p) => p.game === g && p.seq === k);
    return post && post.id === id ? post : null;
  }

  /** Engagement grows over a post's first days: a fixed final value approached exponentially. */
  metricsAt(post: XSimPost, nowMs: number): XSimPost['final'] {
    const ageH = Math.max(0, nowMs - post.createdAt) / HOUR;
    const slow = 1 - Math.exp(-ageH / 6);
    const fast = 1 - Math.exp(-ageH / 3);
    const f = post.final;
    return {
      likes: Math.floor(f.likes * slow),
      reposts: Math.floor(f.reposts * slow),
      replies: Math.floor(f.replies * fast),
      quotes: Math.floor(f.quotes * slow),
      bookmarks: Math.floor(f.bookmarks * slow),
      impressions: Math.floor(f.impressions * fast),
    };
  }

  user(idx: number): XSimUser {
    const cached = this.users.get(idx);
    if (cached) return cached;
    const s = this.seed;
    const first = AUTHOR_FIRST[hash32(s, TAG, idx, 10) % AUTHOR_FIRST.length]!;
    const second = AUTHOR_SECOND[hash32(s, TAG, idx, 11) % AUTHOR_SECOND.length]!.slice(0, 4);
    const sep = hash32(s, TAG, idx, 12) % 4 === 0 ? '_' : '';
    const username = `${first}${sep}${second}${idx}`.slice(0, 15);
    const created = Date.UTC(2009, 0, 1) + Math.floor(unit(s, TAG, idx, 13) * (Date.UTC(2025, 0, 1) - Date.UTC(2009, 0, 1)));
    // Accounts from before late 2013 kept short sequential ids; later ones are snowflakes.
    const id = created < Date.UTC(2013, 10, 1) ? String(15_000_000 + idx * 48_611 + (hash32(s, TAG, idx, 14) % 48_611)) : snowflakeId(created, idx >> 12, idx);
    const followers = Math.min(8_000_000, Math.floor(12 * Math.pow(1 - unit(s, TAG, idx, 15), -1 / 1.05)));
    const verified = followers > 200_000 || unit(s, TAG, idx, 16) < 0.04;
    const user: XSimUser = {
      index: idx,
      id,
      username,
      name: `${first[0]!.toUpperCase()}${first.slice(1)}${hash32(s, TAG, idx, 17) % 3 === 0 ? ` | ${second.toUpperCase()}` : ''}`,
      created_at: new Date(Math.floor(created / 1000) * 1000).toISOString(),
      verified,
      verified_type: verified ? 'blue' : 'none',
      public_metrics: {
        followers_count: followers,
        following_count: 20 + Math.floor(3000 * Math.pow(unit(s, TAG, idx, 18), 2)),
        tweet_count: 10 + Math.floor(Math.sqrt(followers) * 40 * unit(s, TAG, idx, 19)),
        listed_count: Math.floor(followers / 250),
        like_count: Math.floor(5000 * unit(s, TAG, idx, 20)),
      },
    };
    return remember(this.users, idx, user, AUTHORS);
  }

  /** X account id of a Twitch streamer mentioned by login. */
  streamerXId(login: string): string {
    const cached = this.streamerIds.get(login);
    if (cached) return cached;
    let h = 0;
    for (const ch of login) h = hash32(h, ch.codePointAt(0)!);
    const id = snowflakeId(Date.UTC(2016, 0, 1) + (hash32(this.seed, TAG, h, 21) % 2_000_000_000) * 100, 1000 + (h % 20), h >>> 20);
    return remember(this.streamerIds, login, id, 50_000);
  }

  private sample(hour: number): HourSample {
    const cached = this.samples.get(hour);
    if (cached) return cached;
    const t = this.sampleTime(hour);
    const viewers = new Float64Array(GAMES.length);
    for (const total of this.twitch.gameTotalsAt(t)) viewers[this.gameIndex(total.game.id)] = total.viewers;
    const streamers: string[][] = GAMES.map(() => []);
    const r = this.twitch.rankingAt(t);
    for (let k = 0; k < r.channels.length; k++) {
      const g = this.gameIndex(this.twitch.gameIdAt(r.channels[k]!, r.days[k]!, t));
      const list = streamers[g]!;
      if (list.length < STREAMERS_PER_GAME) list.push(this.twitch.login(r.channels[k]!).slice(0, 15));
    }
    return remember(this.samples, hour, { viewers, streamers }, 2_000);
  }

  private authorIndex(hour: number, g: number, k: number, part: number): number {
    // Activity is heavy-tailed too: low indices post far more often.
    return Math.floor(AUTHORS * Math.pow(unit(this.seed, TAG, hour, g, k, part), 3));
  }

  private makePost(hour: number, g: number, k: number, createdAt: number): XSimPost {
    const s = this.seed;
    const u = (part: number): number => unit(s, TAG, hour, g, k, part);
    const kindRoll = u(30);
    const kind: XSimPost['kind'] = kindRoll < 0.47 ? 'original' : kindRoll < 0.72 ? 'reply' : kindRoll < 0.8 ? 'quote' : 'retweet';
    const lang = X_LANGUAGES[pickWeighted(LANG_CUM, u(31))]!;
    const template = lang.templates[hash32(s, TAG, hour, g, k, 32) % lang.templates.length]!;
    const authorIdx = this.authorIndex(hour, g, k, 33);
    const streamers = this.sample(hour).streamers[g]!;
    const streamer =
      streamers.length > 0 ? streamers[hash32(s, TAG, hour, g, k, 34) % streamers.length]! : this.user(this.authorIndex(hour, g, k, 35)).username;
    const streamerId = streamers.length > 0 ? this.streamerXId(streamer) : this.user(this.authorIndex(hour, g, k, 35)).id;

    const b = new TextBuilder();
    let refId: string | null = null;
    let inReplyToUserId: string | null = null;
    if (kind === 'reply' || kind === 'retweet' || kind === 'quote') {
      // Referenced posts are older posts outside the generated sample (machine id 1023).
      const refAt = createdAt - Math.floor((0.05 + 6 * u(36)) * HOUR);
      refId = snowflakeId(refAt, 1023, hash32(s, TAG, hour, g, k, 37));
    }
    if (kind === 'retweet') {
      const orig = this.user(this.authorIndex(hour, g, k, 38));
      b.add('RT ');
      b.mention(orig.username, orig.id);
      b.add(': ');
    } else if (kind === 'reply') {
      const parent = this.user(this.authorIndex(hour, g, k, 39));
      inReplyToUserId = parent.id;
      b.mention(parent.username, parent.id);
      b.add(' ');
    }
    for (const part of template.split(/(\{game\}|\{streamer\}|\{url\})/)) {
      if (part === '{game}') b.add(GAMES[g]!.name);
      else if (part === '{streamer}') b.mention(streamer, streamerId);
      else if (part === '{url}') b.url(hash32(s, TAG, hour, g, k, 40));
      else b.add(part);
    }
    const tags: string[] = [];
    if (u(42) < 0.8 || lang.code === 'und') tags.push(GAME_HASHTAGS[g]!);
    if (u(43) < 0.35) tags.push(GENERIC_HASHTAGS[hash32(s, TAG, hour, g, k, 44) % GENERIC_HASHTAGS.length]!);
    for (const tag of tags) b.hashtag(tag);
    const cash = GAME_CASHTAGS[g];
    if (cash && u(45) < 0.15) b.cashtag(cash);
    const { text, hashtags, mentions, urls, cashtags } = b;

    const id = snowflakeId(createdAt, g, k);
    const author = this.user(authorIdx);
    const followers = author.public_metrics.followers_count;
    const likes = kind === 'retweet' ? 0 : Math.floor(0.04 * Math.pow(followers, 0.75) * Math.exp(1.1 * gaussian(s, TAG, hour, g, k, 46)));
    const tokens = textTokens(text);
    const match: XMatchable = {
      joined: ` ${tokens.join(' ')} `,
      hashtags: hashtags.map((h) => h.tag.toLowerCase()),
      mentions: mentions.map((m) => m.username.toLowerCase()),
      cashtags: cashtags.map((c) => c.tag.toLowerCase()),
      author: author.username.toLowerCase(),
      lang: lang.code,
      kind,
    };
    return {
      id,
      createdAt,
      game: g,
      seq: k,
      kind,
      lang: lang.code,
      authorIdx,
      authorId: author.id,
      text,
      entities: { hashtags, mentions, urls, cashtags },
      refId,
      inReplyToUserId,
      conversationId: kind === 'reply' ? refId! : id,
      final:
        kind === 'retweet'
          ? { likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 0 }
          : {
              likes,
              reposts: Math.floor(likes * (0.08 + 0.1 * u(47))),
              replies: Math.floor(likes * (0.04 + 0.08 * u(48))),
              quotes: Math.floor(likes * 0.02 * u(49)),
              bookmarks: Math.floor(likes * 0.06 * u(50)),
              impressions: 20 + Math.floor(likes * (30 + 40 * u(51)) + followers * 0.05 * u(52)),
            },
      match,
    };
  }
}
