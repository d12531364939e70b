import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { split } from '@apollo/client/link';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/** WebSocket URL of the same-origin /graphql endpoint (ws: or wss: to match the page). */
export function subscriptionUrl(location: Pick<Location, 'protocol' | 'host'>, path = '/graphql'): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

export function createApolloClient(uri = '/graphql'): ApolloClient {
  const http = new HttpLink({ uri });
  // Subscriptions ride graphql-ws on the same path; the socket opens on first use and
  // reconnects after a server restart.
  const ws =
    typeof window === 'undefined'
      ? null
      : new GraphQLWsLink(createClient({ url: subscriptionUrl(window.location, uri), lazy: true, retryAttempts: Infinity }));
  return new ApolloClient({
    link: ws ? split(({ query }) => isSubscriptionOperation(query), ws, http) : http,
    cache: new InMemoryCache({
      // Series carry no ids; each result is stored under its query arguments.
      typePolicies: { GameSeries: { keyFields: false }, GameViewerSeries: { keyFields: false } },
    }),
  });
}
