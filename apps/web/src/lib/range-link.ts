import { useLocation } from 'react-router';

/** The query keys that describe the global view; page-specific keys stay on their page. */
export const RANGE_KEYS = ['range', 'from', 'to', 'bucket', 'tz'] as const;

export function rangeSearch(search: string): string {
  const current = new URLSearchParams(search);
  const next = new URLSearchParams();
  for (const key of RANGE_KEYS) {
    const value = current.get(key);
    if (value !== null) next.set(key, value);
  }
  const text = next.toString();
  return text ? `?${text}` : '';
}

/** Links between pages carry the time range, bucket and zone along. */
export function useRangeSearch(): string {
  return rangeSearch(useLocation().search);
}
