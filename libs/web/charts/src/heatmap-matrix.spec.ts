import { describe, expect, it } from 'vitest';
import { bestCells, buildHeatmapMatrix, heatmapCsv } from './heatmap-matrix';

describe('buildHeatmapMatrix', () => {
  it('places cells by weekday and hour whatever their order, leaving missing cells null', () => {
    const m = buildHeatmapMatrix([
      { weekday: 6, hour: 23, value: 12.5, sweeps: 4 },
      { weekday: 0, hour: 0, value: 3, sweeps: 2 },
      { weekday: 2, hour: 13, value: null, sweeps: 0 },
    ]);
    expect(m.z).toHaveLength(7);
    expect(m.z.every((row) => row.length === 24)).toBe(true);
    expect(m.z[6]![23]).toBe(12.5);
    expect(m.z[0]![0]).toBe(3);
    expect(m.z[2]![13]).toBeNull();
    expect(m.sweeps[6]![23]).toBe(4);
    expect(m.points).toBe(2);
    expect(m.weekdays[0]).toBe('Monday');
    expect(m.hours[9]).toBe('09');
  });

  it('refuses a cell outside the week', () => {
    expect(() => buildHeatmapMatrix([{ weekday: 7, hour: 0, value: 1, sweeps: 1 }])).toThrow(/out of range/);
    expect(() => buildHeatmapMatrix([{ weekday: 0, hour: 24, value: 1, sweeps: 1 }])).toThrow(/out of range/);
  });

  it('ranks the best cells and writes every cell to CSV', () => {
    const cells = [] as Array<{ weekday: number; hour: number; value: number | null; sweeps: number }>;
    for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) cells.push({ weekday: d, hour: h, value: d * 100 + h, sweeps: 1 });
    cells[5]!.value = null;
    const m = buildHeatmapMatrix(cells);
    expect(m.points).toBe(167);
    expect(bestCells(m, 2)).toEqual([
      { weekday: 6, hour: 23, value: 623 },
      { weekday: 6, hour: 22, value: 622 },
    ]);
    const lines = heatmapCsv(m, 'Viewers per channel').trim().split('\r\n');
    expect(lines).toHaveLength(1 + 168);
    expect(lines[0]).toBe('weekday,hour,Viewers per channel,sweeps');
    expect(lines[1]).toBe('Monday,0,0,1');
    expect(lines[6]).toBe('Monday,5,,1');
    expect(lines[168]).toBe('Sunday,23,623,1');
  });
});
