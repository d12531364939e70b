import type { StreamObservation } from './sweep.repository';

/**
 * What one SweepRepository last wrote for each broadcast and channel of the newest sweep, so the
 * next sweep sends the database only the broadcasts and channels that started or changed (a few
 * percent of 100,000) instead of checking every one there.
 *
 * It only ever narrows what is checked: a broadcast it calls unchanged is certain to be stored
 * with these attributes, because
 * - it is filled after commit, from a sweep newer than every stored sweep;
 * - it is used only when the sweep just before the one being written is the one it was filled
 *   from (checked inside the writing transaction, under the sweep lock), so no other writer has
 *   stored a newer sweep in between;
 * - late sweeps (older than the newest) never overwrite titles, tags or languages and only add
 *   games, so the games it remembers stay a subset of the stored ones.
 * Channel names are also written by the metadata job; the sweep rewrites them only when what it
 * observes changes. A channel with two broadcasts in one sweep (rare) is written with the first
 * one's names; each broadcast's entry keeps the names it observed.
 */
/** Which rows of a sweep to check against the stored broadcasts and channels. */
export interface Changed {
  /** Indexes into the sweep's rows. */
  rows: number[];
  /** One observation per channel whose names may differ from the stored ones. */
  channels: StreamObservation[];
}

/** The first observation of each channel (a channel is written once per statement). */
export function firstPerChannel(rows: readonly StreamObservation[]): StreamObservation[] {
  const seen = new Set<string>();
  return rows.filter((o) => {
    const before = seen.size;
    seen.add(o.channelId);
    return seen.size !== before;
  });
}

/** What changed() finds: each row's entry (for remember()) and what to check in the database. */
export interface Lookup {
  entries: Array<CacheEntry | undefined>;
  changed: Changed;
}

/** A broadcast as stored, and the names stored for its channel. */
export interface CacheEntry {
  title: string;
  tags: readonly string[];
  language: string;
  games: string[];
  login: string;
  name: string;
  gen: number;
}

export class SweepCache {
  private ts: string | null = null;
  private gen = 0;
  // One entry per live broadcast, updated in place and pruned now and then: no per-sweep copy of
  // 100,000 entries, one lookup per row. An entry left from a broadcast missing in the last sweep
  // still vouches for the broadcast's own attributes (only a sweep that shows the broadcast writes
  // them), not for its channel's names.
  private readonly broadcasts = new Map<string, CacheEntry>();

  /** Broadcasts remembered (those of the last sweep, and ended ones until the next pruning). */
  get size(): number {
    return this.broadcasts.size;
  }

  /** Whether the cache describes the database as it is after the sweep at `previousTs`. */
  validAfter(previousTs: string | null): boolean {
    return this.ts !== null && previousTs === this.ts;
  }

  entries(rows: readonly StreamObservation[]): Array<CacheEntry | undefined> {
    return rows.map((o) => this.broadcasts.get(o.streamId));
  }

  /**
   * The rows whose broadcast is not cached or differs (title, tags, language, a game not stored),
   * and the channels whose names differ from the cached ones. `gameIds` are the stored form ('0'
   * for no category). Also returns each row's entry, for remember().
   */
  changed(rows: readonly StreamObservation[], gameIds: readonly string[]): Lookup {
    const found = this.start(rows.length);
    this.scan(rows, gameIds, 0, rows.length, found);
    return this.finish(found);
  }

  /**
   * The same, a slice at a time, giving the event loop a turn between slices: run while a COPY is
   * on its way, the socket keeps being fed and the server works while this compares.
   */
  async changedInSlices(rows: readonly StreamObservation[], gameIds: readonly string[], slice = 8_192): Promise<Lookup> {
    const found = this.start(rows.length);
    for (let from = 0; from < rows.length; from += slice) {
      this.scan(rows, gameIds, from, Math.min(rows.length, from + slice), found);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.finish(found);
  }

  private start(n: number): Lookup {
    return { entries: new Array<CacheEntry | undefined>(n), changed: { rows: [], channels: [] } };
  }

  private scan(rows: readonly StreamObservation[], gameIds: readonly string[], from: number, to: number, found: Lookup): void {
    const { entries, changed } = found;
    for (let i = from; i < to; i++) {
      const o = rows[i]!;
      const b = this.broadcasts.get(o.streamId);
      entries[i] = b;
      const gameId = gameIds[i]!;
      const same = b !== undefined && b.title === o.title && b.language === o.language && sameTags(b.tags, o.tags) && (gameId === '0' || b.games.includes(gameId));
      if (!same) changed.rows.push(i);
      // Channel names only from an entry of the last sweep: another broadcast of the channel may
      // have renamed it since an older entry was written.
      if (b === undefined || b.gen !== this.gen || b.login !== o.channelLogin || b.name !== o.channelName) changed.channels.push(o);
    }
  }

  private finish(found: Lookup): Lookup {
    // A channel with two live broadcasts would otherwise come twice (a few of thousands).
    found.changed.channels = firstPerChannel(found.changed.channels);
    return found;
  }

  /**
   * After a committed sweep newer than every stored one: its broadcasts and channels as now
   * stored. Keeps references to the observations' strings and tag arrays (not copied).
   */
  remember(ts: string, rows: readonly StreamObservation[], gameIds: readonly string[], cached: ReadonlyArray<CacheEntry | undefined>): void {
    const gen = ++this.gen;
    for (let i = 0; i < rows.length; i++) {
      const o = rows[i]!;
      const gameId = gameIds[i]!;
      const b = cached[i];
      if (!b) {
        const games = gameId === '0' ? [] : [gameId];
        this.broadcasts.set(o.streamId, { title: o.title, tags: o.tags, language: o.language, games, login: o.channelLogin, name: o.channelName, gen });
        continue;
      }
      b.title = o.title;
      b.tags = o.tags;
      b.language = o.language;
      if (gameId !== '0' && !b.games.includes(gameId)) b.games.push(gameId);
      b.login = o.channelLogin;
      b.name = o.channelName;
      b.gen = gen;
    }
    // Broadcasts that ended stay until they are a fifth of the map: pruning walks every entry.
    if (this.broadcasts.size > rows.length * 1.2) for (const [id, b] of this.broadcasts) if (b.gen !== gen) this.broadcasts.delete(id);
    this.ts = ts;
  }
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
