import { ConfigError, type AppConfig, type XTrackedQuerySeed } from '@streamscope/config';
import { validateXQuery } from '@streamscope/connectors';
import type { NewTrackedQuery, TrackedQuery, TrackedQueryOrigin, XQueryRepository } from '@streamscope/db';

/** Self-serve X search accepts 512 characters (contract §5). */
export const MAX_X_QUERY_LENGTH = 512;
const MAX_NAME_LENGTH = 100;

export interface TrackedQueryInput {
  name: string;
  query: string;
  gameId?: string | null;
}

/** A tracked query rejected at creation; `field` names the input field at fault. */
export class InvalidTrackedQueryError extends Error {
  override readonly name = 'InvalidTrackedQueryError';
  constructor(
    readonly field: 'name' | 'query' | 'gameId',
    readonly reason: string,
  ) {
    super(`invalid tracked query: ${field}: ${reason}`);
  }
}

/** Normalizes and checks one query the way X would, before anything is stored or billed. */
export function checkTrackedQuery(input: TrackedQueryInput): { name: string; query: string; gameId: string | null } {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) throw new InvalidTrackedQueryError('name', 'must not be empty');
  if (name.length > MAX_NAME_LENGTH) throw new InvalidTrackedQueryError('name', `is ${name.length} characters long; the limit is ${MAX_NAME_LENGTH}`);
  const query = typeof input.query === 'string' ? input.query.trim() : '';
  const check = validateXQuery(query, { maxLength: MAX_X_QUERY_LENGTH });
  if (!check.ok) throw new InvalidTrackedQueryError('query', check.message);
  const gameId = input.gameId ?? null;
  if (gameId !== null && !/^[0-9]{1,19}$/.test(gameId)) throw new InvalidTrackedQueryError('gameId', `must be a Twitch game id (decimal digits), got ${JSON.stringify(String(gameId).slice(0, 40))}`);
  return { name, query, gameId };
}

/** Every X_TRACKED_QUERIES problem at once, named like the other configuration errors. */
export function trackedQueryConfigProblems(seeds: readonly XTrackedQuerySeed[]): string[] {
  const problems: string[] = [];
  seeds.forEach((seed, i) => {
    try {
      checkTrackedQuery(seed);
    } catch (err) {
      if (!(err instanceof InvalidTrackedQueryError)) throw err;
      problems.push(`X_TRACKED_QUERIES: entry [${i}].${err.field}: ${err.reason} (got ${JSON.stringify(seed[err.field] ?? null)})`);
    }
  });
  return problems;
}

/** Stops start-up when a configured query would only fail later, at run time. */
export function assertTrackedQueriesConfig(config: Pick<AppConfig, 'X_TRACKED_QUERIES'>): void {
  const problems = trackedQueryConfigProblems(config.X_TRACKED_QUERIES);
  if (problems.length) throw new ConfigError(problems);
}

/** Creation of tracked queries: the API's admin mutations and the config seeding both come here. */
export class XTrackedQueryService {
  constructor(private readonly queries: XQueryRepository) {}

  async createTrackedQuery(input: TrackedQueryInput, origin: TrackedQueryOrigin = 'manual'): Promise<TrackedQuery> {
    const q = checkTrackedQuery(input);
    const created = await this.queries.insert({ ...q, origin });
    if (created) return created;
    const existing = await this.queries.byQuery(q.query);
    throw new InvalidTrackedQueryError('query', `is already tracked${existing ? ` (query id ${existing.queryId}, "${existing.name ?? existing.query}")` : ''}`);
  }

  /** Inserts the configured queries that are not stored yet; returns how many were new. */
  async seedFromConfig(seeds: readonly XTrackedQuerySeed[]): Promise<number> {
    assertTrackedQueriesConfig({ X_TRACKED_QUERIES: [...seeds] });
    let created = 0;
    for (const seed of seeds) {
      const q: NewTrackedQuery = { ...checkTrackedQuery(seed), origin: 'config' };
      if (await this.queries.insert(q)) created += 1;
    }
    return created;
  }
}
