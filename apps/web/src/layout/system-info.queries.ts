import { graphql } from '../gql';

export const SystemInfoQuery = graphql(`
  query SystemInfo {
    systemInfo {
      version
      dialect
      embedded
      postgresVersion
      timescaleVersion
      twitchSource
      xSource
      sweepIntervalSeconds
      lastSweepAt
      sweepCount
    }
  }
`);
