import type { ApolloClient } from '@apollo/client';
import { parseTimeRange, type TimeRange } from '../../lib/time-range';
import { GameViewersQuery } from './overview.queries';

export const TOP_GAMES = 8;

/** The variables of the overview chart's query; the card and the boot prefetch share them. */
export function gameViewersVariables(range: Pick<TimeRange, 'from' | 'to' | 'bucket' | 'timeZone'>) {
  return { from: range.from, to: range.to, bucket: range.bucket, timeZone: range.timeZone, top: TOP_GAMES };
}

/**
 * Sends the landing page's chart query before React mounts: the request then runs while the app
 * shell renders and Plotly loads instead of after them. The card's own useQuery joins the
 * in-flight request (Apollo deduplicates identical operations) or reads the cached answer.
 */
export function prefetchLandingQueries(client: ApolloClient, location: Pick<Location, 'pathname' | 'search'>): void {
  if (location.pathname !== '/') return;
  const range = parseTimeRange(new URLSearchParams(location.search), Date.now());
  // A failure here is shown by the card, which asks again.
  client.query({ query: GameViewersQuery, variables: gameViewersVariables(range) }).catch(() => undefined);
}
