import { HelixClient } from '@streamscope/connectors';

/**
 * Child process of the sweep figure: only the worker's side (HelixClient and the streams it
 * holds) lives here, so its resident memory is the worker's, not the simulator's.
 */
const cfg = JSON.parse(process.argv[2] ?? '{}') as { apiUrl: string; authUrl: string; clientId: string; clientSecret: string; at: string };
let peakRss = process.memoryUsage().rss;
const timer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 25);
const baseRss = process.memoryUsage().rss;
const client = new HelixClient({ clientId: cfg.clientId, clientSecret: cfg.clientSecret, apiUrl: cfg.apiUrl, authUrl: cfg.authUrl, timeoutMs: 30_000 });
const t0 = performance.now();
const r = await client.sweepStreams({ at: new Date(cfg.at) });
const ms = performance.now() - t0;
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(timer);
process.stdout.write(
  JSON.stringify({
    ms,
    pages: r.pages,
    streams: r.streams.length,
    apiCalls: r.apiCalls,
    duplicatesDropped: r.duplicatesDropped,
    stopReason: r.stopReason,
    rateLimitRemaining: r.rateLimitRemaining,
    baseRss,
    peakRss,
  }),
);
