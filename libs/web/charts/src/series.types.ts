export interface ChartSeries {
  /** Stable key, used for colors and CSV column order. */
  key: string;
  name: string;
  /** Aligned with the chart's timestamps; null means no data in that bucket (drawn as a gap). */
  values: ReadonlyArray<number | null>;
  /** Draw against the secondary y-axis. */
  secondaryAxis?: boolean;
}

export interface AxisSpec {
  label: string;
  unit: string;
  /** Decimals shown on hover; trailing zeros are trimmed. */
  decimals?: number;
}

export function countPoints(series: readonly ChartSeries[]): number {
  let points = 0;
  for (const s of series) {
    for (const v of s.values) if (v !== null && Number.isFinite(v)) points += 1;
  }
  return points;
}
