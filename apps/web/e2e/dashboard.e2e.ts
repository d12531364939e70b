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
  /** Every GraphQL operation the page sent, in order. */
  ops: GraphQLBody[];
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
  const ops: GraphQLBody[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => {
    const body = request.postData();
    if (!request.url().endsWith('/graphql') || !body) return;
    const parsed = JSON.parse(body) as GraphQLBody;
    ops.push(parsed);
    if (parsed.operationName === 'GameViewers') gameViewersBodies.push(parsed);
  });
  await page.goto(`${BASE_URL}${url}`, { waitUntil: 'domcontentloaded' });
  return { page, context, consoleErrors, gameViewersBodies, ops };
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

});

// ---------------------------------------------------------------------------------------------
// Every page: loads cleanly, its charts hold the points the API returns, range changes and
// shared URLs work, CSVs carry the plotted values, and screenshots for review.

const ADMIN_TOKEN = process.env['E2E_ADMIN_TOKEN'] || inject('e2eAdminToken') || '';

async function lastOperation(ops: GraphQLBody[], name: string, predicate: (op: GraphQLBody) => boolean = () => true): Promise<GraphQLBody> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = [...ops].reverse().find((op) => op.operationName === name && predicate(op));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${name} request was made`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForChart(t: Tracked, id: string, points: number, traces: number): Promise<void> {
  await t.page.waitForFunction(
    ({ selector, points, traces }) => {
      const el = document.querySelector(selector);
      return el?.getAttribute('data-points') === String(points) && el.getAttribute('data-traces') === String(traces);
    },
    { selector: `[data-testid="chart-${id}"]`, points, traces },
    { timeout: 20_000 },
  );
}

function countNonNull(rows: ReadonlyArray<ReadonlyArray<number | null>>): number {
  return rows.reduce((n, values) => n + values.filter((v) => v !== null).length, 0);
}

interface MetricSeriesResult {
  timestamps: string[];
  series: Array<{ name: string; other: boolean; values: Array<number | null> }>;
}

async function metricSeriesFor(op: GraphQLBody): Promise<MetricSeriesResult> {
  return (await graphql<{ metricSeries: MetricSeriesResult }>(op)).metricSeries;
}

async function csvOf(t: Tracked, chartId: string): Promise<string[][]> {
  const [download] = await Promise.all([
    t.page.waitForEvent('download'),
    t.page.locator(`[data-testid="chart-${chartId}"]`).getByRole('button', { name: 'CSV' }).click(),
  ]);
  return parseCsv(readFileSync(await download.path(), 'utf8'));
}

async function visit(url: string, options: Parameters<typeof open>[1] = {}): Promise<{ t: Tracked; ops: GraphQLBody[] }> {
  const t = await open(url, options);
  return { t, ops: t.ops };
}

describe('pages', () => {
  it('overview shows KPIs and the top games table with rank change and sparklines', async () => {
    const { t, ops } = await visit('/?range=24h&bucket=AUTO&tz=UTC');
    const op = await lastOperation(ops, 'TopGames');
    const { topGames } = await graphql<{ topGames: { edges: Array<{ node: { name: string } }> } }>(op);
    const names = topGames.edges.map((e) => e.node.name);
    await t.page.locator('[data-testid="top-games"] tbody tr').nth(names.length - 1).waitFor();
    expect(await t.page.locator('[data-testid="top-games"] tbody th a').allTextContents()).toEqual(names);
    expect(await t.page.getByTestId('kpi-top-game').locator('.kpi__value').textContent()).toBe(names[0]);
    await t.page.locator('[data-testid="top-games"] .ssc-sparkline path').first().waitFor();
    expect(await t.page.getByTestId('kpi-viewers-now').locator('.kpi__value').textContent()).toMatch(/^[\d,]+$/);

    // X posts per hour: recomputed from the hourly volume series of the same range.
    const rateOp = await lastOperation(ops, 'XPostRate');
    const { xPostRate } = await graphql<{ xPostRate: { trackedQueries: number; posts: number; hoursCovered: number; postsPerHour: number | null } }>(rateOp);
    const from = Date.parse(String(rateOp.variables['from']));
    const to = Date.parse(String(rateOp.variables['to']));
    const { xVolume } = await graphql<{ xVolume: { timestamps: string[]; series: Array<{ posts: Array<number | null> }> } }>({
      query: 'query V($from: DateTime!, $to: DateTime!) { xVolume(from: $from, to: $to, bucket: HOUR) { timestamps series { posts } } }',
      variables: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    });
    let posts = 0;
    let hours = 0;
    xVolume.timestamps.forEach((ts, i) => {
      const start = Date.parse(ts);
      if (start < from || start + 3_600_000 > to) return;
      const counted = xVolume.series.map((s) => s.posts[i]).filter((v): v is number => v !== null);
      posts += counted.reduce((a, b) => a + b, 0);
      if (counted.length) hours += 1;
    });
    expect([xPostRate.posts, xPostRate.hoursCovered]).toEqual([posts, hours]);
    const kpi = t.page.getByTestId('kpi-x-posts-per-hour');
    expect(xPostRate.trackedQueries).toBeGreaterThan(0);
    expect(hours).toBeGreaterThan(0);
    await kpi.locator('[data-testid="kpi-x-posts-per-hour-hint"]').waitFor();
    const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
    expect(await kpi.locator('.kpi__value').textContent()).toBe(compact.format(posts / hours));
    expect(await kpi.getAttribute('title')).toContain('divided by those hours');
    expect(t.consoleErrors).toEqual([]);
  });

  it('games page plots metricSeries; range, metric and mode live in the URL and restore', async () => {
    const { t, ops } = await visit('/games?range=24h&bucket=AUTO&tz=UTC');
    const first = await metricSeriesFor(await lastOperation(ops, 'MetricSeries'));
    await waitForChart(t, 'games-metric', countNonNull(first.series.map((s) => s.values)), first.series.length);
    expect(first.series.at(-1)?.other).toBe(true);

    await t.page.getByLabel('Metric').selectOption('HOURS_WATCHED');
    await t.page.getByRole('button', { name: 'Stacked area' }).click();
    await t.page.getByRole('button', { name: '7d', exact: true }).click();
    await t.page.waitForURL((url) => url.searchParams.get('range') === '7d' && url.searchParams.get('mode') === 'stacked');
    const op = await lastOperation(ops, 'MetricSeries', (o) => o.variables['metric'] === 'HOURS_WATCHED' && rangeMs(o) === 7 * 86400e3);
    const week = await metricSeriesFor(op);
    await waitForChart(t, 'games-metric', countNonNull(week.series.map((s) => s.values)), week.series.length);

    const rows = await csvOf(t, 'games-metric');
    expect(rows[0]).toEqual(['timestamp', ...week.series.map((s) => (s.other ? 'Other' : s.name))]);
    week.timestamps.forEach((ts, i) => {
      expect(rows[i + 1]![0]).toBe(ts);
      week.series.forEach((s, j) => {
        const v = s.values[i];
        expect(rows[i + 1]![j + 1]).toBe(v === null || v === undefined ? '' : String(v));
      });
    });

    const shared = await visit(new URL(t.page.url()).pathname + new URL(t.page.url()).search);
    const again = await lastOperation(shared.ops, 'MetricSeries');
    expect(again.variables['metric']).toBe('HOURS_WATCHED');
    expect(rangeMs(again)).toBe(7 * 86400e3);
    expect(await shared.t.page.getByLabel('Metric').inputValue()).toBe('HOURS_WATCHED');
    expect(await shared.t.page.getByRole('button', { name: 'Stacked area' }).getAttribute('aria-pressed')).toBe('true');
    expect([...t.consoleErrors, ...shared.t.consoleErrors]).toEqual([]);
  });

  it('nav keeps the range; the game page shows its series, channels and languages', async () => {
    const { t, ops } = await visit('/?range=7d&bucket=HOUR&tz=Europe%2FBerlin');
    await t.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Games' }).click();
    await t.page.waitForURL((url) => url.pathname === '/games');
    const url = new URL(t.page.url());
    expect([url.searchParams.get('range'), url.searchParams.get('bucket'), url.searchParams.get('tz')]).toEqual(['7d', 'HOUR', 'Europe/Berlin']);

    await t.page.locator('[data-testid="games-table"] tbody th a').first().click();
    await t.page.waitForURL((u) => u.pathname.startsWith('/games/'));
    expect(new URL(t.page.url()).searchParams.get('tz')).toBe('Europe/Berlin');
    const op = await lastOperation(ops, 'GameDetail');
    const { game } = await graphql<{
      game: { series: { series: Array<{ averageViewers: Array<number | null>; peakViewers: Array<number | null> }> }; languageSplit: unknown[]; topChannels: { edges: unknown[] } };
    }>(op);
    const s = game.series.series[0]!;
    await waitForChart(t, 'game-viewers', countNonNull([s.averageViewers, s.peakViewers]), 2);
    expect(await t.page.locator('[data-testid="game-languages"] li').count()).toBe(game.languageSplit.length);
    expect(await t.page.locator('[data-testid="game-channels"] tbody tr').count()).toBe(game.topChannels.edges.length);
    expect(t.consoleErrors).toEqual([]);
  });

  it('channels page pages through the Relay connection; the channel page draws its sessions', async () => {
    const { t, ops } = await visit('/channels?range=24h&bucket=AUTO&tz=UTC');
    const firstOp = await lastOperation(ops, 'TopChannels');
    const page1 = await graphql<{ topChannels: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean }; edges: Array<{ node: { rank: number; displayName: string | null; login: string | null } }> } }>(firstOp);
    await t.page.getByTestId('pager-info').waitFor();
    expect(await t.page.getByTestId('pager-info').textContent()).toBe(`1–25 of ${page1.topChannels.totalCount.toLocaleString('en-US')}`);
    expect(page1.topChannels.pageInfo.hasNextPage).toBe(true);

    await t.page.getByRole('button', { name: 'Next' }).click();
    const nextOp = await lastOperation(ops, 'TopChannels', (o) => o.variables['after'] === page1.topChannels.pageInfo.endCursor);
    const page2 = await graphql<typeof page1>(nextOp);
    await t.page.getByTestId('pager-info').filter({ hasText: '26–' }).waitFor();
    const ranks = await t.page.locator('[data-testid="channels-table"] tbody tr td.num:first-child').allTextContents();
    expect(ranks.map(Number)).toEqual(page2.topChannels.edges.map((e) => e.node.rank));
    await t.page.getByRole('button', { name: 'Previous' }).click();
    await t.page.getByTestId('pager-info').filter({ hasText: '1–25' }).waitFor();

    const login = page1.topChannels.edges[0]!.node.login!;
    await t.page.getByLabel('Search all channels, or press Enter to open one by login').fill(login);
    await t.page.getByRole('button', { name: 'Open channel' }).click();
    await t.page.waitForURL((u) => u.pathname === `/channels/${login}`);
    const detailOp = await lastOperation(ops, 'ChannelDetail');
    const { channel } = await graphql<{ channel: { sessions: unknown[] } }>(detailOp);
    expect(channel.sessions.length).toBeGreaterThan(0);
    await waitForChart(t, 'channel-sessions', channel.sessions.length, 1);
    expect(await t.page.locator('[data-testid="chart-channel-sessions"] .barlayer .point').count()).toBe(channel.sessions.length);
    expect(t.consoleErrors).toEqual([]);
  });

  it('channel search asks the API over all channels, keeps overall ranks and lives in the URL', async () => {
    type Conn = { totalCount: number; pageInfo: { endCursor: string }; edges: Array<{ node: { rank: number; login: string | null; displayName: string | null } }> };
    const { t, ops } = await visit('/channels?range=24h&bucket=AUTO&tz=UTC');
    const firstOp = await lastOperation(ops, 'TopChannels');
    const page1 = await graphql<{ topChannels: Conn }>(firstOp);
    // A channel beyond the first page: the old search only filtered the loaded page.
    const page2 = await graphql<{ topChannels: Conn }>({ ...firstOp, variables: { ...firstOp.variables, after: page1.topChannels.pageInfo.endCursor } });
    const target = page2.topChannels.edges.find((e) => e.node.login)!.node;
    const needle = target.login!.toUpperCase();
    await t.page.getByTestId('channel-search').fill(needle);
    await t.page.waitForURL((u) => u.searchParams.get('q') === needle);
    const op = await lastOperation(ops, 'TopChannels', (o) => o.variables['search'] === needle);
    expect(op.variables['after']).toBeNull();
    const found = (await graphql<{ topChannels: Conn }>(op)).topChannels;
    const matches = (n: Conn['edges'][number]['node']) => [n.login, n.displayName].some((v) => (v ?? '').toLowerCase().includes(needle.toLowerCase()));
    expect(found.edges.every((e) => matches(e.node))).toBe(true);
    expect(found.edges.find((e) => e.node.login === target.login)?.node.rank).toBe(target.rank);
    await t.page.getByTestId('pager-info').filter({ hasText: `of ${found.totalCount.toLocaleString('en-US')}` }).waitFor();
    const ranks = await t.page.locator('[data-testid="channels-table"] tbody tr td.num:first-child').allTextContents();
    expect(ranks.map(Number)).toEqual(found.edges.map((e) => e.node.rank));

    // The URL is the shareable state: opened afresh it asks the same question.
    const shared = await visit(new URL(t.page.url()).pathname + new URL(t.page.url()).search);
    await lastOperation(shared.ops, 'TopChannels', (o) => o.variables['search'] === needle);
    expect(await shared.t.page.getByTestId('channel-search').inputValue()).toBe(needle);
    expect([...t.consoleErrors, ...shared.t.consoleErrors]).toEqual([]);
  });

  it('languages page stacks shares that add up to 100% per covered bucket', async () => {
    const { t, ops } = await visit('/languages?range=24h&bucket=HOUR&tz=UTC');
    const op = await lastOperation(ops, 'MetricSeries', (o) => o.variables['groupBy'] === 'LANGUAGE');
    const result = await metricSeriesFor(op);
    // A bucket where every language is null stays a gap; others get a value for every group.
    const covered = result.timestamps.filter((_, i) => result.series.some((s) => s.values[i] !== null)).length;
    await waitForChart(t, 'language-share', covered * result.series.length, result.series.length);
    const rows = await csvOf(t, 'language-share');
    rows.slice(1).forEach((row, i) => {
      const total = result.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0);
      const cells = row.slice(1);
      if (result.series.every((s) => s.values[i] === null)) {
        expect(cells.every((c) => c === '')).toBe(true);
        return;
      }
      expect(cells.reduce((sum, c) => sum + Number(c), 0)).toBeCloseTo(100, 6);
      result.series.forEach((s, j) => expect(Number(cells[j])).toBeCloseTo(((s.values[i] ?? 0) / total) * 100, 6));
    });
    expect(t.consoleErrors).toEqual([]);
  });

  it('heatmap page draws every cell with sweeps and follows the time zone', async () => {
    const { t, ops } = await visit('/heatmap?range=7d&bucket=AUTO&tz=UTC');
    const op = await lastOperation(ops, 'ViewerHeatmap');
    const { viewerHeatmap } = await graphql<{ viewerHeatmap: { cells: Array<{ viewersPerChannel: number | null }> } }>(op);
    const filled = viewerHeatmap.cells.filter((c) => c.viewersPerChannel !== null).length;
    expect(filled).toBeGreaterThan(0);
    await waitForChart(t, 'viewer-heatmap', filled, 1);
    expect(await t.page.locator('[data-testid="chart-viewer-heatmap"] .heatmaplayer').count()).toBe(1);

    await t.page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await t.page.waitForURL((u) => u.searchParams.get('tz') === 'Asia/Tokyo');
    const tokyo = await lastOperation(ops, 'ViewerHeatmap', (o) => o.variables['timeZone'] === 'Asia/Tokyo');
    expect(tokyo.variables['timeZone']).toBe('Asia/Tokyo');
    const rows = await csvOf(t, 'viewer-heatmap');
    expect(rows.length).toBe(1 + 168);
    expect(t.consoleErrors).toEqual([]);
  });

  it('pipeline page shows freshness, last successes and recent runs', async () => {
    const { t, ops } = await visit('/pipeline?range=24h&bucket=AUTO&tz=UTC');
    const op = await lastOperation(ops, 'Pipeline');
    const { pipeline } = await graphql<{ pipeline: { lastSuccess: unknown[]; recentRuns: unknown[] } }>(op);
    await t.page.getByTestId('recent-runs').waitFor();
    expect(await t.page.locator('[data-testid="last-success"] tbody tr').count()).toBe(pipeline.lastSuccess.length);
    expect(await t.page.locator('[data-testid="recent-runs"] tbody tr').count()).toBe(pipeline.recentRuns.length);
    expect(await t.page.getByRole('link', { name: 'Bull Board' }).first().getAttribute('href')).toBe('/admin/queues');
    expect(t.consoleErrors).toEqual([]);
  });

  it('admin creates an API key shown once, lists and revokes it, and queues a job', async () => {
    expect(ADMIN_TOKEN).not.toBe('');
    const { t } = await visit('/settings?range=24h&bucket=AUTO&tz=UTC');
    await t.page.getByLabel('ADMIN_TOKEN of this deployment').fill(ADMIN_TOKEN);
    await t.page.getByRole('button', { name: 'Use token' }).click();
    expect(await t.page.evaluate(() => sessionStorage.getItem('streamscope.adminToken'))).toBe(ADMIN_TOKEN);

    const name = `e2e-${Date.now()}`;
    await t.page.getByLabel('Name').fill(name);
    await t.page.getByRole('button', { name: 'Create key' }).click();
    const key = (await t.page.getByTestId('created-key').locator('code').textContent()) ?? '';
    expect(key).toMatch(/^ssk_[a-z0-9]{8}_/);
    const row = t.page.locator('[data-testid="api-keys"] tbody tr', { hasText: name });
    await row.waitFor();
    expect(await row.locator('code').textContent()).toBe(key.split('_')[1]);
    // The list never shows the key itself.
    expect(await t.page.getByTestId('api-keys').textContent()).not.toContain(key);

    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await row.getByText('revoked').waitFor();

    await t.page.getByRole('button', { name: 'Refresh top games' }).click();
    await t.page.getByTestId('admin-message').filter({ hasText: 'queued as twitch.top-games' }).waitFor();

    // Reloading keeps the token for this tab session.
    await t.page.reload();
    await t.page.getByTestId('api-keys').waitFor();
    expect(t.consoleErrors).toEqual([]);
  });

  it('X page plots volume per tracked query and lists share of voice', async () => {
    const { t, ops } = await visit('/x?range=24h&bucket=AUTO&tz=UTC');
    const op = await lastOperation(ops, 'XVolume');
    const { xVolume, xShareOfVoice } = await graphql<{
      xVolume: { series: Array<{ posts: Array<number | null> }> };
      xShareOfVoice: Array<{ share: number }>;
    }>(op);
    expect(xVolume.series.length).toBeGreaterThan(0);
    expect(op.variables['bucket']).not.toBe('FIVE_MINUTES');
    const points = countNonNull(xVolume.series.map((s) => s.posts));
    if (points > 0) await waitForChart(t, 'x-volume', points, xVolume.series.length);
    else await t.page.waitForSelector('[data-testid="chart-x-volume"][data-state="empty"]');
    if (xShareOfVoice.length) {
      await t.page.getByTestId('x-share-of-voice').waitFor();
      expect(await t.page.locator('[data-testid="x-share-of-voice"] li').count()).toBe(xShareOfVoice.length);
      expect(xShareOfVoice.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 6);
    }
    expect(t.consoleErrors).toEqual([]);
  });

  it('game page states the cross-platform correlation and plots both axes', async () => {
    const { trackedQueries } = await graphql<{ trackedQueries: Array<{ gameId: string | null }> }>({
      query: '{ trackedQueries { gameId } }',
      variables: {},
    });
    const gameId = trackedQueries.find((q) => q.gameId)?.gameId ?? '509658';
    const { t, ops } = await visit(`/games/${gameId}?range=24h&bucket=AUTO&tz=UTC`);
    const op = await lastOperation(ops, 'CrossPlatform');
    const { crossPlatform } = await graphql<{ crossPlatform: { summary: string; averageViewers: Array<number | null>; posts: Array<number | null> } }>(op);
    await t.page.getByTestId('cross-platform-summary').filter({ hasText: crossPlatform.summary }).waitFor();
    const points = countNonNull([crossPlatform.averageViewers, crossPlatform.posts]);
    if (points > 0) {
      await waitForChart(t, 'cross-platform', points, 2);
      expect(await t.page.locator('[data-testid="chart-cross-platform"] .yaxislayer-above').count()).toBeGreaterThan(0);
    }
    expect(t.consoleErrors).toEqual([]);
  });

  it('admin adds a tracked X query and sees it listed, then pauses and removes it', async () => {
    const { t } = await visit('/settings?range=24h&bucket=AUTO&tz=UTC');
    await t.page.getByLabel('ADMIN_TOKEN of this deployment').fill(ADMIN_TOKEN);
    await t.page.getByRole('button', { name: 'Use token' }).click();
    const label = `E2E query ${Date.now()}`;
    await t.page.getByLabel('Label').fill(label);
    await t.page.getByLabel('X query').fill('streamscope e2e -is:retweet');
    await t.page.getByRole('button', { name: 'Track query' }).click();
    const row = t.page.locator('[data-testid="tracked-queries"] tbody tr', { hasText: label });
    await row.waitFor();
    const { trackedQueries } = await graphql<{ trackedQueries: Array<{ name: string | null; state: string }> }>({
      query: '{ trackedQueries { name state } }',
      variables: {},
    });
    expect(trackedQueries.find((q) => q.name === label)?.state).toBe('ACTIVE');
    await row.getByRole('button', { name: `Pause ${label}` }).click();
    await row.getByText('paused').waitFor();
    await row.getByRole('button', { name: `Remove ${label}` }).click();
    await row.waitFor({ state: 'detached' });
    expect(t.consoleErrors).toEqual([]);
  });

  it('admin tracks a game picked from the top games and changes a schedule interval, both listed', async () => {
    const { t } = await visit('/settings?range=24h&bucket=AUTO&tz=UTC');
    await t.page.getByLabel('ADMIN_TOKEN of this deployment').fill(ADMIN_TOKEN);
    await t.page.getByRole('button', { name: 'Use token' }).click();

    // Pick the first untracked top game; the id field takes its id.
    const picker = t.page.getByLabel('Pick from the top games (24 h)');
    await t.page.waitForFunction(() => document.querySelectorAll('select option[value]:not([value=""])').length > 0, undefined, { timeout: 20_000 });
    const option = picker.locator('option:not([value=""])').first();
    const [gameId, gameName] = [(await option.getAttribute('value')) ?? '', ((await option.textContent()) ?? '').trim()];
    expect(gameId).toMatch(/^[1-9][0-9]*$/);
    await picker.selectOption(gameId);
    expect(await t.page.getByLabel('Twitch game id', { exact: true }).inputValue()).toBe(gameId);
    await t.page.getByRole('button', { name: 'Track game' }).click();
    const row = t.page.locator('[data-testid="tracked-games"] tbody tr', { hasText: gameName });
    await row.waitFor();
    const { trackedGames } = await graphql<{ trackedGames: Array<{ id: string; name: string; state: string }> }>({
      query: '{ trackedGames { id name state } }',
      variables: {},
    });
    expect(trackedGames.find((g) => g.id === gameId)).toEqual({ id: gameId, name: gameName, state: 'ACTIVE' });
    // A tracked game leaves the picker, and the heatmap's game picker offers it first.
    expect(await picker.locator(`option[value="${gameId}"]`).count()).toBe(0);
    const heatmap = await visit('/heatmap?range=7d&bucket=AUTO&tz=UTC');
    const group = heatmap.t.page.locator('select optgroup[label="Tracked games"]');
    await group.locator(`option[value="${gameId}"]`).waitFor({ state: 'attached' });
    expect(await group.evaluate((g) => g.parentElement!.querySelector('optgroup') === g)).toBe(true);
    expect(heatmap.t.consoleErrors).toEqual([]);
    await row.getByRole('button', { name: `Pause ${gameName}` }).click();
    await row.locator('.status', { hasText: 'paused' }).waitFor();

    // Metadata every 20 minutes instead of the configured 15.
    const sched = t.page.locator('[data-testid="schedules"] tbody tr[data-schedule="twitch-metadata"]');
    await sched.getByLabel(/Interval of twitch\.metadata in seconds/).fill('1200');
    await sched.getByRole('button', { name: 'Save interval of twitch.metadata' }).click();
    await sched.getByText('20 min', { exact: true }).waitFor();
    await sched.getByText('(default 15 min)').waitFor();
    type S = { id: string; everySeconds: number; defaultEverySeconds: number; overridden: boolean; nextRunAt: string | null };
    const { schedules } = await graphql<{ schedules: S[] }>({ query: '{ schedules { id everySeconds defaultEverySeconds overridden nextRunAt } }', variables: {} });
    const metadata = schedules.find((s) => s.id === 'twitch-metadata')!;
    expect(metadata).toMatchObject({ everySeconds: 1200, defaultEverySeconds: 900, overridden: true });
    expect(Date.parse(metadata.nextRunAt ?? '')).toBeLessThanOrEqual(Date.now() + 1200_000);

    // Back to the configured interval; the stack stays as the other tests expect it.
    await sched.getByRole('button', { name: 'Reset interval of twitch.metadata' }).click();
    await sched.getByText('15 min', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Stop tracking ${gameName}` }).click();
    await row.waitFor({ state: 'detached' });
    expect(t.consoleErrors).toEqual([]);
  });
});

