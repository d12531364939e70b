import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { SessionTimelineChart } from '@streamscope/charts';
import { PageHeading } from '../../components/page-heading';
import { emptyExplanation } from '../../lib/empty-state';
import { formatDateTime, formatInteger } from '../../lib/format';
import { useRangeSearch } from '../../lib/range-link';
import type { TimeRange } from '../../lib/time-range';
import { ChannelDetailQuery } from './channels.queries';

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h ? `${h} h ${m} min` : `${m} min`;
}

export function ChannelPage({ range, sweepIntervalSeconds }: Props) {
  const { login = '' } = useParams();
  const search = useRangeSearch();
  const { data, previousData, loading, error, refetch } = useQuery(ChannelDetailQuery, {
    variables: { login, from: range.from, to: range.to },
  });
  const channel = (data ?? previousData)?.channel;
  const sessions = useMemo(() => channel?.sessions ?? [], [channel]);
  const totals = useMemo(() => {
    let seconds = 0;
    let peak: number | null = null;
    for (const s of sessions) {
      seconds += s.durationSeconds;
      if (s.peakViewers !== null && (peak === null || s.peakViewers > peak)) peak = s.peakViewers;
    }
    return { seconds, peak };
  }, [sessions]);

  if (data && data.channel === null) {
    return (
      <main className="page" id="main">
        <PageHeading title="Channel not found" range={range} />
        <p className="empty-note">
          No channel “{login}” was ever seen live. <Link to={{ pathname: '/channels', search }}>Back to channels</Link>
        </p>
      </main>
    );
  }

  return (
    <main className="page" id="main">
      <PageHeading title={channel?.displayName ?? login} range={range}>
        <p className="breadcrumb">
          <Link to={{ pathname: '/channels', search }}>Channels</Link> / {login}
        </p>
      </PageHeading>
      <div className="stack">
        <section className="card" aria-labelledby="sessions-title">
          <div className="card__header">
            <div>
              <h2 id="sessions-title" className="card__title">
                Broadcast sessions
              </h2>
              <p className="card__subtitle" data-testid="sessions-meta">
                {sessions.length} session{sessions.length === 1 ? '' : 's'} · {duration(totals.seconds)} live · peak{' '}
                {formatInteger(totals.peak)} viewers
              </p>
            </div>
          </div>
          <SessionTimelineChart
            id="channel-sessions"
            title={`${login} sessions`}
            sessions={sessions}
            timeZone={range.timeZone}
            loading={loading}
            error={error && !channel ? `Could not load this channel: ${error.message}` : null}
            onRetry={() => void refetch()}
            emptyMessage={emptyExplanation(range, sweepIntervalSeconds, `broadcasts by ${login}`)}
          />
          {sessions.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="sessions-table">
                <caption className="visually-hidden">Sessions of {login}</caption>
                <thead>
                  <tr>
                    <th scope="col">Start</th>
                    <th scope="col" className="num">Duration</th>
                    <th scope="col" className="num">Avg</th>
                    <th scope="col" className="num">Peak</th>
                    <th scope="col" className="hide-sm">Games</th>
                    <th scope="col" className="hide-sm">Title</th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.streamId}>
                      <th scope="row">{formatDateTime(s.start, range.timeZone)}</th>
                      <td className="num">{duration(s.durationSeconds)}</td>
                      <td className="num">{formatInteger(s.averageViewers)}</td>
                      <td className="num">{formatInteger(s.peakViewers)}</td>
                      <td className="hide-sm">{s.gamesPlayed.join(', ')}</td>
                      <td className="hide-sm title-cell">{s.title}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      </div>
    </main>
  );
}
