import type { Bucket, RollupLevel } from '../gql/graphql';
import { BUCKET_LABELS } from './time-range';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatInteger(value: number | null): string {
  return value === null ? '–' : integer.format(value);
}

export function formatCompact(value: number | null): string {
  return value === null ? '–' : compact.format(value);
}

export function formatPercent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

export const LEVEL_LABELS: Record<RollupLevel, string> = {
  RAW: 'per-sweep rows',
  HOURLY: 'hourly rollup',
  DAILY: 'daily rollup',
};

export function bucketLabel(bucket: Bucket): string {
  return BUCKET_LABELS[bucket].replace(/^1 /, '1 ').replace(' minutes', ' min');
}

export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
