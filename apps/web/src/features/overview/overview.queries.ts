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

export const OverviewKpisQuery = graphql(`
  query OverviewKpis(
    $from: DateTime!
    $to: DateTime!
    $prevFrom: DateTime!
    $prevTo: DateTime!
    $bucket: Bucket!
    $timeZone: String!
  ) {
    current: platformSeries(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone) {
      bucket
      bucketSeconds
      timestamps
      coverage
      averageViewers
      averageChannels
      hoursWatched
    }
    previous: platformSeries(from: $prevFrom, to: $prevTo, bucket: $bucket, timeZone: $timeZone) {
      bucket
      bucketSeconds
      timestamps
      coverage
      averageViewers
      averageChannels
      hoursWatched
    }
  }
`);

export const TopGamesQuery = graphql(`
  query TopGames($from: DateTime!, $to: DateTime!, $first: Int!, $after: String, $by: Metric!) {
    topGames(from: $from, to: $to, first: $first, after: $after, by: $by) {
      totalCount
      level
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          gameId
          name
          rank
          previousRank
          rankChange
          averageViewers
          peakViewers
          hoursWatched
          hoursStreamed
          averageChannels
        }
      }
    }
  }
`);

export const GameSparklinesQuery = graphql(`
  query GameSparklines($from: DateTime!, $to: DateTime!, $gameIds: [ID!]!, $timeZone: String!) {
    gameViewers(from: $from, to: $to, gameIds: $gameIds, bucket: AUTO, maxPoints: 48, timeZone: $timeZone, top: 20) {
      bucket
      timestamps
      series {
        gameId
        averageViewers
      }
    }
  }
`);

export const XPostRateQuery = graphql(`
  query XPostRate($from: DateTime!, $to: DateTime!) {
    xPostRate(from: $from, to: $to) {
      trackedQueries
      posts
      hoursCovered
      postsPerHour
      previousPostsPerHour
    }
  }
`);
