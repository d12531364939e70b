import { graphql } from '../../gql';

export const TopChannelsQuery = graphql(`
  query TopChannels($from: DateTime!, $to: DateTime!, $first: Int!, $after: String, $by: Metric!, $search: String) {
    topChannels(from: $from, to: $to, first: $first, after: $after, by: $by, search: $search) {
      totalCount
      level
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          channelId
          login
          displayName
          rank
          previousRank
          rankChange
          averageViewers
          peakViewers
          hoursWatched
          hoursStreamed
        }
      }
    }
  }
`);

export const ChannelDetailQuery = graphql(`
  query ChannelDetail($login: String!, $from: DateTime!, $to: DateTime!) {
    channel(login: $login) {
      id
      login
      displayName
      sessions(from: $from, to: $to, first: 100) {
        streamId
        start
        end
        durationSeconds
        title
        gamesPlayed
        averageViewers
        peakViewers
        snapshots
      }
    }
  }
`);

export const ChannelExistsQuery = graphql(`
  query ChannelExists($login: String!) {
    channel(login: $login) {
      id
      login
    }
  }
`);
