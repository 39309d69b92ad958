/** One page of a keyset-paginated API list (API.md §2). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 200;

/**
 * Every item of a short list (accounts, environments, tenants …), page after page. Stops at
 * `max` items so a list that is not short after all cannot hold a page load hostage.
 */
export async function collectAll<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  max = 5_000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}
