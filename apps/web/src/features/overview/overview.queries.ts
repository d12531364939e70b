import { graphql } from '../../gql';

export const GameViewersQuery = graphql(`
  query GameViewers($from: DateTime!, $to: DateTime!, $bucket: Bucket!, $timeZone: String!, $top: Int!) {
    gameViewers(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone, top: $top) {
      bucket
      bucketSeconds
      timeZone
      level
      from
      to
      timestamps
      coverage
      partialSweeps
      series {
        gameId
        name
        averageViewers
        peakViewers
        hoursWatched
      }
    }
  }
`);
