import { describe, expect, it } from 'vitest';
import { currentCursor, FIRST_PAGE, nextPage, pageSpan, previousPage } from './relay-pages';

describe('relay page state', () => {
  it('walks forward with end cursors and back through the visited pages', () => {
    let s = FIRST_PAGE;
    expect(currentCursor(s)).toBeNull();
    s = nextPage(s, 'c20', true);
    s = nextPage(s, 'c40', true);
    expect(currentCursor(s)).toBe('c40');
    expect(s.index).toBe(2);
    s = previousPage(s);
    expect(currentCursor(s)).toBe('c20');
    // Going forward again from page 2 replaces the stale tail.
    s = nextPage(s, 'c40b', true);
    expect(s.cursors).toEqual([null, 'c20', 'c40b']);
    expect(previousPage(previousPage(previousPage(s)))).toEqual({ cursors: [null, 'c20', 'c40b'], index: 0 });
  });

  it('stays on the last page when there is no next page', () => {
    const s = nextPage(FIRST_PAGE, 'c20', false);
    expect(s).toBe(FIRST_PAGE);
    expect(nextPage(FIRST_PAGE, null, true)).toBe(FIRST_PAGE);
  });

  it('reports the rank span of a page', () => {
    const third = nextPage(nextPage(FIRST_PAGE, 'a', true), 'b', true);
    expect(pageSpan(third, 20, 7, 47)).toEqual({ from: 41, to: 47 });
    expect(pageSpan(FIRST_PAGE, 20, 0, 0)).toEqual({ from: 0, to: 0 });
  });
});
