import { cumulate, gaussian, hash32, pickWeighted, unit } from '../rng';
import { EXTRA_TAGS, GAMES, LANGUAGES, LOGIN_ADJECTIVES, LOGIN_NOUNS, TITLE_TEMPLATES } from './catalog';
import type { SimGame, SimStream, SimUser } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Viewer counts are evaluated per slice so repeated calls within it agree (and are cheap). */
export const SLICE_MS = 1_000;
/**
 * The /streams ranking (the cursor's score) is rebuilt once per minute, like a cached index:
 * pages within a minute seek on a stable order while the viewer_count they show keeps drifting.
 */
export const RANK_EPOCH_MS = MINUTE;
const STREAM_ID_STRIDE = 2_000_000;
const USER_ID_BASE = 20_000_000;
const USER_ID_STRIDE = 37;

// Pareto popularity: median ≈ X_M·2^(1/α) ≈ 4.8, and the top of a few thousand live channels
// lands in the tens of thousands; the soft cap keeps a 100k-channel world from minting millions.
const X_M = 2;
const ALPHA = 1.0;
/**
 * Soft cap of a channel's audience at full Twitch scale (100,000 live channels). Smaller worlds
 * scale it down so no single broadcast carries a large share of a small platform: a 3,000
 * channel demo then looks like Twitch in miniature instead of one streamer and a crowd.
 */
const POP_SOFT_CAP = 40_000;
const FULL_SCALE_CHANNELS = 100_000;
export function popularityCap(channels: number): number {
  return POP_SOFT_CAP * Math.min(1, Math.sqrt(channels / FULL_SCALE_CHANNELS));
}

const GAME_CUM = cumulate(GAMES.map((game) => game.weight));
const LANG_CUM = cumulate(LANGUAGES.map((l) => l.share));
const JUST_CHATTING = GAMES.findIndex((game) => game.id === '509658');
/** Inverse of the login scramble stride 13 modulo the noun count. */
const INV13 = (() => {
  for (let x = 1; x < LOGIN_NOUNS.length; x++) if ((13 * x) % LOGIN_NOUNS.length === 1) return x;
  throw new Error('login stride must be coprime with the noun count');
})();

interface ChannelTraits {
  pop: number;
  lang: number;
  gameA: number;
  gameB: number;
  offsetMin: number;
  pStream: number;
}

/** Minutes since the epoch; a channel without a broadcast has start = NO_START, end = 0. */
interface DayBroadcasts {
  start: Int32Array;
  end: Int32Array;
}

const NO_START = 2 ** 31 - 1;

export interface Ranking {
  epochStart: number;
  channels: Int32Array;
  days: Int32Array;
  /** Descending, unique: floor(viewers at epoch start) + a per-channel fraction. */
  scores: Float64Array;
}

export interface GameTotal {
  game: SimGame;
  viewers: number;
  streams: number;
}

function traitsFor(seed: number, i: number, popQuantile: number, cap: number): ChannelTraits {
  const raw = X_M * Math.pow(popQuantile, -1 / ALPHA);
  const pop = raw / (1 + raw / cap);
  const lang = pickWeighted(LANG_CUM, unit(seed, i, 2));
  const gameA = pickWeighted(GAME_CUM, unit(seed, i, 3));
  let gameB = pickWeighted(GAME_CUM, unit(seed, i, 4));
  if (gameB === gameA) gameB = gameA === JUST_CHATTING ? (gameA + 1) % GAMES.length : JUST_CHATTING;
  // Half the channels keep their audience's evening; the rest stream at any hour (other time
  // zones, night shifts), which keeps the daily trough at roughly a third of the peak.
  const offsetMin =
    unit(seed, i, 6) < 0.55 ? (unit(seed, i, 7) - 0.5) * 1440 : Math.max(-600, Math.min(600, gaussian(seed, i, 5) * 200));
  const pStream = Math.min(0.92, 0.38 + 0.09 * Math.log10(1 + pop));
  return { pop, lang, gameA, gameB, offsetMin, pStream };
}

