import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { formatCompact, formatInteger } from '../../lib/format';
import { compare } from '../../lib/kpi';
import { useRangeSearch } from '../../lib/range-link';
import type { TimeRange } from '../../lib/time-range';
import { Trend } from './kpi-trend';
import { XPostRateQuery } from './overview.queries';

const MEANING =
  'Posts matching the active tracked X queries (from the counts endpoint, not the stored sample), summed over the whole hours ' +
  'of the range that have stored counts, divided by those hours. The hour still filling is left out. The trend compares ' +
  'with the previous period of equal length.';

/** The X side of the overview: how fast the tracked queries are being posted about. */
export function XPostRateKpi({ range }: { range: Pick<TimeRange, 'from' | 'to'> }) {
  const search = useRangeSearch();
  const { data, previousData, error } = useQuery(XPostRateQuery, { variables: { from: range.from, to: range.to } });
  const rate = (data ?? previousData)?.xPostRate;
  const kpi = compare(rate?.postsPerHour ?? null, rate?.previousPostsPerHour ?? null);

  let hint: ReactNode = null;
  if (error && !rate) hint = <span className="kpi__trend muted">could not load: {error.message}</span>;
  else if (rate?.trackedQueries === 0)
    hint = (
      <span className="kpi__trend muted">
        no X query tracked · <Link to={{ pathname: '/x', search }}>track one</Link>
      </span>
    );
  else if (rate && rate.hoursCovered === 0) hint = <span className="kpi__trend muted">no counts stored in this range</span>;
  else if (rate)
    hint = (
      <>
        <Trend kpi={kpi} />
        <span className="kpi__hint muted" data-testid="kpi-x-posts-per-hour-hint">
          {formatInteger(rate.posts)} posts ÷ {formatInteger(rate.hoursCovered)} h counted · {rate.trackedQueries}{' '}
          {rate.trackedQueries === 1 ? 'query' : 'queries'}
        </span>
      </>
    );

  return (
    <div className="kpi" data-testid="kpi-x-posts-per-hour" title={MEANING} data-state={rate ? (rate.trackedQueries === 0 ? 'empty' : 'ready') : error ? 'error' : 'loading'}>
      <span className="kpi__label">X posts per hour</span>
      <span className="kpi__value">{rate?.trackedQueries ? formatCompact(rate.postsPerHour) : '–'}</span>
      {hint}
    </div>
  );
}
