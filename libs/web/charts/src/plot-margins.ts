/** Width in px of a text in the chart's 12 px font. */
export type MeasureText = (text: string) => number;

export interface Margins {
  l: number;
  r: number;
  t: number;
  b: number;
}

export interface MarginInput {
  /** Width of the plot container (the figure's width). */
  width: number;
  height: number;
  /** Largest value on each y-axis (after stacking); null when the axis is absent. */
  yMax: number;
  y2Max: number | null;
  /** Names in the legend; empty when no legend is shown. */
  legendNames: readonly string[];
  measure: MeasureText;
}

// Measured against Plotly's own automargin result at the app's 12 px font (tick pad, rotated
// title and its standoff; legend rows; two-line date ticks). Each is a lower bound of what
// Plotly asks for; overshooting costs a few pixels of whitespace, undershooting a second draw.
const Y_AXIS_EXTRA = 31;
const LEGEND_ITEM_EXTRA = 46;
const LEGEND_ROW = 19;
const LEGEND_PAD = 10;
const LEGEND_GAP = 12;
/** layout.legend.y: the legend's top sits this fraction of the plot height below the plot. */
export const LEGEND_OFFSET = 0.14;
const DATE_TICKS_TWO_LINES = 47;
/** Room for a tick label overhanging the plot's top or right edge. */
const TOP = 20;
const RIGHT = 32;

const SI: ReadonlyArray<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
];

/** A tick value as d3's "~s" (the y-axis tickformat) writes it: 1500 → "1.5k", 0.5 → "500m". */
export function siLabel(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return '0';
  const abs = Math.abs(value);
  const [base, prefix] = SI.find(([b]) => abs >= b) ?? SI[SI.length - 1]!;
  const scaled = Number((value / base).toPrecision(6));
  return `${scaled}${prefix}`;
}

/** Plotly's automatic y ticks over [0, max]: about seven, on a 1-2-5 step. */
export function yTickLabels(max: number): string[] {
  if (!(max > 0) || !Number.isFinite(max)) return ['0'];
  const top = max * 1.05;
  const rough = top / 7;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  const labels: string[] = [];
  for (let k = 0; k * step <= top && labels.length < 50; k++) labels.push(siLabel(Number((k * step).toPrecision(12))));
  return labels;
}

function axisWidth(max: number, measure: MeasureText): number {
  return Math.ceil(Math.max(...yTickLabels(max).map(measure)) + Y_AXIS_EXTRA);
}

/**
 * Rows of a horizontal legend as Plotly lays it out: one row when every item fits side by side,
 * otherwise a grid whose columns are as wide as the widest item.
 */
export function legendRows(names: readonly string[], available: number, measure: MeasureText): number {
  if (names.length === 0) return 0;
  const widths = names.map((name) => measure(name) + LEGEND_ITEM_EXTRA);
  if (widths.reduce((a, b) => a + b, 0) <= available) return 1;
  const columns = Math.max(1, Math.floor(available / Math.max(...widths)));
  return Math.ceil(names.length / columns);
}

/**
 * Margins that already hold what Plotly's automargin would make room for. With them its
 * automargin pass finds nothing to push and the figure is laid out and drawn once, not twice
 * (about 40% of a first draw). automargin stays on, so an estimate that falls short still
 * ends in a correct, if slower, figure. Narrow plots are left to Plotly (see buildPlotSpec).
 */
export function estimateMargins(input: MarginInput): Margins {
  const l = axisWidth(input.yMax, input.measure);
  const r = input.y2Max === null ? RIGHT : Math.max(RIGHT, axisWidth(input.y2Max, input.measure));
  const t = TOP;
  let b = DATE_TICKS_TWO_LINES;
  if (input.legendNames.length > 0) {
    const rows = legendRows(input.legendNames, input.width - l - r, input.measure);
    const legend = LEGEND_PAD + rows * LEGEND_ROW + LEGEND_GAP;
    // b = LEGEND_OFFSET × (height − t − b) + legend, solved for b.
    b = Math.max(b, Math.ceil((LEGEND_OFFSET * (input.height - t) + legend) / (1 + LEGEND_OFFSET)));
  }
  return { l, r, t, b };
}

/** A canvas-backed measure in the given font; null where canvas is unavailable (tests). */
export function canvasMeasure(fontFamily: string, size = 12): MeasureText | null {
  if (typeof document === 'undefined') return null;
  let context: CanvasRenderingContext2D | null = null;
  try {
    context = document.createElement('canvas').getContext('2d');
  } catch {
    return null;
  }
  if (!context) return null;
  const ctx = context;
  ctx.font = `${size}px ${fontFamily}`;
  return (text) => ctx.measureText(text).width;
}
