import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page-specific view setting kept in the URL next to the range, so it survives reloads and
 * shared links; the default value is left out of the URL to keep links short.
 */
export function usePageParam(key: string, fallback: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(key) ?? fallback;
  const set = useCallback(
    (next: string) =>
      setParams((current) => {
        const p = new URLSearchParams(current);
        if (next === fallback || next === '') p.delete(key);
        else p.set(key, next);
        return p;
      }),
    [key, fallback, setParams],
  );
  return [value, set];
}
