import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Bucket } from '../gql/graphql';
import type { RangePreset, TimeRange } from '../lib/time-range';
import { parseTimeRange, toSearchParams } from '../lib/time-range';

export interface TimeRangeControls extends TimeRange {
  setPreset(preset: RangePreset): void;
  setCustomRange(from: string, to: string): void;
  setBucket(bucket: Bucket): void;
  setTimeZone(timeZone: string): void;
}

export interface TimeRangeOptions {
  /** Slide a preset window forward this often (ms), so "last 24h" stays the last 24 hours. */
  slideEveryMs?: number;
}

/**
 * The one global time range, bucket and zone, kept in the URL query (?range=7d&bucket=AUTO&tz=UTC
 * or ?from=…&to=…). Each change pushes a history entry, so back/forward and shared links work.
 */
export function useTimeRangeParams(options: TimeRangeOptions = {}): TimeRangeControls {
  const [searchParams, setSearchParams] = useSearchParams();
  const [tick, setTick] = useState(0);
  const search = searchParams.toString();

  const range = useMemo(
    () => parseTimeRange(new URLSearchParams(search), Date.now()),
    // tick is a dependency only to re-read the clock for sliding windows.
    [search, tick],
  );

  const { slideEveryMs } = options;
  useEffect(() => {
    if (!slideEveryMs || !range.preset) return;
    const id = setInterval(() => setTick((t) => t + 1), slideEveryMs);
    return () => clearInterval(id);
  }, [slideEveryMs, range.preset]);

  const write = useCallback(
    (next: TimeRange) => setSearchParams((current) => toSearchParams(next, current)),
    [setSearchParams],
  );

  return {
    ...range,
    setPreset: (preset) => write({ ...range, preset }),
    setCustomRange: (from, to) => write({ ...range, preset: null, from, to }),
    setBucket: (bucket) => write({ ...range, bucket }),
    setTimeZone: (timeZone) => write({ ...range, timeZone }),
  };
}
