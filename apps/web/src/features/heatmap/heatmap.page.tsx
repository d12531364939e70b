import { useId, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { bestCells, buildHeatmapMatrix, HeatmapChart, WEEKDAYS } from '@streamscope/charts';
import { PageHeading } from '../../components/page-heading';
import { usePageParam } from '../../hooks/use-page-param';
import { emptyExplanation } from '../../lib/empty-state';
import { formatInteger } from '../../lib/format';
import type { TimeRange } from '../../lib/time-range';
import { TrackedGamesQuery } from '../admin/tracking.queries';
import { TopGamesQuery } from '../overview/overview.queries';
import { ViewerHeatmapQuery } from './heatmap.queries';

const VALUE = { label: 'Viewers per live channel', unit: 'viewers', decimals: 1 };

interface Props {
  range: TimeRange;
  sweepIntervalSeconds: number | undefined;
}

export function HeatmapPage({ range, sweepIntervalSeconds }: Props) {
  const gameFieldId = useId();
  const [game, setGame] = usePageParam('game', '');
  const games = useQuery(TopGamesQuery, { variables: { from: range.from, to: range.to, first: 20, by: 'HOURS_WATCHED' } });
  const gameList = (games.data ?? games.previousData)?.topGames.edges.map((e) => e.node) ?? [];
  // Games the operator tracks come first: they are the ones asked about, whatever their rank.
  const tracked = useQuery(TrackedGamesQuery);
  const trackedList = (tracked.data?.trackedGames ?? []).filter((g) => g.state === 'ACTIVE');
  const topList = gameList.filter((g) => !trackedList.some((t) => t.id === g.gameId));
  const { data, previousData, loading, error, refetch } = useQuery(ViewerHeatmapQuery, {
    variables: { from: range.from, to: range.to, timeZone: range.timeZone, gameId: game || null },
  });
  const result = (data ?? previousData)?.viewerHeatmap;
  const matrix = useMemo(
    () =>
      result
        ? buildHeatmapMatrix(result.cells.map((c) => ({ weekday: c.weekday, hour: c.hour, value: c.viewersPerChannel ?? null, sweeps: c.sweeps })))
        : null,
    [result],
  );
  const best = matrix ? bestCells(matrix, 3) : [];
  const filled = matrix?.points ?? 0;
  const gameName = trackedList.find((g) => g.id === game)?.name ?? gameList.find((g) => g.gameId === game)?.name;

  return (
    <main className="page" id="main">
      <PageHeading title="When to stream" range={range} />
      <section className="card" aria-labelledby="heatmap-title">
        <div className="card__header">
          <div>
            <h2 id="heatmap-title" className="card__title">
              Viewers per live channel by weekday and hour
            </h2>
            <p className="card__subtitle" data-testid="heatmap-meta">
              {gameName ?? (game ? `Game ${game}` : 'All streams')} · hours in {range.timeZone} · {filled} of 168 cells have sweeps;
              blank cells had none
            </p>
          </div>
          <label className="field" htmlFor={gameFieldId}>
            <span className="field__label">Game</span>
            <select id={gameFieldId} value={game} onChange={(e) => setGame(e.target.value)}>
              <option value="">All streams</option>
              {game && !gameName ? <option value={game}>Game {game}</option> : null}
              {trackedList.length ? (
                <optgroup label="Tracked games">
                  {trackedList.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {trackedList.length ? (
                <optgroup label="Top games">
                  {topList.map((g) => (
                    <option key={g.gameId} value={g.gameId}>
                      {g.name}
                    </option>
                  ))}
                </optgroup>
              ) : (
                topList.map((g) => (
                  <option key={g.gameId} value={g.gameId}>
                    {g.name}
                  </option>
                ))
              )}
            </select>
          </label>
        </div>
        <HeatmapChart
          id="viewer-heatmap"
          title="Viewers per channel heatmap"
          matrix={matrix}
          value={VALUE}
          timeZone={range.timeZone}
          loading={loading}
          error={error && !result ? `Could not load the heatmap: ${error.message}` : null}
          onRetry={() => void refetch()}
          emptyMessage={emptyExplanation(range, sweepIntervalSeconds)}
        />
        {best.length ? (
          <p className="insight" data-testid="heatmap-best">
            Best slots: {best.map((b) => `${WEEKDAYS[b.weekday]} ${String(b.hour).padStart(2, '0')}:00 (${formatInteger(b.value)} viewers per channel)`).join('; ')}.
            {filled < 168 ? ' Blank cells had no sweeps: the range (or the stored history) does not cover every hour of the week yet.' : ''}
          </p>
        ) : null}
      </section>
    </main>
  );
}