/** One day's raw (not yet overlap-checked) broadcast of a channel: [start, end) in ms, or null. */
function rawBroadcast(seed: number, i: number, d: number, t: ChannelTraits): [number, number] | null {
  if (unit(seed, i, d, 10) >= t.pStream) return null;
  const durMin = 60 + Math.round(420 * Math.pow(unit(seed, i, d, 11), 1.5));
  const peak = peakMinute(t.lang);
  const jitter = gaussian(seed, i, d, 12) * 75;
  const startMin = (((Math.round(peak - durMin / 2 + t.offsetMin + jitter) % 1440) + 1440) % 1440);
  const start = d * DAY + startMin * MINUTE;
  return [start, start + durMin * MINUTE];
}

/**
 * Channels keep their audience's evening only loosely (global audiences, night owls), so each
 * language's schedule is pulled part-way toward a shared 20:00 UTC centre.
 */
function peakMinute(lang: number): number {
  let diff = LANGUAGES[lang]!.peakHourUtc - 20;
  if (diff > 12) diff -= 24;
  if (diff < -12) diff += 24;
  return (20 + 0.6 * diff) * 60;
}

/** Share of the hour-of-day audience for a language: evening peak, early-morning trough. */
function audience(lang: number, t: number): number {
  const hour = (t % DAY) / 3_600_000;
  return 0.7 + 0.3 * Math.cos((2 * Math.PI * (hour - LANGUAGES[lang]!.peakHourUtc)) / 24);
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Keeps the newest `limit` entries of a Map used as a cache. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): V {
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as K);
  return value;
}

/**
 * The simulated Twitch: a pure function of (seed, time). `channels` is the number of live
 * streams at the daily peak; the channel population is larger because most channels are
 * offline at any moment.
 */
export class TwitchWorld {
  readonly seed: number;
  readonly channels: number;
  readonly population: number;
  readonly games: readonly SimGame[];
  private readonly pop: Float64Array;
  private readonly lang: Uint8Array;
  private readonly gameA: Uint8Array;
  private readonly gameB: Uint8Array;
  private readonly offsetMin: Float32Array;
  private readonly pStream: Float32Array;
  private readonly rawDays = new Map<number, DayBroadcasts>();
  private readonly validDays = new Map<number, DayBroadcasts>();
  private readonly rankings = new Map<number, Ranking>();
  private readonly gameTotals = new Map<number, GameTotal[]>();

