import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * End-to-end check of the dashboard against the real stack that the global setup boots (or
 * E2E_BASE_URL), in the system Chromium; it never downloads a browser.
 */
const BASE_URL = (process.env['E2E_BASE_URL'] || inject('e2eBaseUrl') || '').replace(/\/$/, '');
const SCREENSHOTS = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));
const CHART = '[data-testid="chart-viewers-by-game"]';

interface GraphQLBody {
  operationName?: string;
  query: string;
  variables: Record<string, unknown>;
}

interface SeriesResult {
  name: string;
  averageViewers: Array<number | null>;
  peakViewers: Array<number | null>;
  hoursWatched: Array<number | null>;
}

interface GameViewersResult {
  bucket: string;
  timeZone: string;
  timestamps: string[];
  series: SeriesResult[];
}

interface Tracked {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  gameViewersBodies: GraphQLBody[];
}

let browser: Browser;
const contexts: BrowserContext[] = [];

async function open(
  url: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<Tracked> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const gameViewersBodies: GraphQLBody[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => {
    const body = request.postData();
    if (request.url().endsWith('/graphql') && body && body.includes('gameViewers')) {
      gameViewersBodies.push(JSON.parse(body) as GraphQLBody);
    }
  });
  await page.goto(`${BASE_URL}${url}`, { waitUntil: 'domcontentloaded' });
  return { page, context, consoleErrors, gameViewersBodies };
}

async function graphql<T>(body: GraphQLBody): Promise<T> {
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: T; errors?: unknown };
  if (!response.ok || json.errors || !json.data) throw new Error(`GraphQL failed: ${JSON.stringify(json.errors)}`);
  return json.data;
}

function nonNull(series: SeriesResult[], metric: 'averageViewers' | 'peakViewers' | 'hoursWatched'): number {
  return series.reduce((n, s) => n + s[metric].filter((v) => v !== null).length, 0);
}

