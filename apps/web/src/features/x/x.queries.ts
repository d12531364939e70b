import { graphql } from '../../gql';

export const XVolumeQuery = graphql(`
  query XVolume($from: DateTime!, $to: DateTime!, $bucket: Bucket!, $timeZone: String!) {
    xVolume(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone) {
      bucket
      bucketSeconds
      timeZone
      timestamps
      series {
        queryId
        name
        query
        posts
        total
        previousTotal
        change
      }
    }
    xShareOfVoice(from: $from, to: $to) {
      queryId
      name
      posts
      share
    }
  }
`);

export const XInsightsQuery = graphql(`
  query XInsights($queryId: ID!, $from: DateTime!, $to: DateTime!) {
    xQueryInsights(queryId: $queryId, from: $from, to: $to, limit: 10) {
      queryId
      engagement
      engagementPerPost
      samplePosts
      uniqueAuthors
      topHashtags {
        value
        posts
      }
      topMentions {
        value
        posts
      }
      topAuthors {
        authorId
        username
        name
        posts
        engagement
        followers
      }
    }
  }
`);

export const CrossPlatformQuery = graphql(`
  query CrossPlatform($gameId: ID!, $from: DateTime!, $to: DateTime!) {
    crossPlatform(gameId: $gameId, from: $from, to: $to) {
      gameId
      gameName
      query
      queryId
      timestamps
      averageViewers
      posts
      correlation
      pairs
      summary
      bestLag {
        lagHours
        r
        pairs
      }
    }
  }
`);

export const TrackedQueriesQuery = graphql(`
  query TrackedQueries {
    trackedQueries {
      id
      name
      query
      state
      origin
      gameId
      searchedAt
      createdAt
    }
  }
`);

export const AddTrackedQueryMutation = graphql(`
  mutation AddTrackedQuery($input: AddTrackedQueryInput!) {
    addTrackedQuery(input: $input) {
      id
      name
      query
      state
    }
  }
`);

export const PauseTrackedQueryMutation = graphql(`
  mutation PauseTrackedQuery($id: ID!) {
    pauseTrackedQuery(id: $id) {
      id
      state
    }
  }
`);

export const ResumeTrackedQueryMutation = graphql(`
  mutation ResumeTrackedQuery($id: ID!) {
    resumeTrackedQuery(id: $id) {
      id
      state
    }
  }
`);

export const RemoveTrackedQueryMutation = graphql(`
  mutation RemoveTrackedQuery($id: ID!) {
    removeTrackedQuery(id: $id) {
      id
    }
  }
`);