  constructor(seed: number, channels: number) {
    if (!Number.isInteger(channels) || channels < 1) throw new Error('channels must be a positive integer');
    this.seed = seed | 0;
    this.channels = channels;
    this.population = Math.max(channels, Math.ceil(channels / this.peakLiveFraction()));
    if (this.population >= STREAM_ID_STRIDE) throw new Error(`channels=${channels} is too large for the simulator`);
    const n = this.population;
    const cap = popularityCap(channels);
    this.pop = new Float64Array(n);
    this.lang = new Uint8Array(n);
    this.gameA = new Uint8Array(n);
    this.gameB = new Uint8Array(n);
    this.offsetMin = new Float32Array(n);
    this.pStream = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      // Stratified quantiles make the heavy tail exist by construction, not by luck.
      const t = traitsFor(this.seed, i, (i + unit(this.seed, i, 1)) / n, cap);
      this.pop[i] = t.pop;
      this.lang[i] = t.lang;
      this.gameA[i] = t.gameA;
      this.gameB[i] = t.gameB;
      this.offsetMin[i] = t.offsetMin;
      this.pStream[i] = t.pStream;
    }
    this.games = GAMES.map((game) => ({
      id: game.id,
      name: game.name,
      box_art_url: `https://static-cdn.jtvnw.net/ttv-boxart/${game.id}${game.igdbArt ? '_IGDB' : ''}-{width}x{height}.jpg`,
      igdb_id: game.igdb,
    }));
  }

  /** The truth for tests: every live stream at `date`, sorted by viewer_count desc. */
  liveStreamsAt(date: Date): SimStream[] {
    const t = date.getTime();
    const r = this.rankingAt(t);
    const out: { s: SimStream; score: number }[] = [];
    for (let k = 0; k < r.channels.length; k++) {
      out.push({ s: this.streamAt(r.channels[k]!, r.days[k]!, t), score: r.scores[k]! });
    }
    out.sort((a, b) => b.s.viewer_count - a.s.viewer_count || b.score - a.score);
    return out.map((o) => o.s);
  }

  /** The minute's /streams order. Cached: a page request never recomputes the world. */
  rankingAt(t: number): Ranking {
    const epochStart = Math.floor(t / RANK_EPOCH_MS) * RANK_EPOCH_MS;
    const cached = this.rankings.get(epochStart);
    if (cached) return cached;
    const dayIdx = Math.floor(epochStart / DAY);
    const minute = epochStart / MINUTE;
    const chans: number[] = [];
    const days: number[] = [];
    for (const d of [dayIdx - 1, dayIdx]) {
      const v = this.validDay(d);
      for (let i = 0; i < this.population; i++) {
        // Broadcasts start and end on whole minutes, so liveness is constant within the epoch.
        if (v.start[i]! <= minute && minute < v.end[i]!) {
          chans.push(i);
          days.push(d);
        }
      }
    }
    const scores = new Float64Array(chans.length);
    for (let k = 0; k < chans.length; k++) scores[k] = this.score(chans[k]!, days[k]!, epochStart);
    const order = Array.from(chans.keys()).sort((a, b) => scores[b]! - scores[a]!);
    const ranking: Ranking = {
      epochStart,
      channels: Int32Array.from(order, (k) => chans[k]!),
      days: Int32Array.from(order, (k) => days[k]!),
      scores: Float64Array.from(order, (k) => scores[k]!),
    };
    return remember(this.rankings, epochStart, ranking, 6);
  }

  streamAt(i: number, d: number, tRaw: number): SimStream {
    const t = Math.floor(tRaw / SLICE_MS) * SLICE_MS;
    const v = this.validDay(d);
    const start = v.start[i]! * MINUTE;
    const end = v.end[i]! * MINUTE;
    const game = this.games[this.gameIndexAt(i, d, start, end, t)]!;
    const login = this.login(i);
    const lang = LANGUAGES[this.lang[i]!]!;
    const template = TITLE_TEMPLATES[hash32(this.seed, i, d, 20) % TITLE_TEMPLATES.length]!;
    const title = template.replace('{game}', game.name).replace('{n}', String(1 + (hash32(this.seed, i, d, 21) % 90)));
    const tags = [lang.tag];
    const extra = hash32(this.seed, i, 22) % 4;
    for (let k = 0; k < extra; k++) {
      const tag = EXTRA_TAGS[hash32(this.seed, i, 23, k) % EXTRA_TAGS.length]!;
      if (!tags.includes(tag)) tags.push(tag);
    }
    return {
      id: this.streamId(i, d),
      user_id: this.userId(i),
      user_login: login,
      user_name: this.displayName(i),
      game_id: game.id,
      game_name: game.name,
      type: 'live',
      title,
      viewer_count: Math.max(0, Math.floor(this.viewers(i, d, start, end, t))),
      started_at: isoSeconds(start),
      language: lang.code,
      thumbnail_url: `https://static-cdn.jtvnw.net/previews-ttv/live_user_${login}-{width}x{height}.jpg`,
      tag_ids: [],
      tags,
      is_mature: false,
    };
  }

  /** Per-category totals at a slice, most viewers first (zero-viewer categories by weight after). */
  gameTotalsAt(tRaw: number): GameTotal[] {
    const t = Math.floor(tRaw / SLICE_MS) * SLICE_MS;
    const cached = this.gameTotals.get(t);
    if (cached) return cached;
    const viewers = new Float64Array(GAMES.length);
    const streams = new Float64Array(GAMES.length);
    const r = this.rankingAt(t);
    for (let k = 0; k < r.channels.length; k++) {
      const i = r.channels[k]!;
      const d = r.days[k]!;
      const v = this.validDay(d);
      const start = v.start[i]! * MINUTE;
      const end = v.end[i]! * MINUTE;
      const g = this.gameIndexAt(i, d, start, end, t);
      viewers[g]! += Math.max(0, Math.floor(this.viewers(i, d, start, end, t)));
      streams[g]! += 1;
    }
    const totals = this.games
      .map((game, g) => ({ game, viewers: viewers[g]!, streams: streams[g]!, weight: GAMES[g]!.weight }))
      .sort((a, b) => b.viewers - a.viewers || b.weight - a.weight)
      .map(({ game, viewers: v, streams: s }) => ({ game, viewers: v, streams: s }));
    return remember(this.gameTotals, t, totals, 8);
  }

  /** Game of the live stream in a ranking entry at time t (used by the game_id filter). */
  gameIdAt(i: number, d: number, t: number): string {
    const v = this.validDay(d);
    return GAMES[this.gameIndexAt(i, d, v.start[i]! * MINUTE, v.end[i]! * MINUTE, Math.floor(t / SLICE_MS) * SLICE_MS)]!.id;
  }

  languageOf(i: number): string {
    return LANGUAGES[this.lang[i]!]!.code;
  }

  streamId(i: number, d: number): string {
    return String(d * STREAM_ID_STRIDE + i);
  }

  userId(i: number): string {
    return String(USER_ID_BASE + i * USER_ID_STRIDE + (hash32(this.seed, i, 30) % USER_ID_STRIDE));
  }

  channelByUserId(id: string): number | null {
    if (!/^\d+$/.test(id)) return null;
    const i = Math.floor((Number(id) - USER_ID_BASE) / USER_ID_STRIDE);
    return i >= 0 && i < this.population && this.userId(i) === id ? i : null;
  }

  login(i: number): string {
    const a = i % LOGIN_ADJECTIVES.length;
    const q = Math.floor(i / LOGIN_ADJECTIVES.length);
    // Coprime stride scrambles neighbours while staying a bijection on (a, q mod nouns).
    const b = (q * 13 + a) % LOGIN_NOUNS.length;
    const k = Math.floor(q / LOGIN_NOUNS.length);
    const sep = hash32(this.seed, i, 31) % 5 === 0 ? '_' : '';
    return `${LOGIN_ADJECTIVES[a]}${sep}${LOGIN_NOUNS[b]}${k > 0 ? k : ''}`;
  }

  /** Inverts login(): adjective, optional "_", noun, then the block number. */
  channelByLogin(raw: string): number | null {
    const login = raw.toLowerCase();
    const A = LOGIN_ADJECTIVES.length;
    const N = LOGIN_NOUNS.length;
    for (let a = 0; a < A; a++) {
      const adj = LOGIN_ADJECTIVES[a]!;
      if (!login.startsWith(adj)) continue;
      const rest = login.slice(adj.length).replace(/^_/, '');
      for (let b = 0; b < N; b++) {
        const noun = LOGIN_NOUNS[b]!;
        if (!rest.startsWith(noun)) continue;
        const digits = rest.slice(noun.length);
        if (digits !== '' && !/^[1-9]\d*$/.test(digits)) continue;
        const k = digits === '' ? 0 : Number(digits);
        // b = (qmod·13 + a) mod N, so qmod = (b - a)·13⁻¹ mod N
        const qmod = ((((b - a) % N) + N) % N * INV13) % N;
        const i = (k * N + qmod) * A + a;
        if (i < this.population && this.login(i) === login) return i;
      }
    }
    return null;
  }

  displayName(i: number): string {
    const login = this.login(i);
    if (hash32(this.seed, i, 32) % 3 === 0) return login;
    return login.replace(/(^|_)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
  }

  user(i: number): SimUser {
    const login = this.login(i);
    const pop = this.pop[i]!;
    const hex = (hash32(this.seed, i, 33).toString(16) + hash32(this.seed, i, 34).toString(16)).padStart(16, '0');
    const created = Date.UTC(2008, 0, 1) + Math.floor(unit(this.seed, i, 35) * (Date.UTC(2024, 6, 1) - Date.UTC(2008, 0, 1)));
    const game = GAMES[this.gameA[i]!]!;
    return {
      id: this.userId(i),
      login,
      display_name: this.displayName(i),
      type: '',
      broadcaster_type: pop > 800 ? 'partner' : pop > 3 || unit(this.seed, i, 36) < 0.3 ? 'affiliate' : '',
      description: unit(this.seed, i, 37) < 0.2 ? '' : `${game.name} streamer. ${LANGUAGES[this.lang[i]!]!.tag} stream, come hang out!`,
      profile_image_url: `https://static-cdn.jtvnw.net/jtv_user_pictures/${login}-profile_image-${hex}-300x300.png`,
      offline_image_url:
        unit(this.seed, i, 38) < 0.5 ? '' : `https://static-cdn.jtvnw.net/jtv_user_pictures/${hex}-channel_offline_image-1920x1080.jpeg`,
      view_count: 0,
      created_at: isoSeconds(Math.floor(created / 1000) * 1000),
    };
  }

  /** Mean daily-peak live fraction for this seed's channel model, measured on a sample. */
  private peakLiveFraction(): number {
    const sample = 3000;
    const d0 = 20_000;
    const days = 3;
    const counts = new Float64Array(days * 96);
    for (let s = 0; s < sample; s++) {
      const i = 50_000_000 + s;
      const traits = traitsFor(this.seed, i, (s + 0.5) / sample, popularityCap(this.channels));
      const raws = new Map<number, [number, number] | null>();
      for (let d = d0 - 2; d < d0 + days; d++) raws.set(d, rawBroadcast(this.seed, i, d, traits));
      for (let d = d0 - 1; d < d0 + days; d++) {
        const b = raws.get(d);
        const prev = raws.get(d - 1);
        if (!b || (prev && prev[1] > b[0])) continue;
        for (let k = 0; k < counts.length; k++) {
          const t = d0 * DAY + k * 15 * MINUTE;
          if (b[0] <= t && t < b[1]) counts[k]! += 1;
        }
      }
    }
    let sum = 0;
    for (let day = 0; day < days; day++) sum += Math.max(...counts.subarray(day * 96, day * 96 + 96));
    return sum / days / sample;
  }

  private rawDay(d: number): DayBroadcasts {
    const cached = this.rawDays.get(d);
    if (cached) return cached;
    const n = this.population;
    const start = new Int32Array(n).fill(NO_START);
    const end = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const b = rawBroadcast(this.seed, i, d, {
        pop: this.pop[i]!,
        lang: this.lang[i]!,
        gameA: this.gameA[i]!,
        gameB: this.gameB[i]!,
        offsetMin: this.offsetMin[i]!,
        pStream: this.pStream[i]!,
      });
      if (b) {
        start[i] = b[0] / MINUTE;
        end[i] = b[1] / MINUTE;
      }
    }
    return remember(this.rawDays, d, { start, end }, 4);
  }

  /** A day's broadcasts minus those that would overlap the previous day's (the channel is still live). */
  private validDay(d: number): DayBroadcasts {
    const cached = this.validDays.get(d);
    if (cached) return cached;
    const raw = this.rawDay(d);
    const prev = this.rawDay(d - 1);
    const start = Int32Array.from(raw.start);
    const end = Int32Array.from(raw.end);
    for (let i = 0; i < this.population; i++) {
      if (prev.end[i]! > raw.start[i]!) {
        start[i] = NO_START;
        end[i] = 0;
      }
    }
    return remember(this.validDays, d, { start, end }, 4);
  }

  private gameIndexAt(i: number, d: number, start: number, end: number, t: number): number {
    const u = unit(this.seed, i, d, 40);
    if (u < 0.2) return this.gameB[i]!;
    if (u < 0.45) {
      const switchAt = start + (end - start) * (0.2 + 0.6 * unit(this.seed, i, d, 41));
      return t < switchAt ? this.gameA[i]! : this.gameB[i]!;
    }
    return this.gameA[i]!;
  }

  /** Smooth in t: ramp-up after going live, evening audience, a slow wobble of a few % per minute. */
  private viewers(i: number, d: number, start: number, end: number, t: number): number {
    const elapsedMin = (t - start) / MINUTE;
    const remainingMin = (end - t) / MINUTE;
    const ramp = 1 - Math.exp(-Math.max(0, elapsedMin) / 12);
    const tail = remainingMin < 15 ? 0.8 + (0.2 * Math.max(0, remainingMin)) / 15 : 1;
    const bmult = 0.7 + 0.6 * unit(this.seed, i, d, 42);
    const p1 = unit(this.seed, i, d, 43) * 2 * Math.PI;
    const p2 = unit(this.seed, i, d, 44) * 2 * Math.PI;
    const wobble = 1 + 0.04 * Math.sin((2 * Math.PI * t) / (17 * MINUTE) + p1) + 0.025 * Math.sin((2 * Math.PI * t) / (6.1 * MINUTE) + p2);
    return this.pop[i]! * audience(this.lang[i]!, t) * bmult * ramp * tail * wobble;
  }

  private score(i: number, d: number, epochStart: number): number {
    const v = this.validDay(d);
    const base = Math.max(0, Math.floor(this.viewers(i, d, v.start[i]! * MINUTE, v.end[i]! * MINUTE, epochStart)));
    // Unique per channel (two broadcasts of one channel are never live together), so the
    // seek cursor never lands between equal scores.
    const frac = ((hash32(this.seed, i, 45) % 1000) * this.population + i + 0.5) / (1000 * this.population);
    return base + frac;
  }
}
