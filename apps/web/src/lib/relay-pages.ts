/**
 * Page-by-page navigation over a Relay connection: `after` cursors of the pages visited so far,
 * so Previous goes back without the server knowing about backward paging.
 */
export interface RelayPages {
  /** after-cursor of each visited page; the first page has none. */
  cursors: Array<string | null>;
  index: number;
}

export const FIRST_PAGE: RelayPages = { cursors: [null], index: 0 };

export function currentCursor(state: RelayPages): string | null {
  return state.cursors[state.index] ?? null;
}

/** Moves to the page after the current one; endCursor is the current page's pageInfo.endCursor. */
export function nextPage(state: RelayPages, endCursor: string | null, hasNextPage: boolean): RelayPages {
  if (!hasNextPage || !endCursor) return state;
  const cursors = state.cursors.slice(0, state.index + 1);
  cursors.push(endCursor);
  return { cursors, index: state.index + 1 };
}

export function previousPage(state: RelayPages): RelayPages {
  return state.index === 0 ? state : { cursors: state.cursors, index: state.index - 1 };
}

/** 1-based rank range shown on the current page. */
export function pageSpan(state: RelayPages, pageSize: number, rowsOnPage: number, total: number): { from: number; to: number } {
  const from = rowsOnPage === 0 ? 0 : state.index * pageSize + 1;
  return { from, to: Math.min(total, state.index * pageSize + rowsOnPage) };
}
