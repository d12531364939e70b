import type { Bucket, RollupLevel } from '../gql/graphql';
import { bucketLabel, formatPercent, LEVEL_LABELS } from '../lib/format';

interface Props {
  coverage: readonly number[];
  bucket: Bucket;
  level?: RollupLevel;
  partialSweeps?: readonly number[];
}

/** Coverage is shown with every series: gaps are missing sweeps, never zeros. */
export function CoverageNote({ coverage, bucket, level, partialSweeps }: Props) {
  const mean = coverage.length ? coverage.reduce((s, c) => s + c, 0) / coverage.length : null;
  const gaps = coverage.filter((c) => c === 0).length;
  const partial = partialSweeps?.reduce((s, n) => s + n, 0) ?? 0;
  return (
    <>
      coverage {formatPercent(mean)}
      {gaps ? ` · ${gaps} empty bucket${gaps === 1 ? '' : 's'} drawn as gaps` : ''}
      {partial ? ` · ${partial} partial sweep${partial === 1 ? '' : 's'}` : ''} · bucket {bucketLabel(bucket)}
      {level ? ` · ${LEVEL_LABELS[level]}` : ''}
    </>
  );
}
