import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { act } from 'react';
import { useTimeRangeParams, type TimeRangeControls } from './use-time-range-params';
import { mount, type Mounted } from '../test/render.test-util';

const NOW = Date.parse('2026-05-10T12:34:56.789Z');
const MINUTE_START = Date.parse('2026-05-10T12:34:00.000Z');

interface Probe {
  range: TimeRangeControls;
  search: string;
  navigate: ReturnType<typeof useNavigate>;
}

let probe: Probe;
let mounted: Mounted | undefined;

function ProbeComponent() {
  const range = useTimeRangeParams();
  const location = useLocation();
  const navigate = useNavigate();
  probe = { range, search: location.search, navigate };
  return null;
}

async function open(url: string) {
  mounted = await mount(
    <MemoryRouter initialEntries={[url]}>
      <ProbeComponent />
    </MemoryRouter>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
  vi.useRealTimers();
});

describe('useTimeRangeParams', () => {
  it('reads a preset, bucket and zone from the URL', async () => {
    await open('/?range=7d&bucket=HOUR&tz=Europe/Berlin');
    expect(probe.range.preset).toBe('7d');
    expect(probe.range.bucket).toBe('HOUR');
    expect(probe.range.timeZone).toBe('Europe/Berlin');
    expect(Date.parse(probe.range.to)).toBe(MINUTE_START);
    expect(Date.parse(probe.range.to) - Date.parse(probe.range.from)).toBe(7 * 24 * 3600 * 1000);
  });

  it('defaults to the last 24 hours, AUTO bucket, UTC', async () => {
    await open('/');
    expect(probe.range.preset).toBe('24h');
    expect(probe.range.bucket).toBe('AUTO');
    expect(probe.range.timeZone).toBe('UTC');
    expect(Date.parse(probe.range.to) - Date.parse(probe.range.from)).toBe(24 * 3600 * 1000);
  });

  it('restores a custom from/to exactly', async () => {
    await open('/?from=2026-04-01T00:00:00.000Z&to=2026-04-03T06:00:00.000Z&bucket=DAY&tz=Asia/Tokyo');
    expect(probe.range.preset).toBeNull();
    expect(probe.range.from).toBe('2026-04-01T00:00:00.000Z');
    expect(probe.range.to).toBe('2026-04-03T06:00:00.000Z');
    expect(probe.range.bucket).toBe('DAY');
    expect(probe.range.timeZone).toBe('Asia/Tokyo');
  });

  it('falls back to defaults for unreadable values', async () => {
    await open('/?range=2y&bucket=YEARLY&tz=Mars/Olympus&from=2026-04-03T00:00:00Z&to=2026-04-01T00:00:00Z');
    expect(probe.range.preset).toBe('24h');
    expect(probe.range.bucket).toBe('AUTO');
    expect(probe.range.timeZone).toBe('UTC');
  });

  it('keeps both of two changes made before a re-render', async () => {
    await open('/?range=7d&bucket=AUTO&tz=UTC');
    const stale = probe.range;
    await act(async () => {
      stale.setBucket('HOUR');
      stale.setTimeZone('Europe/Berlin');
    });
    const params = new URLSearchParams(probe.search);
    expect(params.get('bucket')).toBe('HOUR');
    expect(params.get('tz')).toBe('Europe/Berlin');
    expect(params.get('range')).toBe('7d');
  });

  it('writes a preset change to the URL and keeps the other settings', async () => {
    await open('/?range=24h&bucket=SIX_HOURS&tz=America/New_York&metric=peak');
    await act(async () => probe.range.setPreset('30d'));
    const params = new URLSearchParams(probe.search);
    expect(params.get('range')).toBe('30d');
    expect(params.get('bucket')).toBe('SIX_HOURS');
    expect(params.get('tz')).toBe('America/New_York');
    expect(params.get('metric')).toBe('peak');
    expect(Date.parse(probe.range.to) - Date.parse(probe.range.from)).toBe(30 * 24 * 3600 * 1000);
  });

  it('replaces a preset with from/to when a custom range is applied, and back restores it', async () => {
    await open('/?range=7d&bucket=AUTO&tz=UTC');
    await act(async () => probe.range.setCustomRange('2026-05-01T00:00:00.000Z', '2026-05-02T00:00:00.000Z'));
    let params = new URLSearchParams(probe.search);
    expect(params.has('range')).toBe(false);
    expect(params.get('from')).toBe('2026-05-01T00:00:00.000Z');
    expect(params.get('to')).toBe('2026-05-02T00:00:00.000Z');
    expect(probe.range.preset).toBeNull();

    await act(async () => {
      await probe.navigate(-1);
    });
    params = new URLSearchParams(probe.search);
    expect(params.get('range')).toBe('7d');
    expect(probe.range.preset).toBe('7d');
  });

  it('updates bucket and time zone in the URL', async () => {
    await open('/');
    await act(async () => probe.range.setBucket('FIFTEEN_MINUTES'));
    await act(async () => probe.range.setTimeZone('Asia/Kolkata'));
    const params = new URLSearchParams(probe.search);
    expect(params.get('bucket')).toBe('FIFTEEN_MINUTES');
    expect(params.get('tz')).toBe('Asia/Kolkata');
    expect(params.get('range')).toBe('24h');
  });
});
