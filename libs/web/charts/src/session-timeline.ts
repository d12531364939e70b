import { toZonedWallClock } from './zoned-time';

export interface SessionInput {
  streamId: string;
  start: string;
  end: string;
  title: string;
  averageViewers: number | null;
  peakViewers: number | null;
  gamesPlayed: readonly string[];
}

export interface TimelineBars {
  /** Row label per session ("Mon 03-02"), one row per session so overlaps stay visible. */
  rows: string[];
  /** Bar starts as zone wall-clock strings (Plotly ignores offsets). */
  base: string[];
  /** Bar lengths in milliseconds (a date axis measures bar lengths in ms). */
  durationMs: number[];
  averageViewers: Array<number | null>;
  peakViewers: Array<number | null>;
  labels: string[];
}

/**
 * One horizontal bar per broadcast, oldest at the top, in the chosen zone. Sessions with an
 * end before their start are refused: they would draw backwards and hide a data error.
 */
export function buildSessionTimeline(sessions: readonly SessionInput[], timeZone: string): TimelineBars {
  const ordered = [...sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const out: TimelineBars = { rows: [], base: [], durationMs: [], averageViewers: [], peakViewers: [], labels: [] };
  const seen = new Map<string, number>();
  for (const s of ordered) {
    const startMs = Date.parse(s.start);
    const endMs = Date.parse(s.end);
    if (!(endMs >= startMs)) throw new Error(`session ${s.streamId} ends before it starts`);
    const wall = toZonedWallClock(s.start, timeZone);
    let row = `${wall.slice(5, 10)} ${wall.slice(11, 16)}`;
    // Two broadcasts starting in the same minute still get their own rows.
    const n = seen.get(row) ?? 0;
    seen.set(row, n + 1);
    if (n > 0) row = `${row} (${n + 1})`;
    out.rows.push(row);
    out.base.push(wall);
    out.durationMs.push(endMs - startMs);
    out.averageViewers.push(s.averageViewers);
    out.peakViewers.push(s.peakViewers);
    out.labels.push(`${s.title}${s.gamesPlayed.length ? ` · ${s.gamesPlayed.join(', ')}` : ''}`);
  }
  return out;
}

function escapeCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function sessionsCsv(sessions: readonly SessionInput[]): string {
  const ordered = [...sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const rows = ['stream_id,start,end,duration_seconds,average_viewers,peak_viewers,games,title'];
  for (const s of ordered) {
    rows.push(
      [
        escapeCell(s.streamId),
        s.start,
        s.end,
        String((Date.parse(s.end) - Date.parse(s.start)) / 1000),
        s.averageViewers === null ? '' : String(s.averageViewers),
        s.peakViewers === null ? '' : String(s.peakViewers),
        escapeCell(s.gamesPlayed.join('; ')),
        escapeCell(s.title),
      ].join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}
