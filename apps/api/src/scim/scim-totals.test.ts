import { describe, expect, it } from 'vitest';
import type { ScimListRequest } from './scim-list.js';
import { totalShownByPage } from './scim-totals.js';

const byIndex = (startIndex: number, count: number) =>
  ({ cursorPaging: false, paging: { startIndex, count }, startIndex, count }) as ScimListRequest;
/** Cursor paging reads one row more than the page, to tell whether another follows. */
const byCursor = (afterId: string | null, count: number) =>
  ({ cursorPaging: true, paging: { afterId, count: count + 1 }, startIndex: 1, count }) as ScimListRequest;

describe('totalShownByPage', () => {
  it('tells the total of a last page by index: the rows before it and its own', () => {
    expect(totalShownByPage(byIndex(1, 100), 1)).toBe(1); // Entra ID's userName eq lookup
    expect(totalShownByPage(byIndex(1, 100), 0)).toBe(0);
    expect(totalShownByPage(byIndex(201, 100), 37)).toBe(237);
  });

  it('cannot tell from a full page, nor from an empty one past the first', () => {
    expect(totalShownByPage(byIndex(1, 2), 2)).toBeUndefined(); // Okta's connection test
    expect(totalShownByPage(byIndex(1, 0), 0)).toBeUndefined(); // count=0 asks for the total alone
    expect(totalShownByPage(byIndex(501, 100), 0)).toBeUndefined();
  });

  it('tells it for a first cursor page with no next page only', () => {
    expect(totalShownByPage(byCursor(null, 50), 12)).toBe(12);
    expect(totalShownByPage(byCursor(null, 50), 50)).toBe(50);
    expect(totalShownByPage(byCursor(null, 50), 51)).toBeUndefined();
    expect(totalShownByPage(byCursor('0190b8a2-3c1e-7000-8000-000000000000', 50), 3)).toBeUndefined();
  });
});
