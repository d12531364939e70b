/**
 * SVG path of a small line: one subpath per run of values, so a null stays a visible gap.
 * Returns '' when nothing can be drawn.
 */
export function sparklinePath(values: ReadonlyArray<number | null>, width: number, height: number): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return '';
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => (max === min ? height / 2 : height - ((v - min) / span) * height);
  let d = '';
  let open = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      open = false;
      return;
    }
    const x = values.length > 1 ? i * step : width / 2;
    d += `${open ? 'L' : 'M'}${x.toFixed(1)},${y(v).toFixed(1)}`;
    open = true;
  });
  return d;
}

interface SparklineProps {
  values: ReadonlyArray<number | null>;
  label: string;
  width?: number;
  height?: number;
  color?: string;
}

/** A tiny inline trend (no Plotly), for tables. */
export function Sparkline({ values, label, width = 96, height = 24, color = 'currentColor' }: SparklineProps) {
  const d = sparklinePath(values, width, height - 4);
  return (
    <svg className="ssc-sparkline" width={width} height={height} viewBox={`0 ${-2} ${width} ${height}`} role="img" aria-label={label}>
      {d ? <path d={d} fill="none" stroke={color} strokeWidth="1.6" strokeLinejoin="round" strokeLinecap="round" /> : null}
    </svg>
  );
}
