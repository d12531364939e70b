import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApolloClient, useQuery } from '@apollo/client/react';
import type { Metric } from '../../gql/graphql';
import { PageHeading } from '../../components/page-heading';
import { RankChange } from '../../components/rank-change';
import { RelayPager } from '../../components/relay-pager';
import { usePageParam } from '../../hooks/use-page-param';
import { formatCompact, formatInteger } from '../../lib/format';
import { isMetric, METRIC_INFO, RANK_METRICS } from '../../lib/metrics';
import { useRangeSearch } from '../../lib/range-link';
import { currentCursor, FIRST_PAGE, nextPage, pageSpan, previousPage } from '../../lib/relay-pages';
import type { TimeRange } from '../../lib/time-range';
import { ChannelExistsQuery, TopChannelsQuery } from './channels.queries';

export const CHANNEL_PAGE_SIZE = 25;
/** Typing pauses this long before the list is asked again, so each keystroke is not a query. */
export const SEARCH_DEBOUNCE_MS = 250;
/** The API refuses longer searches; the box stops there instead of producing an error. */
export const SEARCH_MAX = 100;

interface Props {
  range: TimeRange;
}

export function ChannelsPage({ range }: Props) {
  const search = useRangeSearch();
  const navigate = useNavigate();
  const client = useApolloClient();
  const byId = useId();
  const searchId = useId();
  const [byParam, setBy] = usePageParam('by', 'HOURS_WATCHED');
  const by: Metric = isMetric(byParam) && RANK_METRICS.includes(byParam) ? byParam : 'HOURS_WATCHED';
  // The search lives in the URL (?q=) so a filtered list is a shareable link; the box updates at
  // once and the URL (and with it the query) once typing pauses.
  const [params, setParams] = useSearchParams();
  const needle = (params.get('q') ?? '').trim().slice(0, SEARCH_MAX);
  const [pages, setPages] = useState(FIRST_PAGE);
  const [filter, setFilter] = useState(needle);
  const [lookup, setLookup] = useState<string | null>(null);
  const pushed = useRef(needle);
  // Set when the box is submitted to open a channel: a pending search must not pull the page
  // back to /channels while that navigation is under way.
  const leaving = useRef(false);

  const writeSearch = useCallback(
    (typed: string) => {
      pushed.current = typed;
      // Replace, not push: Back should leave the page, not step through every search typed.
      setParams(
        (current) => {
          const p = new URLSearchParams(current);
          if (typed) p.set('q', typed);
          else p.delete('q');
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  useEffect(() => {
    const typed = filter.trim();
    if (typed === needle) return;
    const timer = setTimeout(() => {
      if (!leaving.current) writeSearch(typed);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [filter, needle, writeSearch]);
  // A URL change that did not come from the box (back/forward, an opened link) refills it.
  useEffect(() => {
    if (needle !== pushed.current) {
      pushed.current = needle;
      setFilter(needle);
    }
  }, [needle]);

  // A new question starts again at page one.
  useEffect(() => setPages(FIRST_PAGE), [range.from, range.to, by, needle]);

  const { data, previousData, loading, error, refetch } = useQuery(TopChannelsQuery, {
    variables: { from: range.from, to: range.to, first: CHANNEL_PAGE_SIZE, after: currentCursor(pages), by, search: needle || null },
  });
  const conn = (data ?? previousData)?.topChannels;
  const rows = conn?.edges.map((e) => e.node) ?? [];
  const span = pageSpan(pages, CHANNEL_PAGE_SIZE, rows.length, conn?.totalCount ?? 0);
  const matching = needle ? ` matching “${needle}”` : '';

  const open = async (event: FormEvent) => {
    event.preventDefault();
    const login = filter.trim().toLowerCase();
    if (!login) return;
    setLookup('Looking up…');
    leaving.current = true;
    const result = await client.query({ query: ChannelExistsQuery, variables: { login } }).catch(() => null);
    const found = result?.data?.channel;
    if (found) void navigate({ pathname: `/channels/${found.login}`, search });
    else {
      leaving.current = false;
      setLookup(`No channel “${login}” was ever seen live.`);
      if (filter.trim() !== needle) writeSearch(filter.trim());
    }
  };

  return (
    <main className="page" id="main">
      <PageHeading title="Channels" range={range} />
      <section className="card" aria-labelledby="channels-title">
        <div className="card__header">
          <div>
            <h2 id="channels-title" className="card__title">
              Top channels
            </h2>
            <p className="card__subtitle">
              Ranked by {METRIC_INFO[by].label.toLowerCase()}; rank change against the previous period
              {conn ? ` · ${conn.totalCount.toLocaleString('en-US')} channels${matching} live in the range` : ''}
            </p>
          </div>
          <label className="field" htmlFor={byId}>
            <span className="field__label">Rank by</span>
            <select id={byId} value={by} onChange={(e) => setBy(e.target.value)}>
              {RANK_METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_INFO[m].label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <form className="search-row" onSubmit={(e) => void open(e)} role="search">
          <label className="field search-row__field" htmlFor={searchId}>
            <span className="field__label">Search all channels, or press Enter to open one by login</span>
            <input
              id={searchId}
              type="search"
              value={filter}
              maxLength={SEARCH_MAX}
              placeholder="login or name"
              data-testid="channel-search"
              onChange={(e) => {
                setFilter(e.target.value);
                setLookup(null);
              }}
            />
          </label>
          <button type="submit" className="button" disabled={!filter.trim()}>
            Open channel
          </button>
        </form>
        {lookup ? (
          <p className="card__warning" role="status">
            {lookup}
          </p>
        ) : null}
        {error && !conn ? (
          <div className="ssc-state ssc-state--error" role="alert">
            <p>Could not load channels: {error.message}</p>
            <button type="button" className="ssc-button" onClick={() => void refetch()}>
              Retry
            </button>
          </div>
        ) : null}
        {conn && rows.length === 0 ? (
          <p className="empty-note">
            {needle
              ? `No channel live in this range matches “${needle}”; press Enter to open it by login.`
              : 'No channel was live in this range.'}
          </p>
        ) : null}
        {!conn && loading ? <p className="empty-note">Loading…</p> : null}
        {rows.length ? (
          <div className="table-wrap">
            <table className="table" data-testid="channels-table">
              <caption className="visually-hidden">Top channels over the selected range</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Change</th>
                  <th scope="col" className="num">
                    <span className="hide-sm">Avg viewers</span>
                    <span className="show-sm">Avg</span>
                  </th>
                  <th scope="col" className="num hide-sm">Peak viewers</th>
                  <th scope="col" className="num hide-sm">Hours watched</th>
                  <th scope="col" className="num hide-sm">Hours streamed</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.channelId}>
                    <td className="num">{c.rank}</td>
                    <th scope="row">
                      {c.login ? (
                        <Link className="game-name" to={{ pathname: `/channels/${c.login}`, search }}>
                          {c.displayName ?? c.login}
                        </Link>
                      ) : (
                        <span className="game-name">{c.channelId}</span>
                      )}
                    </th>
                    <td>
                      <RankChange change={c.rankChange} />
                    </td>
                    <td className="num">{formatInteger(c.averageViewers)}</td>
                    <td className="num hide-sm">{formatInteger(c.peakViewers)}</td>
                    <td className="num hide-sm">{formatCompact(c.hoursWatched)}</td>
                    <td className="num hide-sm">{formatCompact(c.hoursStreamed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {conn ? (
          <RelayPager
            label="Channels"
            from={span.from}
            to={span.to}
            total={conn.totalCount}
            canPrevious={pages.index > 0}
            canNext={conn.pageInfo.hasNextPage}
            onPrevious={() => setPages(previousPage(pages))}
            onNext={() => setPages(nextPage(pages, conn.pageInfo.endCursor ?? null, conn.pageInfo.hasNextPage))}
          />
        ) : null}
      </section>
    </main>
  );
}