async function waitForNewRequest(t: Tracked, after: number): Promise<GraphQLBody> {
  const deadline = Date.now() + 20_000;
  while (t.gameViewersBodies.length <= after) {
    if (Date.now() > deadline) throw new Error('no gameViewers request was made');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return t.gameViewersBodies[t.gameViewersBodies.length - 1]!;
}

/** Replays the page's own last gameViewers request and waits until the chart shows that result. */
async function expectChartMatchesApi(
  t: Tracked,
  metric: 'averageViewers' | 'peakViewers' | 'hoursWatched' = 'averageViewers',
): Promise<{ body: GraphQLBody; result: GameViewersResult; points: number }> {
  const body = t.gameViewersBodies.at(-1) ?? (await waitForNewRequest(t, 0));
  const { gameViewers } = await graphql<{ gameViewers: GameViewersResult }>(body);
  const points = nonNull(gameViewers.series, metric);
  expect(points).toBeGreaterThan(0);
  await t.page.waitForFunction(
    ({ selector, points, traces }) => {
      const el = document.querySelector(selector);
      return el?.getAttribute('data-points') === String(points) && el.getAttribute('data-traces') === String(traces);
    },
    { selector: CHART, points, traces: gameViewers.series.length },
    { timeout: 20_000 },
  );
  // Plotly really drew one SVG path group per trace.
  const drawnTraces = await t.page.locator(`${CHART} .scatterlayer .trace`).count();
  expect(drawnTraces).toBe(gameViewers.series.length);
  return { body, result: gameViewers, points };
}

function rangeMs(body: GraphQLBody): number {
  return Date.parse(String(body.variables['to'])) - Date.parse(String(body.variables['from']));
}

function parseCsv(text: string): string[][] {
  // The chart's CSV quotes names with commas or quotes; parse those properly.
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

beforeAll(async () => {
  if (!BASE_URL) throw new Error('Set E2E_BASE_URL to the running StreamScope (e.g. http://127.0.0.1:4000)');
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('dashboard', () => {
  it('loads without console errors, draws the API data and shows the simulated banner', async () => {
    const t = await open('/?range=24h&bucket=AUTO&tz=UTC');
    const { result } = await expectChartMatchesApi(t);
    expect(result.series.length).toBeGreaterThan(0);

    const { systemInfo } = await graphql<{ systemInfo: { twitchSource: string } }>({
      query: '{ systemInfo { twitchSource } }',
      variables: {},
    });
    expect(systemInfo.twitchSource).toBe('SIMULATED');
    await t.page.getByTestId('simulated-banner').waitFor({ state: 'visible' });
    expect(await t.page.getByTestId('simulated-banner').textContent()).toContain(
      'Simulated data: no Twitch/X credentials are configured; numbers come from the built-in simulator.',
    );

    // The summary table lists the same games as the chart.
    const rows = await t.page.locator('[data-testid="game-summary"] tbody tr th .game-name').allTextContents();
    expect(rows).toEqual(result.series.map((s) => s.name));
    expect(t.consoleErrors).toEqual([]);
  });

  it('changing the range preset updates the URL and the chart; back restores the previous view', async () => {
    const t = await open('/?range=24h&bucket=AUTO&tz=UTC');
    const first = await expectChartMatchesApi(t);
    expect(rangeMs(first.body)).toBe(24 * 3600e3);

    const before = t.gameViewersBodies.length;
    await t.page.getByRole('button', { name: '7d', exact: true }).click();
    await t.page.waitForURL((url) => url.searchParams.get('range') === '7d');
    const body = await waitForNewRequest(t, before);
    expect(rangeMs(body)).toBe(7 * 86400e3);
    await expectChartMatchesApi(t);
    expect(await t.page.getByRole('button', { name: '7d', exact: true }).getAttribute('aria-pressed')).toBe('true');

    const beforeBack = t.gameViewersBodies.length;
    await t.page.goBack();
    await t.page.waitForURL((url) => url.searchParams.get('range') === '24h');
    expect(await t.page.getByRole('button', { name: '24h', exact: true }).getAttribute('aria-pressed')).toBe('true');
    // The 24h result may come from the cache; either way the chart must show the 24h data again.
    if (t.gameViewersBodies.length === beforeBack) t.gameViewersBodies.push(first.body);
    await expectChartMatchesApi(t);
    expect(t.consoleErrors).toEqual([]);
  });

  it('a copied URL restores range, bucket, zone and metric', async () => {
    const t = await open('/?range=7d&bucket=AUTO&tz=UTC');
    await expectChartMatchesApi(t);
    await t.page.getByLabel('Bucket').selectOption('HOUR');
    await t.page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await t.page.getByRole('button', { name: 'Peak viewers' }).click();
    await t.page.waitForURL((url) => url.searchParams.get('tz') === 'Europe/Berlin' && url.searchParams.get('metric') === 'peak');
    const copied = t.page.url();
    const original = await expectChartMatchesApi(t, 'peakViewers');

    const restored = await open(new URL(copied).pathname + new URL(copied).search);
    const again = await expectChartMatchesApi(restored, 'peakViewers');
    expect(again.body.variables['bucket']).toBe('HOUR');
    expect(again.body.variables['timeZone']).toBe('Europe/Berlin');
    expect(rangeMs(again.body)).toBe(rangeMs(original.body));
    expect(again.result.bucket).toBe('HOUR');
    expect(await restored.page.getByLabel('Bucket').inputValue()).toBe('HOUR');
    expect(await restored.page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await restored.page.getByRole('button', { name: 'Peak viewers' }).getAttribute('aria-pressed')).toBe('true');

    // A custom range is restored to the exact instants.
    const to = new Date(Math.floor(Date.now() / 3600e3) * 3600e3 - 3600e3).toISOString();
    const from = new Date(Date.parse(to) - 2 * 86400e3).toISOString();
    const custom = await open(`/?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&bucket=HOUR&tz=UTC`);
    const customResult = await expectChartMatchesApi(custom);
    expect(customResult.body.variables['from']).toBe(from);
    expect(customResult.body.variables['to']).toBe(to);
    expect(await custom.page.getByRole('button', { name: 'Custom' }).getAttribute('aria-pressed')).toBe('true');
    expect([...t.consoleErrors, ...restored.consoleErrors, ...custom.consoleErrors]).toEqual([]);
  });

  it('downloads a CSV with exactly the plotted values', async () => {
    const t = await open('/?range=24h&bucket=AUTO&tz=UTC');
    const { result } = await expectChartMatchesApi(t);
    const [download] = await Promise.all([
      t.page.waitForEvent('download'),
      t.page.locator(CHART).getByRole('button', { name: 'CSV' }).click(),
    ]);
    const file = await download.path();
    const rows = parseCsv(readFileSync(file, 'utf8'));
    expect(rows[0]).toEqual(['timestamp', ...result.series.map((s) => s.name)]);
    expect(rows.length - 1).toBe(result.timestamps.length);
    result.timestamps.forEach((ts, i) => {
      const row = rows[i + 1]!;
      expect(row[0]).toBe(ts);
      result.series.forEach((s, j) => {
        const v = s.averageViewers[i];
        const cell = row[j + 1]!;
        if (v === null || v === undefined) expect(cell).toBe('');
        else expect(Number(cell)).toBe(v);
      });
    });
  });

  it('remembers the theme choice across reloads', async () => {
    const t = await open('/?range=24h');
    await t.page.waitForSelector('html[data-theme="light"]');
    await t.page.getByTestId('theme-toggle').click();
    await t.page.waitForSelector('html[data-theme="dark"]');
    await t.page.reload();
    await t.page.waitForSelector('html[data-theme="dark"]');
    expect(t.consoleErrors).toEqual([]);
  });

  const shots = [
    { name: 'desktop-1280-light', width: 1280, height: 900, colorScheme: 'light' },
    { name: 'desktop-1280-dark', width: 1280, height: 900, colorScheme: 'dark' },
    { name: 'mobile-375-light', width: 375, height: 812, colorScheme: 'light' },
    { name: 'mobile-375-dark', width: 375, height: 812, colorScheme: 'dark' },
  ] as const;

  for (const shot of shots) {
    it(`renders ${shot.name} without horizontal scroll`, async () => {
      const t = await open('/?range=7d&bucket=AUTO&tz=UTC', shot);
      await expectChartMatchesApi(t);
      await t.page.waitForSelector(`html[data-theme="${shot.colorScheme}"]`);
      const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await t.page.screenshot({ path: `${SCREENSHOTS}${shot.name}.png`, fullPage: true });
      expect(t.consoleErrors).toEqual([]);
    });
  }
});
