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
 * Range totals from the bucketed series, following the metric definitions: average viewers is
 * hours watched over covered hours (coverage × bucket length per bucket), so buckets without
 * sweeps neither count as zeros nor shrink the denominator; the peak is the max bucket peak.
 */
export function summarizeGames(result: GameViewerSeries): GameSummaryRow[] {
  let coveredHours = 0;
  result.timestamps.forEach((_, i) => {
    coveredHours += ((result.coverage[i] ?? 0) * result.bucketSeconds) / 3600;
  });
  return result.series.map((s) => {
    let hoursWatched = 0;
    let seen = false;
    let peak: number | null = null;
    s.hoursWatched.forEach((h) => {
      if (h === null) return;
      hoursWatched += h;
      seen = true;
    });
    s.peakViewers.forEach((p) => {
      if (p !== null && (peak === null || p > peak)) peak = p;
    });
    return {
      gameId: s.gameId,
      name: s.name,
      averageViewers: seen && coveredHours > 0 ? hoursWatched / coveredHours : null,
      peakViewers: peak,
      hoursWatched,
    };
  });
}

/** Mean coverage over the buckets of the range (0..1); null for an empty series. */
export function overallCoverage(result: GameViewerSeries): number | null {
  if (result.coverage.length === 0) return null;
  return result.coverage.reduce((sum, c) => sum + c, 0) / result.coverage.length;
}
