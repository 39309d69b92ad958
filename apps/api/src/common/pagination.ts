import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page, PageQuery } from './schemas.js';
import { badRequest } from './problems.js';

/** How a list is ordered: one SQL expression plus the id as tie-breaker, so the order is total. */
export interface KeysetOrder<T> {
  /** SQL expression sorted on, e.g. "lower(t.name)". */
  expression: string;
  /** The same value read from a loaded row, e.g. (t) => t.name.toLowerCase(). */
  valueOf: (row: T) => string | number;
  /** The id column, e.g. "t.id". */
  idColumn: string;
  idOf: (row: T) => string;
  descending?: boolean;
}

function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string | number, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      (typeof decoded[0] === 'string' || typeof decoded[0] === 'number') &&
      typeof decoded[1] === 'string'
    ) {
      return [decoded[0], decoded[1]];
    }
  } catch {
    // fall through to the problem below
  }
  throw badRequest('The cursor is not one this list handed out; start again without it.', [
    { field: 'cursor', message: 'is not a valid cursor' },
  ]);
}

/**
 * Keyset pagination (never OFFSET): each page continues strictly after the last row of the
 * previous one on (expression, id), so it is stable across pages and fast at any depth.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
  order: KeysetOrder<T>,
): Promise<Page<T>> {
  const total = page.includeTotal ? await query.clone().getCount() : undefined;
  const direction = order.descending ? 'DESC' : 'ASC';
  if (page.cursor) {
    const [value, id] = decodeCursor(page.cursor);
    const comparison = order.descending ? '<' : '>';
    query.andWhere(`(${order.expression}, ${order.idColumn}) ${comparison} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  const rows = await query
    .orderBy(order.expression, direction)
    .addOrderBy(order.idColumn, direction)
    .limit(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor(order.valueOf(last), order.idOf(last)) : null;
  return { items, nextCursor, ...(total !== undefined ? { total } : {}) };
}

/** Maps the rows of a page, keeping its cursor and total. */
export function mapPage<T, R>(page: Page<T>, map: (row: T) => R): Page<R> {
  return { ...page, items: page.items.map(map) };
}
