import type { ChartSeries } from './series.types';

function escapeCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV of exactly what a chart plots: one row per timestamp, one column per series, an empty
 * cell where a series has no value (a gap stays a gap, never a zero).
 */
export function buildSeriesCsv(timestamps: readonly string[], series: readonly ChartSeries[]): string {
  const header = ['timestamp', ...series.map((s) => s.name)].map(escapeCell).join(',');
  const rows = timestamps.map((ts, i) => {
    const cells = series.map((s) => {
      const v = s.values[i];
      return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
    });
    return [escapeCell(ts), ...cells].join(',');
  });
  return [header, ...rows].join('\r\n') + '\r\n';
}
