import { graphql } from '../../gql';

export const MetricSeriesQuery = graphql(`
  query MetricSeries(
    $from: DateTime!
    $to: DateTime!
    $bucket: Bucket!
    $timeZone: String!
    $metric: Metric!
    $groupBy: GroupBy!
    $top: Int!
    $includeOther: Boolean!
    $gameIds: [ID!]
  ) {
    metricSeries(
      from: $from
      to: $to
      bucket: $bucket
      timeZone: $timeZone
      metric: $metric
      groupBy: $groupBy
      top: $top
      includeOther: $includeOther
      gameIds: $gameIds
    ) {
      bucket
      bucketSeconds
      level
      metric
      timeZone
      from
      to
      timestamps
      coverage
      partialSweeps
      series {
        key
        name
        other
        rank
        values
      }
    }
  }
`);

export const GameDetailQuery = graphql(`
  query GameDetail($id: ID!, $from: DateTime!, $to: DateTime!, $bucket: Bucket!, $timeZone: String!) {
    game(id: $id) {
      id
      name
      boxArtUrl
      series(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone) {
        bucket
        bucketSeconds
        level
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
      languageSplit(from: $from, to: $to) {
        language
        hoursWatched
        share
      }
      topChannels(from: $from, to: $to, first: 10) {
        totalCount
        edges {
          node {
            channelId
            login
            displayName
            rank
            averageViewers
            peakViewers
            hoursWatched
            hoursStreamed
          }
        }
      }
    }
  }
`);
