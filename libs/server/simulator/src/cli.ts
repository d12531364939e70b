import { parseArgs } from 'node:util';
import { startSimulator } from './server';

// A developer tool, not a service: flags only, so it stays outside the config library.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    channels: { type: 'string', default: '3000' },
  },
});

const sim = await startSimulator({
  port: Number(values.port),
  host: values.host,
  seed: Number(values.seed),
  channels: Number(values.channels),
});

process.stdout.write(
  [
    `StreamScope simulator on ${sim.url} (seed ${values.seed}, ~${sim.world.channels} live at peak, ${sim.world.population} channels)`,
    `  TWITCH_API_URL=${sim.twitchApiUrl}`,
    `  TWITCH_AUTH_URL=${sim.twitchAuthUrl}`,
    `  TWITCH_CLIENT_ID=${sim.clientId}`,
    `  TWITCH_CLIENT_SECRET=${sim.clientSecret}   (demo credentials, simulator only)`,
    `  X_API_URL=${sim.xApiUrl}`,
    `  X_BEARER_TOKEN=${sim.xBearerToken}   (demo token, simulator only)`,
    '',
  ].join('\n'),
);

const stop = () => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
