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
 * observes changes.
 */
/** Which rows of a sweep to check against the stored broadcasts and channels. */
export interface Changed {
  /** Indexes into the sweep's rows. */
  rows: number[];
  /** First observation of each channel whose names may differ from the stored ones. */
  channels: StreamObservation[];
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
   * and the channels whose first row's names differ from the cached ones. `gameIds` are the
   * stored form ('0' for no category); `channels` maps each channel to its first row.
   */
  changed(
    rows: readonly StreamObservation[],
    gameIds: readonly string[],
    channels: ReadonlyMap<string, StreamObservation>,
    cached: ReadonlyArray<CacheEntry | undefined>,
  ): Changed {
    const out: Changed = { rows: [], channels: [] };
    for (let i = 0; i < rows.length; i++) {
      const o = rows[i]!;
      const b = cached[i];
      const gameId = gameIds[i]!;
      const same = b !== undefined && b.title === o.title && b.language === o.language && sameTags(b.tags, o.tags) && (gameId === '0' || b.games.includes(gameId));
      if (!same) out.rows.push(i);
      // Channel names only from an entry of the last sweep: another broadcast of the channel may
      // have renamed it since an older entry was written.
      if (channels.get(o.channelId) === o && (b === undefined || b.gen !== this.gen || b.login !== o.channelLogin || b.name !== o.channelName)) {
        out.channels.push(o);
      }
    }
    return out;
  }

  /**
   * After a committed sweep newer than every stored one: its broadcasts and channels as now
   * stored. Keeps references to the observations' strings and tag arrays (not copied).
   */
  remember(
    ts: string,
    rows: readonly StreamObservation[],
    gameIds: readonly string[],
    channels: ReadonlyMap<string, StreamObservation>,
    cached: ReadonlyArray<CacheEntry | undefined>,
  ): void {
    const gen = ++this.gen;
    for (let i = 0; i < rows.length; i++) {
      const o = rows[i]!;
      const gameId = gameIds[i]!;
      // The names written for the channel are its first row's.
      const first = channels.get(o.channelId) ?? o;
      const b = cached[i];
      if (!b) {
        const games = gameId === '0' ? [] : [gameId];
        this.broadcasts.set(o.streamId, { title: o.title, tags: o.tags, language: o.language, games, login: first.channelLogin, name: first.channelName, gen });
        continue;
      }
      b.title = o.title;
      b.tags = o.tags;
      b.language = o.language;
      if (gameId !== '0' && !b.games.includes(gameId)) b.games.push(gameId);
      b.login = first.channelLogin;
      b.name = first.channelName;
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
