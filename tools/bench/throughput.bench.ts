import { Agent, request } from 'node:http';
import { percentile, round } from './stats';

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

export interface ThroughputResult {
  dashboard: LoadResult;
  ceiling: LoadResult;
  ratio: number;
  note: string;
}

function post(agent: Agent, url: URL, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(res.statusCode === 200 && !text.includes('"errors"')));
        res.on('error', () => resolve(false));
      },
    );
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

/** `connections` loops, each sending its next request when the last one answered, for `seconds`. */
export async function load(label: string, base: string, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const ok = await post(agent, url, body);
      latencies.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    label,
    connections,
    seconds: round(elapsed, 1),
    requests: latencies.length,
    errors,
    rps: round((latencies.length - errors) / elapsed, 1),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
  };
}

export async function benchThroughput(apiUrl: string, to: Date, seconds: number): Promise<ThroughputResult> {
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const dashboardQuery = JSON.stringify({
    query: `query($from: DateTime!, $to: DateTime!) { gameViewers(from: $from, to: $to) { bucket timestamps coverage series { gameId name averageViewers peakViewers hoursWatched } } }`,
    variables: { from: from.toISOString(), to: to.toISOString() },
  });
  const ceilingQuery = JSON.stringify({ query: '{ __typename }' });
  // Short warm-up so JIT and connection pools are in the same state for both.
  await load('warmup', apiUrl, dashboardQuery, 10, 1);
  await load('warmup', apiUrl, ceilingQuery, 10, 1);
  const ceiling = await load('{ __typename }', apiUrl, ceilingQuery, 50, seconds);
  const dashboard = await load('gameViewers 7d (top 5, AUTO bucket)', apiUrl, dashboardQuery, 50, seconds);
  return {
    dashboard,
    ceiling,
    ratio: round(dashboard.rps / ceiling.rps, 3),
    note: 'load generator runs in the bench process on the same 2 cores as the API and Postgres',
  };
}
