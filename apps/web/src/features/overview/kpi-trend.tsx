import type { Kpi } from '../../lib/kpi';

/** A KPI's change against the previous period of equal length, or why there is none. */
export function Trend({ kpi }: { kpi: Kpi }) {
  if (kpi.change === null) return <span className="kpi__trend muted">no previous period</span>;
  const pct = Math.round(kpi.change * 1000) / 10;
  const dir = pct > 0 ? 'up' : pct < 0 ? 'down' : 'flat';
  return (
    <span className={`kpi__trend kpi__trend--${dir}`}>
      {pct > 0 ? '▲' : pct < 0 ? '▼' : '■'} {Math.abs(pct)}% <span className="muted">vs previous period</span>
    </span>
  );
}
