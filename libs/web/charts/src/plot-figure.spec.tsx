import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeatmapChart } from './heatmap-chart';
import { buildHeatmapMatrix } from './heatmap-matrix';
import { SessionTimelineChart } from './session-timeline-chart';
import { click, flush, mount, type Mounted } from './render.test-util';

const plotly = vi.hoisted(() => ({
  react: vi.fn(async () => undefined),
  purge: vi.fn(),
  downloadImage: vi.fn(async () => ''),
}));
const bundles = vi.hoisted(() => [] as Array<string | undefined>);
vi.mock('./plotly-loader', () => ({
  loadPlotly: (bundle?: string) => {
    bundles.push(bundle);
    return Promise.resolve(plotly);
  },
}));

let mounted: Mounted | undefined;
beforeEach(() => {
  plotly.react.mockClear();
  bundles.length = 0;
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

const axis = { label: 'Viewers per channel', unit: 'viewers', decimals: 1 };

describe('HeatmapChart', () => {
  it('draws one heatmap trace with the matrix and reports its filled cells', async () => {
    const matrix = buildHeatmapMatrix([
      { weekday: 1, hour: 5, value: 40, sweeps: 3 },
      { weekday: 4, hour: 20, value: 90, sweeps: 3 },
    ]);
    mounted = await mount(<HeatmapChart id="hm" title="When to stream" matrix={matrix} value={axis} timeZone="UTC" emptyMessage="none" />);
    await flush();
    const el = mounted.container.querySelector('[data-testid="chart-hm"]')!;
    expect(el.getAttribute('data-state')).toBe('ready');
    expect(el.getAttribute('data-points')).toBe('2');
    expect(el.getAttribute('data-traces')).toBe('1');
    const [, data] = plotly.react.mock.calls[0] as unknown as [HTMLElement, Array<{ type: string; z: unknown }>];
    expect(data[0]!.type).toBe('heatmap');
    expect(data[0]!.z).toBe(matrix.z);
    // Heatmaps are not in the basic partial bundle.
    expect(bundles[0]).toBe('cartesian');
  });

  it('explains an all-empty week and offers retry on errors', async () => {
    const onRetry = vi.fn();
    mounted = await mount(
      <HeatmapChart id="hm" title="t" matrix={buildHeatmapMatrix([])} value={axis} timeZone="UTC" emptyMessage="No sweeps yet." />,
    );
    expect(mounted.container.textContent).toContain('No sweeps yet.');
    await mounted.rerender(
      <HeatmapChart id="hm" title="t" matrix={null} value={axis} timeZone="UTC" error="boom" onRetry={onRetry} emptyMessage="x" />,
    );
    await click([...mounted.container.querySelectorAll('button')].find((b) => b.textContent === 'Retry') ?? null);
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(plotly.react).not.toHaveBeenCalled();
  });
});

describe('SessionTimelineChart', () => {
  it('draws one bar per session', async () => {
    const s = { title: 't', averageViewers: 1, peakViewers: 2, gamesPlayed: [] };
    mounted = await mount(
      <SessionTimelineChart
        id="sessions"
        title="Sessions"
        timeZone="UTC"
        emptyMessage="none"
        sessions={[
          { ...s, streamId: '1', start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T02:00:00.000Z' },
          { ...s, streamId: '2', start: '2026-01-02T00:00:00.000Z', end: '2026-01-02T01:00:00.000Z' },
        ]}
      />,
    );
    await flush();
    const el = mounted.container.querySelector('[data-testid="chart-sessions"]')!;
    expect(el.getAttribute('data-points')).toBe('2');
    const [, data] = plotly.react.mock.calls[0] as unknown as [HTMLElement, Array<{ type: string; x: number[]; base: string[] }>];
    expect(data[0]!.type).toBe('bar');
    expect(bundles[0]).toBe('basic');
    expect(data[0]!.x).toEqual([7200e3, 3600e3]);
    expect(data[0]!.base).toEqual(['2026-01-01 00:00:00', '2026-01-02 00:00:00']);
  });
});
