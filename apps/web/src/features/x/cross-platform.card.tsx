import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { TimeSeriesChart, type ChartSeries } from '@streamscope/charts';
import type { TimeRange } from '../../lib/time-range';
import { CrossPlatformQuery } from './x.queries';

const VIEWERS = { label: 'Average viewers', unit: 'viewers', decimals: 0 };
const POSTS = { label: 'X posts', unit: 'posts', decimals: 0 };

interface Props {
  gameId: string;
  range: TimeRange;
}

/** A game's Twitch viewers and its linked X query's posts on one time axis, two y-axes. */
export function CrossPlatformCard({ gameId, range }: Props) {
  const { data, previousData, loading, error, refetch } = useQuery(CrossPlatformQuery, {
    variables: { gameId, from: range.from, to: range.to },
  });
  const cp = (data ?? previousData)?.crossPlatform;
  const series: ChartSeries[] = useMemo(
    () =>
      cp
        ? [
            { key: 'viewers', name: 'Average viewers (Twitch)', values: cp.averageViewers },
            { key: 'posts', name: `Posts per hour (X${cp.query ? `: ${cp.query}` : ''})`, values: cp.posts, secondaryAxis: true },
          ]
        : [],
    [cp],
  );
  return (
    <section className="card" aria-labelledby="cross-platform-title">
      <div className="card__header">
        <div>
          <h2 id="cross-platform-title" className="card__title">
            Twitch viewers and X posts
          </h2>
          <p className="card__subtitle" data-testid="cross-platform-summary">
            {cp ? cp.summary : 'Hourly; the linked tracked query supplies the posts'}
          </p>
        </div>
      </div>
      <TimeSeriesChart
        id="cross-platform"
        title="Viewers and posts"
        timestamps={cp?.timestamps ?? []}
        series={series}
        yAxis={VIEWERS}
        y2Axis={POSTS}
        timeZone={range.timeZone}
        loading={loading}
        error={error && !cp ? `Could not load the cross-platform view: ${error.message}` : null}
        onRetry={() => void refetch()}
        emptyMessage={
          cp && !cp.queryId
            ? 'No tracked X query is linked to this game yet; link one on the Admin page (or wait for the automatic top-game queries).'
            : 'Neither viewers nor posts were stored for this game in this range.'
        }
      />
    </section>
  );
}