const PAGES = [
  { name: 'overview', path: '/', chart: 'viewers-by-game' },
  { name: 'games', path: '/games', chart: 'games-metric' },
  { name: 'game', path: '/games/509658', chart: 'game-viewers' },
  { name: 'channels', path: '/channels', ready: 'channels-table' },
  { name: 'languages', path: '/languages', chart: 'language-share' },
  { name: 'heatmap', path: '/heatmap', chart: 'viewer-heatmap' },
  { name: 'x', path: '/x', chart: 'x-volume' },
  { name: 'pipeline', path: '/pipeline', ready: 'recent-runs' },
  { name: 'admin', path: '/settings' },
] as const;

const SHOTS = [
  { name: 'desktop-light', width: 1280, height: 900, colorScheme: 'light' },
  { name: 'mobile-dark', width: 375, height: 812, colorScheme: 'dark' },
] as const;

describe('screenshots', () => {
  for (const shot of SHOTS) {
    it(`renders every page at ${shot.name} without horizontal scroll or console errors`, async () => {
      for (const p of PAGES) {
        const { t } = await visit(`${p.path}?range=7d&bucket=AUTO&tz=UTC`, shot);
        await t.page.waitForSelector(`html[data-theme="${shot.colorScheme}"]`);
        if ('chart' in p) {
          await t.page.waitForSelector(`[data-testid="chart-${p.chart}"][data-points]`, { timeout: 20_000 });
        }
        if ('ready' in p) await t.page.getByTestId(p.ready).waitFor();
        if (p.name === 'admin') await t.page.getByLabel('ADMIN_TOKEN of this deployment').waitFor();
        const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, p.name).toBeLessThanOrEqual(0);
        await t.page.screenshot({ path: `${SCREENSHOTS}${p.name}-${shot.name}.png`, fullPage: true });
        if (p.name === 'admin') {
          // The signed-in view (keys, tracked queries and games, schedules) is what needs review.
          await t.page.getByLabel('ADMIN_TOKEN of this deployment').fill(ADMIN_TOKEN);
          await t.page.getByRole('button', { name: 'Use token' }).click();
          await t.page.getByRole('heading', { name: 'Tracked games', exact: true }).waitFor();
          await t.page.locator('[data-testid="schedules"]').waitFor();
          const signedInOverflow = await t.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(signedInOverflow, 'admin signed in').toBeLessThanOrEqual(0);
          await t.page.screenshot({ path: `${SCREENSHOTS}admin-signed-in-${shot.name}.png`, fullPage: true });
        }
        expect(t.consoleErrors, p.name).toEqual([]);
        await t.context.close();
      }
    });
  }
});
