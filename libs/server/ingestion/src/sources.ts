import type { AppConfig } from '@streamscope/config';
import { HelixClient, XClient } from '@streamscope/connectors';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import type { Logger } from '@streamscope/telemetry';
import { assertTrackedQueriesConfig } from './x/tracked-queries.service';

export interface Sources {
  helix: HelixClient;
  x: XClient;
  /** Twitch answers come from the simulator (enables time-travel backfill). */
  twitchSimulated: boolean;
  xSimulated: boolean;
  /** The one in-process simulator serving whichever platform has no credentials, else null. */
  simulator: Simulator | null;
  close(): Promise<void>;
}

/** Real X with a bearer token; otherwise the X endpoints of the given simulator. */
export function createXSource(config: AppConfig, logger: Logger, simulator?: Simulator | null): XClient {
  if (config.xMode === 'live') return new XClient({ bearerToken: config.X_BEARER_TOKEN as string, apiUrl: config.X_API_URL, logger });
  if (!simulator) throw new Error('X is in simulator mode (X_BEARER_TOKEN unset) but no simulator was started');
  return new XClient({ bearerToken: simulator.xBearerToken, apiUrl: simulator.xApiUrl, logger });
}

/**
 * Clients for both platforms: real APIs where credentials are set, else one built-in simulator
 * on a loopback port serving Twitch and X from the same world (X volume follows Twitch viewers).
 * Checks the configured X queries first, so a bad one stops start-up rather than a job.
 */
export async function createSources(config: AppConfig, logger: Logger): Promise<Sources> {
  assertTrackedQueriesConfig(config);
  let simulator: Simulator | null = null;
  if (config.twitchMode === 'simulated' || config.xMode === 'simulated') {
    simulator = await startSimulator({ seed: config.SIMULATOR_SEED, channels: config.SIMULATOR_CHANNELS, host: '127.0.0.1', port: 0 });
    logger.info(
      { url: simulator.url, channels: config.SIMULATOR_CHANNELS, twitch: config.twitchMode, x: config.xMode },
      'simulator started (no credentials configured for a platform)',
    );
  }
  const helix =
    config.twitchMode === 'live'
      ? new HelixClient({
          clientId: config.TWITCH_CLIENT_ID as string,
          clientSecret: config.TWITCH_CLIENT_SECRET as string,
          apiUrl: config.TWITCH_API_URL,
          authUrl: config.TWITCH_AUTH_URL,
          logger,
        })
      : new HelixClient({
          clientId: simulator!.clientId,
          clientSecret: simulator!.clientSecret,
          apiUrl: simulator!.twitchApiUrl,
          authUrl: simulator!.twitchAuthUrl,
          logger,
        });
  const x = createXSource(config, logger, simulator);
  const sim = simulator;
  return {
    helix,
    x,
    twitchSimulated: config.twitchMode === 'simulated',
    xSimulated: config.xMode === 'simulated',
    simulator,
    close: async () => {
      if (sim) await sim.close();
    },
  };
}
