import { describe, expect, it } from 'vitest';
import { estimateMargins, legendRows, siLabel, yTickLabels } from './plot-margins';
import { buildPlotSpec } from './plot-spec';

// Every character 6 px wide: easy to reason about.
const mono = (text: string) => text.length * 6;

describe('siLabel', () => {
  it('writes tick values as d3 "~s" does', () => {
    expect([0, 7, 500, 1000, 1500, 25_000, 2_500_000, 0.5].map(siLabel)).toEqual(['0', '7', '500', '1k', '1.5k', '25k', '2.5M', '500m']);
  });
});

describe('yTickLabels', () => {
  it('steps 1-2-5 to just above the maximum', () => {
    expect(yTickLabels(1759)).toEqual(['0', '500', '1k', '1.5k']);
    expect(yTickLabels(16_140)).toEqual(['0', '5k', '10k', '15k']);
    expect(yTickLabels(0)).toEqual(['0']);
  });
});

describe('legendRows', () => {
  it('keeps one row when all items fit, else a grid of the widest item', () => {
    // Items of 10 characters: 60 + 46 = 106 px each.
    const names = Array.from({ length: 6 }, (_, i) => `game ${i}....`.slice(0, 10));
    expect(legendRows(names, 6 * 106, mono)).toBe(1);
    expect(legendRows(names, 6 * 106 - 1, mono)).toBe(2); // 5 columns
    expect(legendRows(names, 250, mono)).toBe(3); // 2 columns
    expect(legendRows([], 100, mono)).toBe(0);
  });
});

describe('estimateMargins', () => {
  it('makes room for the widest y tick label, two-line date ticks and the legend below the plot', () => {
    const m = estimateMargins({ width: 1000, height: 360, yMax: 1759, y2Max: null, legendNames: ['Alpha', 'Beta'], measure: mono });
    expect(m.l).toBe(4 * 6 + 31); // "1.5k"
    expect(m.r).toBe(32);
    expect(m.t).toBe(20);
    // One legend row (10 + 19 + 12 px) 14% of the plot height below it: b = (0.14 × 340 + 41) / 1.14.
    expect(m.b).toBe(Math.ceil((0.14 * 340 + 41) / 1.14));
    const noLegend = estimateMargins({ width: 1000, height: 360, yMax: 10, y2Max: 1_500_000, legendNames: [], measure: mono });
    expect(noLegend.b).toBe(47);
    expect(noLegend.r).toBe(4 * 6 + 31); // "1.5M" on the right axis
  });
});

describe('buildPlotSpec margins', () => {
  const base = {
    timestamps: ['2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'],
    series: [
      { key: 'a', name: 'Alpha', values: [900, 800] },
      { key: 'b', name: 'Beta', values: [900, null] },
    ],
    yAxis: { label: 'Viewers', unit: 'viewers' },
    timeZone: 'UTC',
    height: 360,
    theme: { text: '#000', muted: '#555', grid: '#eee', axis: '#ccc', surface: '#fff', fontFamily: 'sans-serif', series: ['#111', '#222'] },
  };
  const marginOf = (spec: { layout: unknown }) => (spec.layout as { margin: Record<string, number> }).margin;

  it('sizes margins from the stacked top when measured, and leaves them to Plotly otherwise', () => {
    const lines = marginOf(buildPlotSpec({ ...base, mode: 'lines', width: 900, measure: mono }));
    expect(lines.l).toBe(3 * 6 + 31); // ticks up to "800"
    const stacked = marginOf(buildPlotSpec({ ...base, mode: 'stacked-area', width: 900, measure: mono }));
    expect(stacked.l).toBe(4 * 6 + 31); // 900 + 900 stacked: ticks up to "1.5k"
    expect(marginOf(buildPlotSpec({ ...base, mode: 'lines' }))).toEqual({ l: 8, r: 16, t: 8, b: 8 });
    expect(marginOf(buildPlotSpec({ ...base, mode: 'lines', width: 400, measure: mono, compact: true }))).toEqual({ l: 8, r: 16, t: 8, b: 8 });
  });
});

describe('buildPlotSpec markers', () => {
  it('draws markers only on traces with an isolated value', () => {
    const spec = buildPlotSpec({
      timestamps: ['2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z', '2026-03-01T02:00:00Z'],
      series: [
        { key: 'a', name: 'Alpha', values: [1, 2, 3] },
        { key: 'b', name: 'Beta', values: [null, 5, null] },
      ],
      yAxis: { label: 'Viewers', unit: 'viewers' },
      mode: 'lines',
      timeZone: 'UTC',
      height: 360,
      theme: { text: '#000', muted: '#555', grid: '#eee', axis: '#ccc', surface: '#fff', fontFamily: 'sans-serif', series: ['#111', '#222'] },
    });
    const [a, b] = spec.data as Array<{ mode: string; marker?: { size: number[] } }>;
    expect(a).toMatchObject({ mode: 'lines' });
    expect(a!.marker).toBeUndefined();
    expect(b).toMatchObject({ mode: 'lines+markers', marker: { size: [0, 6, 0] } });
  });
});
