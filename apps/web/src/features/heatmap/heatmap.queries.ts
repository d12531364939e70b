import { graphql } from '../../gql';

export const ViewerHeatmapQuery = graphql(`
  query ViewerHeatmap($from: DateTime!, $to: DateTime!, $timeZone: String!, $gameId: ID) {
    viewerHeatmap(from: $from, to: $to, timeZone: $timeZone, gameId: $gameId) {
      timeZone
      gameId
      cells {
        weekday
        hour
        sweeps
        viewersPerChannel
        averageViewers
        averageChannels
      }
    }
  }
`);
