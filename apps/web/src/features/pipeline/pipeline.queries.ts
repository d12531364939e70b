import { graphql } from '../../gql';

export const PipelineQuery = graphql(`
  query Pipeline($limit: Int!) {
    pipeline(limit: $limit) {
      helixRateLimitRemaining
      helixRateLimitAt
      freshness {
        lastSweepAt
        secondsSinceLastSweep
        sweepIntervalSeconds
        intervalsBehind
        stale
      }
      lastSuccess {
        id
        job
        source
        status
        startedAt
        finishedAt
        durationSeconds
        rowsWritten
        apiCalls
        pages
        rateLimitRemaining
        error
      }
      recentRuns {
        id
        job
        source
        status
        startedAt
        finishedAt
        durationSeconds
        rowsWritten
        apiCalls
        pages
        rateLimitRemaining
        error
      }
    }
  }
`);
