import type { TimeRange } from '../../lib/time-range';
import { formatDateTime } from '../../lib/format';
import { ViewersByGameCard } from './viewers-by-game.card';

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

export function OverviewPage({ range, sweepIntervalSeconds }: Props) {
  return (
    <main className="page" id="main">
      <div className="page__heading">
        <h1>Overview</h1>
        <p className="page__range" data-testid="range-label">
          {formatDateTime(range.from, range.timeZone)} – {formatDateTime(range.to, range.timeZone)}{' '}
          <span className="muted">({range.timeZone})</span>
        </p>
      </div>
      <ViewersByGameCard range={range} sweepIntervalSeconds={sweepIntervalSeconds} />
    </main>
  );
}
