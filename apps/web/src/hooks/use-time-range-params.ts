import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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

  // Each change applies to the newest URL written, not to this render's view: two quick changes
  // (bucket, then zone) before a re-render must both stick. React Router's functional update
  // hands over the params of the last render, so the newest query is tracked here.
  const latest = useRef(search);
  latest.current = search;
  const write = useCallback(
    (patch: Partial<TimeRange>) => {
      const current = new URLSearchParams(latest.current);
      const next = toSearchParams({ ...parseTimeRange(current, Date.now()), ...patch }, current);
      latest.current = next.toString();
      setSearchParams(next);
    },
    [setSearchParams],
  );

  return {
    ...range,
    setPreset: (preset) => write({ preset }),
    setCustomRange: (from, to) => write({ preset: null, from, to }),
    setBucket: (bucket) => write({ bucket }),
    setTimeZone: (timeZone) => write({ timeZone }),
  };
}
