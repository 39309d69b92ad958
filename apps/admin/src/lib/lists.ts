/** URL helpers for lists whose state (search, filters, sort, cursor) lives in the query string. */

/**
 * The path and query of `url` with `changes` applied (null removes a parameter). Any change
 * other than the cursor itself starts over at the first page, because a cursor belongs to the
 * exact search, filters and sort it was issued for.
 */
export function hrefWith(url: URL, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(url.searchParams);
  if (!('cursor' in changes)) params.delete('cursor');
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** The next sort when a column header is clicked: ascending first, then descending. */
export function toggledSort(current: string, field: string): string {
  return current === field ? `-${field}` : field;
}

/** How a column is sorted now, for `aria-sort`. */
export function sortDirection(current: string, field: string): 'ascending' | 'descending' | 'none' {
  if (current === field) return 'ascending';
  if (current === `-${field}`) return 'descending';
  return 'none';
}

/** "1 user", "2 users" … with thousands separated. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
