import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, useLocation } from 'react-router';
import { MockedProvider } from '@apollo/client/testing/react';
import { mount, type Mounted } from '../../test/render.test-util';
import type { TimeRange } from '../../lib/time-range';
import { ChannelsPage, SEARCH_DEBOUNCE_MS } from './channels.page';
import { TopChannelsQuery } from './channels.queries';

const range: TimeRange = { preset: '24h', from: '2026-05-09T12:00:00.000Z', to: '2026-05-10T12:00:00.000Z', bucket: 'AUTO', timeZone: 'UTC' };
const asked: Array<string | null> = [];
let search = '';
let mounted: Mounted | undefined;

function Location() {
  search = useLocation().search;
  return null;
}

/** Answers every TopChannels request with one channel named after the search, recording it. */
const mocks = [
  {
    request: {
      query: TopChannelsQuery,
      variables: (v: Record<string, unknown>) => {
        asked.push((v['search'] as string | null | undefined) ?? null);
        return true;
      },
    },
    maxUsageCount: 50,
    result: (v: Record<string, unknown>) => {
      const login = String(v['search'] ?? 'top');
      return {
        data: {
          topChannels: {
            __typename: 'TopChannelConnection',
            totalCount: 1,
            level: 'HOURLY',
            pageInfo: { __typename: 'PageInfo', endCursor: 'MA==', hasNextPage: false },
            edges: [
              {
                __typename: 'TopChannelEdge',
                cursor: 'MA==',
                node: {
                  __typename: 'TopChannel', channelId: '7', login, displayName: login.toUpperCase(), rank: 42, previousRank: null, rankChange: null,
                  averageViewers: 10, peakViewers: 20, hoursWatched: 5, hoursStreamed: 1,
                },
              },
            ],
          },
        },
      };
    },
  },
];

async function open(url: string) {
  mounted = await mount(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={[url]}>
        <ChannelsPage range={range} />
        <Location />
      </MemoryRouter>
    </MockedProvider>,
  );
}

async function settle(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  asked.length = 0;
});

afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
  vi.useRealTimers();
});

describe('ChannelsPage search', () => {
  it('asks the API with the search from the URL and fills the box', async () => {
    await open('/channels?range=24h&q=shroud');
    await settle(100);
    expect(asked).toEqual(['shroud']);
    expect((mounted!.container.querySelector('[data-testid="channel-search"]') as HTMLInputElement).value).toBe('shroud');
    expect(mounted!.container.querySelector('[data-testid="channels-table"] tbody th')?.textContent).toBe('SHROUD');
    expect(mounted!.container.querySelector('[data-testid="channels-table"] tbody td')?.textContent).toBe('42');
  });

  it('waits for typing to pause, then writes ?q= and asks once', async () => {
    await open('/channels?range=24h');
    await settle(100);
    expect(asked).toEqual([null]);
    const input = mounted!.container.querySelector('[data-testid="channel-search"]') as HTMLInputElement;
    type(input, 'x');
    await settle(SEARCH_DEBOUNCE_MS / 2);
    type(input, 'xq');
    await settle(SEARCH_DEBOUNCE_MS - 10);
    expect(asked).toEqual([null]);
    expect(search).toBe('?range=24h');
    await settle(20);
    expect(new URLSearchParams(search).get('q')).toBe('xq');
    expect(asked).toEqual([null, 'xq']);
    expect(input.value).toBe('xq');
    await settle(100);
    expect(mounted!.container.querySelector('[data-testid="channels-table"] tbody th')?.textContent).toBe('XQ');
    // Clearing the box drops the parameter and lists every channel again (from the cache).
    type(input, '');
    await settle(SEARCH_DEBOUNCE_MS + 100);
    expect(new URLSearchParams(search).has('q')).toBe(false);
    expect(mounted!.container.querySelector('[data-testid="channels-table"] tbody th')?.textContent).toBe('TOP');
  });
});
