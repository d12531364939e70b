import { graphql } from '../../gql';

export const TopLanguagesQuery = graphql(`
  query TopLanguages($from: DateTime!, $to: DateTime!, $first: Int!) {
    topLanguages(from: $from, to: $to, first: $first) {
      totalCount
      edges {
        node {
          language
          rank
          rankChange
          averageViewers
          peakViewers
          hoursWatched
          averageChannels
        }
      }
    }
  }
`);
