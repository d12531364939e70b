import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({
      // Series carry no ids; each result is stored under its query arguments.
      typePolicies: { GameSeries: { keyFields: false }, GameViewerSeries: { keyFields: false } },
    }),
  });
}
