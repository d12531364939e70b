import type { AppConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import type { Logger } from '@streamscope/telemetry';

export interface TwitchSource {
  helix: HelixClient;
  simulated: boolean;
  /** The in-process simulator when no credentials are configured. */
  simulator: Simulator | null;
  close(): Promise<void>;
}

/** Real Helix with credentials; otherwise the built-in simulator on a loopback port. */
export async function createTwitchSource(config: AppConfig, logger: Logger): Promise<TwitchSource> {
  if (config.twitchMode === 'live') {
    const helix = new HelixClient({
      clientId: config.TWITCH_CLIENT_ID as string,
      clientSecret: config.TWITCH_CLIENT_SECRET as string,
      apiUrl: config.TWITCH_API_URL,
      authUrl: config.TWITCH_AUTH_URL,
      logger,
    });
    return { helix, simulated: false, simulator: null, close: async () => undefined };
  }
  const simulator = await startSimulator({
    seed: config.SIMULATOR_SEED,
    channels: config.SIMULATOR_CHANNELS,
    host: '127.0.0.1',
    port: 0,
  });
  logger.info({ url: simulator.url, channels: config.SIMULATOR_CHANNELS }, 'Twitch simulator started (no credentials configured)');
  const helix = new HelixClient({
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
    apiUrl: simulator.twitchApiUrl,
    authUrl: simulator.twitchAuthUrl,
    logger,
  });
  return { helix, simulated: true, simulator, close: () => simulator.close() };
}
