import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { GraphQLResolveInfo } from 'graphql';
import type { ApiContext } from './context';

/** Seconds a response may be reused, per root query field. */
export const CACHE_MAX_AGE = {
  /** Analytics change only when a sweep lands (every SWEEP_INTERVAL_SECONDS ≥ 60 s). */
  analytics: 60,
  /** Versions and sources change on deploy, but lastSweepAt/sweepCount move with every sweep. */
  system: 60,
  /** Pipeline health and tracked-query state: near-live, for dashboards polling every few seconds. */
  status: 10,
} as const;

/**
 * Every cacheable root query field. A field missing here (admin queries such as apiKeys,
 * introspection, anything new) gets maxAge 0, and so does any response containing it, so a
 * forgotten entry can only make a response uncached, never wrongly cached. Mutations are never listed.
 */
export const ROOT_FIELD_MAX_AGE: Readonly<Record<string, number>> = {
  systemInfo: CACHE_MAX_AGE.system,
  pipeline: CACHE_MAX_AGE.status,
  trackedQueries: CACHE_MAX_AGE.status,
  channel: CACHE_MAX_AGE.analytics,
  game: CACHE_MAX_AGE.analytics,
  gameViewers: CACHE_MAX_AGE.analytics,
  platformSeries: CACHE_MAX_AGE.analytics,
  metricSeries: CACHE_MAX_AGE.analytics,
  viewerHeatmap: CACHE_MAX_AGE.analytics,
  topGames: CACHE_MAX_AGE.analytics,
  topChannels: CACHE_MAX_AGE.analytics,
  topLanguages: CACHE_MAX_AGE.analytics,
  crossPlatform: CACHE_MAX_AGE.analytics,
  xVolume: CACHE_MAX_AGE.analytics,
  xPostRate: CACHE_MAX_AGE.analytics,
  xShareOfVoice: CACHE_MAX_AGE.analytics,
  xQueryInsights: CACHE_MAX_AGE.analytics,
};

type CacheHint = { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' };
type WithCacheControl = GraphQLResolveInfo & { cacheControl?: { setCacheHint(hint: CacheHint): void } };

/**
 * Cache hints from one table instead of `@cacheControl` on every type: Apollo treats every
 * object-typed field without a hint as uncacheable, so directives would have to be repeated on
 * each nested type. Here every field of a response inherits its root field's policy, the
 * response's maxAge is the smallest of its root fields' (Apollo's own merge), and responses to
 * identified callers (API-key mode, or any key or admin token) are PRIVATE so shared caches
 * never serve one caller's answer to another.
 */
export function cachePolicyPlugins(authMode: 'open' | 'apikey'): ApolloServerPlugin<ApiContext>[] {
  const hints: ApolloServerPlugin<ApiContext> = {
    async requestDidStart({ contextValue }) {
      const scope = authMode === 'apikey' || contextValue.principal.kind !== 'anonymous' ? 'PRIVATE' : 'PUBLIC';
      return {
        async executionDidStart({ operation }) {
          const isQuery = operation.operation === 'query';
          // Response key (maybe an alias) of each root field → its field name; roots resolve before their children.
          const roots = new Map<string, string>();
          return {
            willResolveField({ info }) {
              const control = (info as WithCacheControl).cacheControl;
              if (!control) return;
              let root = info.path;
              while (root.prev) root = root.prev;
              if (root === info.path) roots.set(String(root.key), info.fieldName);
              const field = roots.get(String(root.key));
              const maxAge = isQuery && field ? (ROOT_FIELD_MAX_AGE[field] ?? 0) : 0;
              control.setCacheHint({ maxAge, scope });
            },
          };
        },
      };
    },
  };
  // Apollo calls willResolveField hooks in reverse plugin order: listing the table after the
  // cache-control plugin would run it before that plugin has installed info.cacheControl.
  return [hints, ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true })];
}
