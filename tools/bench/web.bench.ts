import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT } from './api-server';
import { median, round } from './stats';

export interface WebSizeResult {
  built: boolean;
  buildSeconds: number;
  initialJsFiles: string[];
  initialJsGzipBytes: number;
  totalJsGzipBytes: number;
  budgetBytes: number;
  ratio: number;
  met: boolean;
}

export interface FirstChartResult {
  runsMs: number[];
  medianMs: number;
  budgetMs: number;
  ratio: number;
  met: boolean;
  points: number | null;
  /** Where the time went in the last run (ms since navigation start, from the page's own timings). */
  breakdown: Array<{ what: string; start: number; end: number }>;
}

const DIST = join(ROOT, 'apps/web/dist');
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Builds the web app (Nx caches it) and measures what index.html loads before any user action. */
export function benchWebSize(build: boolean): WebSizeResult {
  const t0 = performance.now();
  let built = false;
  if (build) {
    const r = spawnSync('npx', ['nx', 'run', '@streamscope/web:build', '--outputStyle=static'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    if (r.status !== 0) throw new Error(`web build failed: ${(r.stdout + r.stderr).slice(-2000)}`);
    built = true;
  }
  const buildSeconds = (performance.now() - t0) / 1000;
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  // Entry scripts and the chunks Vite preloads with them: everything fetched before first render.
  const initial = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) initial.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) initial.add(m[1]!);
  const files = [...initial].map((p) => join(DIST, p.replace(/^\//, '')));
  const assets = join(DIST, 'assets');
  const allJs = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => join(assets, f)).filter((f) => statSync(f).isFile());
  const initialBytes = files.reduce((n, f) => n + gz(f), 0);
  const budget = 250 * 1024;
  return {
    built,
    buildSeconds: round(buildSeconds, 1),
    initialJsFiles: files.map((f) => f.slice(DIST.length + 1)),
    initialJsGzipBytes: initialBytes,
    totalJsGzipBytes: allJs.reduce((n, f) => n + gz(f), 0),
    budgetBytes: budget,
    ratio: round(initialBytes / budget, 3),
    met: initialBytes <= budget,
  };
}

const CHART = '[data-testid="chart-viewers-by-game"][data-points]';

/** Navigation start to the first chart with points drawn, each run in a fresh browser context (cold cache). */
export async function benchFirstChart(appUrl: string, runs: number): Promise<FirstChartResult> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const times: number[] = [];
  let points: number | null = null;
  let breakdown: FirstChartResult['breakdown'] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(appUrl, { waitUntil: 'commit' });
      const el = await page.waitForSelector(CHART, { timeout: 30_000 });
      const ms = performance.now() - t0;
      points = Number(await el.getAttribute('data-points'));
      breakdown = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const out: Array<{ what: string; start: number; end: number }> = [];
        if (nav) out.push({ what: 'document', start: nav.startTime, end: nav.responseEnd }, { what: 'DOMContentLoaded', start: nav.domContentLoadedEventStart, end: nav.domContentLoadedEventEnd });
        for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
          out.push({ what: e.name.replace(/^https?:\/\/[^/]+/, ''), start: e.startTime, end: e.responseEnd });
        }
        out.push({ what: 'chart found', start: performance.now(), end: performance.now() });
        return out.map((x) => ({ what: x.what, start: Math.round(x.start), end: Math.round(x.end) }));
      });
      // The first run warms the server (query plans, JIT); it is not counted.
      if (i > 0) times.push(round(ms, 1));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const m = median(times);
  return { runsMs: times, medianMs: round(m, 1), budgetMs: 1500, ratio: round(m / 1500, 3), met: m <= 1500, points, breakdown };
}
