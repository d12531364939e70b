import type { GameViewersQuery } from '../../gql/graphql';

type GameViewerSeries = GameViewersQuery['gameViewers'];

export interface GameSummaryRow {
  gameId: string;
  name: string;
  /** Hours watched ÷ covered hours over the whole range; null when no bucket has data. */
  averageViewers: number | null;
  peakViewers: number | null;
  hoursWatched: number;
}

/**
 * Range totals from the bucketed series: buckets without sweeps neither count as zeros nor
 * shrink the denominator; the peak is the max bucket peak.
 */
export function summarizeGames(result: GameViewerSeries): GameSummaryRow[] {
  return result.series.map((s) => {
    let hoursWatched = 0;
    let peak: number | null = null;
    s.hoursWatched.forEach((h) => {
      if (h !== null) hoursWatched += h;
    });
    s.peakViewers.forEach((p) => {
      if (p !== null && (peak === null || p > peak)) peak = p;
    });
    return {
      gameId: s.gameId,
      name: s.name,
      averageViewers: coverageWeightedMean(s.averageViewers, result.coverage),
      peakViewers: peak,
      hoursWatched,
    };
  });
}

/**
 * Mean of per-bucket averages weighted by covered time (coverage × equal bucket length). For
 * evenly swept buckets this equals hours watched ÷ covered hours; unlike that ratio it stays
 * right when one sweep stands for more than its bucket (hourly backfill in 5-minute buckets).
 */
export function coverageWeightedMean(values: ReadonlyArray<number | null>, coverage: readonly number[]): number | null {
  let sum = 0;
  let weight = 0;
  values.forEach((v, i) => {
    const w = coverage[i] ?? 0;
    if (v === null || w <= 0) return;
    sum += v * w;
    weight += w;
  });
  return weight > 0 ? sum / weight : null;
}

/** Mean coverage over the buckets of the range (0..1); null for an empty series. */
export function overallCoverage(result: GameViewerSeries): number | null {
  if (result.coverage.length === 0) return null;
  return result.coverage.reduce((sum, c) => sum + c, 0) / result.coverage.length;
}
