import type { AppConfig } from '@streamscope/config';
import type { TrackedGameRepository, TrackedGameRow, XQueryRepository } from '@streamscope/db';
import type { Queues } from '@streamscope/queues';
import { badInput } from '../../graphql/errors';
import { TrackedQueryState } from '../x/x.types';
import { TrackedGameState, type TrackedGame } from './tracking.types';

/** Helix game ids are positive decimal integers; 18 digits keep them inside bigint. */
const HELIX_GAME_ID = /^[1-9][0-9]{0,17}$/;
/** The metadata job looks every tracked game up on each run: 100 ids are one Helix call. */
export const MAX_TRACKED_GAMES = 100;

export function toTrackedGame(row: TrackedGameRow): TrackedGame {
  return {
    id: row.gameId,
    name: row.name ?? `Game ${row.gameId}`,
    boxArtUrl: row.boxArtUrl,
    state: row.state === 'active' ? TrackedGameState.ACTIVE : TrackedGameState.PAUSED,
    addedAt: row.addedAt,
    pausedAt: row.pausedAt,
    hasXQuery: row.xQueryId !== null,
    xQueryId: row.xQueryId,
    xQueryState: row.xQueryState === null ? null : row.xQueryState === 'active' ? TrackedQueryState.ACTIVE : TrackedQueryState.PAUSED,
  };
}

function checkGameId(gameId: string): string {
  const id = typeof gameId === 'string' ? gameId.trim() : '';
  if (!HELIX_GAME_ID.test(id)) throw badInput('gameId', `must be a Helix game id (decimal digits, e.g. 509658), got ${JSON.stringify(String(gameId).slice(0, 40))}`);
  return id;
}

/** Tracked games rules. Callers of the mutations have passed requireAdmin. */
export class TrackedGamesService {
  constructor(
    private readonly games: TrackedGameRepository,
    private readonly xQueries: XQueryRepository,
    private readonly queues: Queues | null,
    private readonly config: Pick<AppConfig, 'X_AUTO_TRACK_TOP_GAMES'>,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<TrackedGame[]> {
    return (await this.games.list()).map(toTrackedGame);
  }

  async track(gameId: string): Promise<TrackedGame> {
    const id = checkGameId(gameId);
    if (await this.games.byId(id)) throw badInput('gameId', `game ${id} is already tracked`);
    // The catalog holds every game seen live or in a top list; an id never seen is most likely a typo.
    if (!(await this.games.isKnownGame(id))) throw badInput('gameId', `unknown game ${id}: only games seen on Twitch (in a sweep or the top games) can be tracked`);
    if ((await this.games.count()) >= MAX_TRACKED_GAMES) throw badInput('gameId', `at most ${MAX_TRACKED_GAMES} games can be tracked; remove one first`);
    const row = await this.games.insert(id, new Date(this.now()));
    if (!row) throw badInput('gameId', `game ${id} is already tracked`);
    await this.refreshLinkedQueries();
    return toTrackedGame(row);
  }

  async pause(gameId: string): Promise<TrackedGame> {
    const id = checkGameId(gameId);
    const row = await this.games.setState(id, 'paused', new Date(this.now()));
    if (!row) throw badInput('gameId', `game ${id} is not tracked`);
    await this.pauseAutoQuery(id);
    return toTrackedGame((await this.games.byId(id)) ?? row);
  }

  async resume(gameId: string): Promise<TrackedGame> {
    const id = checkGameId(gameId);
    const row = await this.games.setState(id, 'active', new Date(this.now()));
    if (!row) throw badInput('gameId', `game ${id} is not tracked`);
    await this.refreshLinkedQueries();
    return toTrackedGame(row);
  }

  async untrack(gameId: string): Promise<TrackedGame> {
    const id = checkGameId(gameId);
    const row = await this.games.remove(id);
    if (!row) throw badInput('gameId', `game ${id} is not tracked`);
    const paused = await this.pauseAutoQuery(id);
    return toTrackedGame(paused ? { ...row, xQueryState: 'paused' } : row);
  }

  /**
   * The auto query of a game no longer tracked is paused at once (its history stays), unless the
   * game is still in the top list auto-tracking follows anyway.
   */
  private async pauseAutoQuery(gameId: string): Promise<boolean> {
    const n = this.config.X_AUTO_TRACK_TOP_GAMES;
    const top = n > 0 ? await this.xQueries.latestTopGames(n) : [];
    if (top.some((g) => g.gameId === gameId)) return false;
    return (await this.xQueries.pauseAutoQueryOfGame(gameId, new Date(this.now()))) !== null;
  }

  /** The worker's auto-track job creates or resumes the game's X query (it knows the X source). */
  private async refreshLinkedQueries(): Promise<void> {
    await this.queues?.enqueue('x.auto-track', { trigger: 'manual' });
  }
}
