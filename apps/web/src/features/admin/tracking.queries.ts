import { graphql } from '../../gql';

export const TrackedGamesQuery = graphql(`
  query TrackedGames {
    trackedGames {
      id
      name
      state
      addedAt
      pausedAt
      hasXQuery
      xQueryState
    }
  }
`);

/** The games picker: the most watched games of the last day. */
export const PickableGamesQuery = graphql(`
  query PickableGames($from: DateTime!, $to: DateTime!) {
    topGames(from: $from, to: $to, first: 25, by: HOURS_WATCHED) {
      edges {
        node {
          gameId
          name
        }
      }
    }
  }
`);

export const TrackGameMutation = graphql(`
  mutation TrackGame($gameId: ID!) {
    trackGame(gameId: $gameId) {
      id
      name
      state
    }
  }
`);

export const PauseTrackedGameMutation = graphql(`
  mutation PauseTrackedGame($gameId: ID!) {
    pauseTrackedGame(gameId: $gameId) {
      id
      state
    }
  }
`);

export const ResumeTrackedGameMutation = graphql(`
  mutation ResumeTrackedGame($gameId: ID!) {
    resumeTrackedGame(gameId: $gameId) {
      id
      state
    }
  }
`);

export const UntrackGameMutation = graphql(`
  mutation UntrackGame($gameId: ID!) {
    untrackGame(gameId: $gameId) {
      id
    }
  }
`);

export const SchedulesQuery = graphql(`
  query Schedules {
    schedules {
      id
      job
      everySeconds
      defaultEverySeconds
      overridden
      minEverySeconds
      maxEverySeconds
      nextRunAt
    }
  }
`);

export const SetScheduleIntervalMutation = graphql(`
  mutation SetScheduleInterval($id: ID!, $everySeconds: Int!) {
    setScheduleInterval(id: $id, everySeconds: $everySeconds) {
      id
      everySeconds
      overridden
      nextRunAt
    }
  }
`);

export const ResetScheduleIntervalMutation = graphql(`
  mutation ResetScheduleInterval($id: ID!) {
    resetScheduleInterval(id: $id) {
      id
      everySeconds
      overridden
      nextRunAt
    }
  }
`);
