export interface ShareInput {
  key: string;
  name: string;
  values: ReadonlyArray<number | null>;
}

/**
 * Each group's part of the per-bucket total, 0..1. A bucket where every group is null (no sweep)
 * stays null in every group, so the gap survives; a null group next to others counts as 0 there.
 */
export function sharesOverTime<T extends ShareInput>(groups: readonly T[], buckets: number): Array<T & { values: Array<number | null> }> {
  const totals = Array.from({ length: buckets }, (_, i) => {
    let total = 0;
    let seen = false;
    for (const g of groups) {
      const v = g.values[i];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        total += v;
        seen = true;
      }
    }
    return seen ? total : null;
  });
  return groups.map((g) => ({
    ...g,
    values: totals.map((total, i) => {
      if (total === null) return null;
      if (total === 0) return 0;
      const v = g.values[i];
      return v === null || v === undefined ? 0 : v / total;
    }),
  }));
}
