import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeSeriesChart } from './time-series-chart';
import type { ChartSeries } from './series.types';
import { click, flush, mount, type Mounted } from './render.test-util';

const plotly = vi.hoisted(() => ({
  react: vi.fn(async () => undefined),
  purge: vi.fn(),
  downloadImage: vi.fn(async () => ''),
}));
const loader = vi.hoisted(() => ({ fail: false }));

vi.mock('./plotly-loader', () => ({
  loadPlotly: () => (loader.fail ? Promise.reject(new Error('chunk failed')) : Promise.resolve(plotly)),
}));

const timestamps = ['2026-03-01T00:00:00.000Z', '2026-03-01T01:00:00.000Z', '2026-03-01T02:00:00.000Z'];
const series: ChartSeries[] = [
  { key: '1', name: 'Alpha', values: [10, null, 30] },
  { key: '2', name: 'Beta', values: [null, null, 5] },
];
const axis = { label: 'Average viewers', unit: 'viewers' };
const empty = 'No sweeps in this range yet; the worker records one every minute.';

let mounted: Mounted | undefined;

beforeEach(() => {
  plotly.react.mockClear();
  plotly.downloadImage.mockClear();
  loader.fail = false;
});

afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

function chartEl(m: Mounted) {
  const el = m.container.querySelector('[data-testid="chart-viewers"]');
  if (!el) throw new Error('chart container missing');
  return el;
}

describe('TimeSeriesChart', () => {
  it('shows a skeleton while the first data loads', async () => {
    mounted = await mount(
      <TimeSeriesChart id="viewers" title="Viewers" timestamps={[]} series={[]} yAxis={axis} loading emptyMessage={empty} />,
    );
    const el = chartEl(mounted);
    expect(el.getAttribute('data-state')).toBe('loading');
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Loading');
    expect(el.hasAttribute('data-points')).toBe(false);
    expect(plotly.react).not.toHaveBeenCalled();
  });

  it('explains an empty result instead of drawing', async () => {
    const allNull: ChartSeries[] = [{ key: '1', name: 'Alpha', values: [null, null, null] }];
    mounted = await mount(
      <TimeSeriesChart id="viewers" title="Viewers" timestamps={timestamps} series={allNull} yAxis={axis} emptyMessage={empty} />,
    );
    const el = chartEl(mounted);
    expect(el.getAttribute('data-state')).toBe('empty');
    expect(el.textContent).toContain(empty);
    expect(plotly.react).not.toHaveBeenCalled();
  });

  it('shows an error with a Retry button that calls onRetry', async () => {
    const onRetry = vi.fn();
    mounted = await mount(
      <TimeSeriesChart
        id="viewers"
        title="Viewers"
        timestamps={timestamps}
        series={series}
        yAxis={axis}
        error="The API could not be reached."
        onRetry={onRetry}
        emptyMessage={empty}
      />,
    );
    const el = chartEl(mounted);
    expect(el.getAttribute('data-state')).toBe('error');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('The API could not be reached.');
    const retry = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Retry') ?? null;
    await click(retry);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('draws gaps as nulls and reports points and traces after drawing', async () => {
    mounted = await mount(
      <TimeSeriesChart id="viewers" title="Viewers" timestamps={timestamps} series={series} yAxis={axis} emptyMessage={empty} />,
    );
    await flush();
    const el = chartEl(mounted);
    expect(el.getAttribute('data-state')).toBe('ready');
    const expectedPoints = series.flatMap((s) => s.values).filter((v) => v !== null).length;
    expect(el.getAttribute('data-points')).toBe(String(expectedPoints));
    expect(el.getAttribute('data-traces')).toBe('2');

    expect(plotly.react).toHaveBeenCalledTimes(1);
    const [, data, layout] = plotly.react.mock.calls[0] as unknown as [
      HTMLElement,
      Array<{ y: unknown[]; connectgaps: boolean; hovertemplate: string }>,
      { yaxis: { title: { text: string } } },
    ];
    expect(data.map((t) => t.y)).toEqual(series.map((s) => s.values));
    expect(data.every((t) => t.connectgaps === false)).toBe(true);
    expect(data[0]!.hovertemplate).toContain('viewers');
    expect(layout.yaxis.title.text).toBe('Average viewers (viewers)');
  });

  it('keeps gaps as gaps when stacking', async () => {
    mounted = await mount(
      <TimeSeriesChart
        id="viewers"
        title="Viewers"
        timestamps={timestamps}
        series={[
          { key: '1', name: 'Alpha', values: [10, null, 30] },
          { key: '2', name: 'Beta', values: [1, null, 5] },
        ]}
        yAxis={axis}
        mode="stacked-area"
        emptyMessage={empty}
      />,
    );
    await flush();
    const [, data] = plotly.react.mock.calls[0] as unknown as [HTMLElement, Array<{ name: string; y: unknown[] }>];
    const byName = Object.fromEntries(data.map((t) => [t.name, t.y]));
    expect(byName['Alpha']).toEqual([10, null, 30]);
    expect(byName['Beta']).toEqual([11, null, 35]);
  });

  it('turns a failed Plotly load into a retryable error', async () => {
    loader.fail = true;
    mounted = await mount(
      <TimeSeriesChart id="viewers" title="Viewers" timestamps={timestamps} series={series} yAxis={axis} emptyMessage={empty} />,
    );
    await flush();
    const el = chartEl(mounted);
    expect(el.getAttribute('data-state')).toBe('error');
    loader.fail = false;
    const retry = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Retry') ?? null;
    await click(retry);
    await flush();
    expect(el.getAttribute('data-state')).toBe('ready');
    expect(el.getAttribute('data-points')).toBe('3');
  });

  it('downloads a CSV of exactly the plotted values', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const anchorClicks: string[] = [];
    const clickSpy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      anchorClicks.push(this.download);
    });
    mounted = await mount(
      <TimeSeriesChart id="viewers" title="Viewers by game" timestamps={timestamps} series={series} yAxis={axis} emptyMessage={empty} />,
    );
    await flush();
    const csvButton = [...chartEl(mounted).querySelectorAll('button')].find((b) => b.textContent?.includes('CSV')) ?? null;
    await click(csvButton);
    expect(anchorClicks).toEqual(['viewers-by-game.csv']);
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]!);
    });
    const expected = [
      'timestamp,Alpha,Beta',
      ...timestamps.map((ts, i) => [ts, ...series.map((s) => s.values[i] ?? '')].join(',')),
    ];
    expect(text.trim().split('\r\n')).toEqual(expected);
    clickSpy.mockRestore();
    vi.unstubAllGlobals();
  });
});
