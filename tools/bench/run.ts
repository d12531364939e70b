import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { type Database } from '@streamscope/db';
import { startApi, ROOT, type ApiProcess } from './api-server';
import { openEmbeddedBench, openServerBench, type BenchDatabase } from './databases';
import { loadHistory, type HistoryDataset } from './history';
import { benchIngest } from './ingest.bench';
import { parseOptions, type BenchOptions } from './options';
import { apiFloor, benchQueries, pickSubjects } from './queries.bench';
import { renderMarkdown, type BenchReport } from './report';
import { log } from './stats';
import { benchStorage } from './storage.bench';
import { benchSweep } from './sweep.bench';
import { benchThroughput } from './throughput.bench';
import { benchFirstChart, benchWebSize } from './web.bench';
import { describeX, loadXHistory } from './x-history';
import { benchXVolume } from './x-queries.bench';

/** Smaller scale for the embedded engine (single-process PGlite), stated in the report. */
const EMBEDDED_FACTOR = 0.1;

async function versions(db: Database): Promise<{ postgres: string; timescaledb: string | null }> {
  const info = await db.info();
  return { postgres: info.postgresVersion, timescaledb: info.timescaleVersion };
}

/** Runs one figure; a failure is recorded in the report instead of stopping the others. */
async function figure<T>(report: BenchReport, name: string, fn: () => Promise<T>): Promise<T | null> {
  log(`${name}: start`);
  const t0 = performance.now();
  try {
    const r = await fn();
    log(`${name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return r;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    log(`${name}: FAILED ${msg}`);
    report.failures.push({ figure: name, error: msg.slice(0, 1000) });
    return null;
  }
}

async function main(opts: BenchOptions): Promise<void> {
  const started = new Date();
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const report: BenchReport = {
    date: started.toISOString(),
    command,
    options: { quick: opts.quick, scale: opts.scale, days: opts.days, seed: opts.seed, figures: [...opts.only].sort() },
    machine: {
      platform: `${platform()} ${release()}`,
      cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      freeMemoryGBAtStart: Math.round(freemem() / 2 ** 30),
      node: process.version,
    },
    versions: {},
    datasets: {},
    ingest: [],
    sweep: null,
    apiFloor: null,
    queries: {},
    throughput: null,
    storage: [],
    webSize: null,
    firstChart: null,
    failures: [],
    durationSeconds: 0,
  };
  const s = opts.scale;
  const sweepStreams = Math.round(100_000 * s);
  const historyChannels = Math.max(20, Math.round(5_000 * s));
  const embeddedStreams = Math.max(50, Math.round(sweepStreams * EMBEDDED_FACTOR));
  const embeddedChannels = Math.max(20, Math.round(historyChannels * EMBEDDED_FACTOR));
  const embeddedDays = Math.min(opts.days, opts.quick ? 3 : 7);
  const runs = opts.quick ? 10 : 30;
  const rawRuns = opts.quick ? 3 : 5;

  if (opts.only.has(1)) {
    report.datasets['sweep-100k'] = `one sweep of ${sweepStreams} live streams requested (TwitchWorld(seed ${opts.seed}, ${sweepStreams}).liveStreamsAt(daily peak))`;
    await figure(report, 'ingest (postgres)', async () => {
      const b = await openServerBench('ingest');
      try {
        report.versions.postgres = (await versions(b.db)).postgres;
        report.ingest.push(await benchIngest({ db: b.db, url: b.url, seed: opts.seed, streams: sweepStreams, trials: opts.quick ? 3 : 5, dialect: 'postgres' }));
      } finally {
        await b.close();
      }
    });
    if (opts.embedded) {
      await figure(report, 'ingest (embedded timescaledb)', async () => {
        const b = await openEmbeddedBench();
        try {
          const v = await versions(b.db);
          report.versions.embeddedPostgres = v.postgres;
          report.versions.timescaledb = v.timescaledb ?? 'none';
          report.ingest.push(await benchIngest({ db: b.db, url: null, seed: opts.seed, streams: embeddedStreams, trials: opts.quick ? 3 : 5, dialect: 'timescaledb-embedded' }));
        } finally {
          await b.close();
        }
      });
    }
  }

  if (opts.only.has(2)) {
    // The quick run scales the budget with the channels so the budget's minimum stays ~15 s.
    const channels = opts.quick ? 25_000 : Math.round(100_000 * s);
    const rate = opts.quick ? 200 : Math.max(10, Math.round(800 * s));
    report.sweep = await figure(report, 'sweep', () => benchSweep(opts.seed, channels, rate));
  }

  const needHistory = [3, 4, 5, 6].some((f) => opts.only.has(f));
  if (needHistory) {
    if (opts.only.has(6)) report.webSize = await figure(report, 'web size', async () => benchWebSize(true));
    let pgb: BenchDatabase | null = null;
    let api: ApiProcess | null = null;
    try {
      pgb = await openServerBench('history');
      report.versions.postgres ??= (await versions(pgb.db)).postgres;
      const b = pgb;
      const history: HistoryDataset | null = await figure(report, 'history-30d load (postgres)', () =>
        loadHistory(b.db, { seed: opts.seed, channels: historyChannels, days: opts.days }),
      );
      if (history) {
        // The X part of the dataset: same seed, same world, same range (see x-history.ts).
        const x = await figure(report, 'history-30d X load (postgres)', () =>
          loadXHistory(b.db, { seed: opts.seed, channels: historyChannels, from: history.from, to: history.to }),
        );
        report.datasets['history-30d'] = { dialect: 'postgres', ...history, x: x ? describeX(x) : 'failed to load (see Failures)', xData: x ?? undefined };
        api = await startApi(b.url!, { serveWeb: opts.only.has(6) });
        const apiUrl = api.url;
        if (opts.only.has(3)) {
          report.apiFloor = await figure(report, 'api floor', () => apiFloor(apiUrl, runs));
          report.queries.postgres = (await figure(report, 'queries (postgres)', () => benchQueries({ db: b.db, apiUrl, history, runs, rawRuns }))) ?? [];
          if (x) {
            const xv = await figure(report, 'x volume (postgres)', async () =>
              benchXVolume({ db: b.db, apiUrl, to: history.to, gameId: (await pickSubjects(b.db, history)).gameId, runs }),
            );
            if (xv) report.xQueries = [xv];
          }
        }
        if (opts.only.has(4)) report.throughput = await figure(report, 'throughput', () => benchThroughput(apiUrl, history.to, opts.quick ? 5 : 15));
        if (opts.only.has(6) && report.webSize) report.firstChart = await figure(report, 'first chart', () => benchFirstChart(apiUrl, opts.quick ? 3 : 7));
        if (opts.only.has(5)) {
          const st = await figure(report, 'storage (postgres)', () => benchStorage(b.db, 'postgres', null));
          if (st) report.storage.push(st);
        }
      }
    } finally {
      await api?.close();
      await pgb?.close();
    }

    if (opts.embedded && (opts.only.has(5) || opts.only.has(3))) {
      const e = await openEmbeddedBench();
      try {
        const h = await figure(report, 'history load (embedded timescaledb)', () =>
          loadHistory(e.db, { seed: opts.seed, channels: embeddedChannels, days: embeddedDays }),
        );
        if (h) {
          report.datasets['history (embedded)'] = { dialect: 'timescaledb-embedded', ...h };
          if (opts.only.has(3)) {
            report.queries.embedded =
              (await figure(report, 'queries (embedded timescaledb)', () => benchQueries({ db: e.db, apiUrl: null, history: h, runs, rawRuns }))) ?? [];
          }
          if (opts.only.has(5)) {
            // One day after the range: every chunk of the range has ended and is compressed.
            const st = await figure(report, 'storage (embedded timescaledb)', () =>
              benchStorage(e.db, 'timescaledb-embedded', new Date(h.to.getTime() + 86_400_000)),
            );
            if (st) report.storage.push(st);
          }
        }
      } finally {
        await e.close();
      }
    }
  }

  report.durationSeconds = Math.round((Date.now() - started.getTime()) / 1000);
  const json = JSON.stringify(report, null, 2);
  if (opts.write) {
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${report.date.slice(0, 19).replaceAll(':', '-')}${opts.quick ? '-quick' : ''}.json`);
    writeFileSync(file, `${json}\n`);
    // The analysis of misses is written by people and kept beside the tool; the tables are generated.
    const notesFile = join(ROOT, 'tools/bench/analysis.md');
    const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
    writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderMarkdown(report, file.slice(ROOT.length + 1), notes));
    log(`wrote ${file} and BENCHMARKS.md`);
  } else {
    console.log(json);
  }
  log(`finished in ${report.durationSeconds} s`);
}

await main(parseOptions(process.argv.slice(2)));
