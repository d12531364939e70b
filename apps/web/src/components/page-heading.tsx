import type { ReactNode } from 'react';
import type { TimeRange } from '../lib/time-range';
import { formatDateTime } from '../lib/format';

interface Props {
  title: ReactNode;
  range: TimeRange;
  children?: ReactNode;
}

export function PageHeading({ title, range, children }: Props) {
  return (
    <div className="page__heading">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      <p className="page__range" data-testid="range-label">
        {formatDateTime(range.from, range.timeZone)} – {formatDateTime(range.to, range.timeZone)}{' '}
        <span className="muted">({range.timeZone})</span>
      </p>
    </div>
  );
}
