export interface HeatmapCellInput {
  weekday: number;
  hour: number;
  value: number | null;
  sweeps: number;
}

export interface HeatmapMatrix {
  /** Monday first. */
  weekdays: string[];
  /** "00" … "23". */
  hours: string[];
  /** z[weekday][hour]; null = no sweeps in that cell (drawn blank, not as zero). */
  z: Array<Array<number | null>>;
  sweeps: number[][];
  /** Cells with a value. */
  points: number;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Weekday × hour grid from cells in any order; cells missing from the input stay null, and a
 * cell outside 0-6 × 0-23 is refused rather than silently dropped.
 */
export function buildHeatmapMatrix(cells: readonly HeatmapCellInput[]): HeatmapMatrix {
  const z = WEEKDAYS.map(() => Array.from({ length: 24 }, (): number | null => null));
  const sweeps = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  let points = 0;
  for (const cell of cells) {
    if (!Number.isInteger(cell.weekday) || cell.weekday < 0 || cell.weekday > 6 || !Number.isInteger(cell.hour) || cell.hour < 0 || cell.hour > 23) {
      throw new Error(`heatmap cell out of range: weekday ${cell.weekday}, hour ${cell.hour}`);
    }
    const value = cell.value !== null && Number.isFinite(cell.value) ? cell.value : null;
    if (value !== null && z[cell.weekday]![cell.hour] === null) points += 1;
    z[cell.weekday]![cell.hour] = value;
    sweeps[cell.weekday]![cell.hour] = cell.sweeps;
  }
  return { weekdays: [...WEEKDAYS], hours: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), z, sweeps, points };
}

/** The best cells by value, highest first (ties: earlier in the week first). */
export function bestCells(matrix: HeatmapMatrix, count: number): Array<{ weekday: number; hour: number; value: number }> {
  const all: Array<{ weekday: number; hour: number; value: number }> = [];
  matrix.z.forEach((row, weekday) =>
    row.forEach((value, hour) => {
      if (value !== null) all.push({ weekday, hour, value });
    }),
  );
  all.sort((a, b) => b.value - a.value || a.weekday - b.weekday || a.hour - b.hour);
  return all.slice(0, count);
}

function escapeCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per cell (weekday, hour, value, sweeps); empty value where the cell has no sweeps. */
export function heatmapCsv(matrix: HeatmapMatrix, valueName: string): string {
  const rows = [['weekday', 'hour', escapeCell(valueName), 'sweeps'].join(',')];
  matrix.z.forEach((row, weekday) =>
    row.forEach((value, hour) => {
      rows.push([matrix.weekdays[weekday], hour, value === null ? '' : String(value), matrix.sweeps[weekday]![hour]].join(','));
    }),
  );
  return rows.join('\r\n') + '\r\n';
}
