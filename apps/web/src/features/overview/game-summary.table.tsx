import { formatCompact, formatInteger } from '../../lib/format';
import type { GameSummaryRow } from './game-summary';

interface Props {
  rows: readonly GameSummaryRow[];
}

export function GameSummaryTable({ rows }: Props) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="game-summary">
        <caption className="visually-hidden">Games over the selected range</caption>
        <thead>
          <tr>
            <th scope="col">Game</th>
            <th scope="col" className="num">
              <span className="hide-sm">Avg viewers</span>
              <span className="show-sm">Avg</span>
            </th>
            <th scope="col" className="num">
              <span className="hide-sm">Peak viewers</span>
              <span className="show-sm">Peak</span>
            </th>
            <th scope="col" className="num hide-sm">
              Hours watched
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.gameId}>
              <th scope="row">
                <span className="game-cell">
                  <span className="swatch" style={{ background: `var(--series-${(i % 8) + 1})` }} aria-hidden="true" />
                  <span className="game-name">{row.name}</span>
                </span>
              </th>
              <td className="num">{formatInteger(row.averageViewers)}</td>
              <td className="num">{formatInteger(row.peakViewers)}</td>
              <td className="num hide-sm">{formatCompact(row.hoursWatched)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
