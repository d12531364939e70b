import { useApolloClient, useSubscription } from '@apollo/client/react';
import { graphql } from '../gql';

export const PipelineEventsSubscription = graphql(`
  subscription PipelineEvents {
    pipelineEvents {
      type
      ts
      status
    }
  }
`);

/**
 * Refetches the active queries when the worker stores a sweep, so every chart on screen
 * updates without a reload; the API relays the worker's events over graphql-ws.
 */
export function useLiveRefresh(): void {
  const client = useApolloClient();
  useSubscription(PipelineEventsSubscription, {
    onData: ({ data }) => {
      if (data.data?.pipelineEvents.type === 'sweep.completed') void client.refetchQueries({ include: 'active' });
    },
  });
}
