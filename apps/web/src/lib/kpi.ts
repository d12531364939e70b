export interface Kpi {
  current: number | null;
  previous: number | null;
  /** (current − previous) ÷ previous; null when either side is missing or previous is 0. */
  change: number | null;
}

export function lastValue(values: ReadonlyArray<number | null>): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return v;
  }
  return null;
}

export function compare(current: number | null, previous: number | null): Kpi {
  const change = current !== null && previous !== null && previous !== 0 ? (current - previous) / previous : null;
  return { current, previous, change };
}

