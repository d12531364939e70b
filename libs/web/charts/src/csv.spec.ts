import { describe, expect, it } from 'vitest';
import { buildSeriesCsv } from './csv';

describe('buildSeriesCsv', () => {
  it('writes one row per timestamp with empty cells for gaps', () => {
    const csv = buildSeriesCsv(
      ['2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z'],
      [
        { key: 'a', name: 'Just Chatting', values: [1200.5, null, 0] },
        { key: 'b', name: 'Counter-Strike', values: [null, 33, 7.25] },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'timestamp,Just Chatting,Counter-Strike',
      '2026-01-01T00:00:00.000Z,1200.5,',
      '2026-01-01T01:00:00.000Z,,33',
      '2026-01-01T02:00:00.000Z,0,7.25',
      '',
    ]);
  });

  it('quotes names containing commas or quotes', () => {
    const csv = buildSeriesCsv(['t'], [{ key: 'x', name: 'Warhammer 40,000: "Darktide"', values: [1] }]);
    expect(csv.split('\r\n')[0]).toBe('timestamp,"Warhammer 40,000: ""Darktide"""');
  });

  it('keeps every value exactly as a number string, no rounding', () => {
    const values = [0.1 + 0.2, 123456789.123, 1e-7];
    const csv = buildSeriesCsv(['a', 'b', 'c'], [{ key: 'k', name: 'k', values }]);
    const parsed = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((row) => Number(row.split(',')[1]));
    expect(parsed).toEqual(values);
  });
});

describe('isolatedMarkerSizes', () => {
  it('marks only values with gaps on both sides', async () => {
    const { isolatedMarkerSizes } = await import('./plot-spec');
    expect(isolatedMarkerSizes([5, null, 7, 8, null, 9], 6)).toEqual([6, 0, 0, 0, 0, 6]);
    expect(isolatedMarkerSizes([null, 1, null], 4)).toEqual([0, 4, 0]);
  });
});
