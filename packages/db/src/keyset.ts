import { createHash } from 'node:crypto';
import { type ObjectLiteral, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import { unstorableText } from '@roster/domain';
import { InputRejected } from './repositories/errors.js';

/** What a client asks of a list: how many, after which cursor, and whether to count the whole list. */
export interface PageQuery {
  limit: number;
  cursor?: string;
  includeTotal?: boolean;
}

/** The list envelope every collection answers with. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** How a list is ordered: one SQL expression plus the id as tie-breaker, so the order is total. */
export interface KeysetOrder {
  /** SQL expression sorted on, never NULL, e.g. "lower(t.name)". */
  expression: string;
  /** The id column, e.g. "t.id". */
  idColumn: string;
  descending?: boolean;
}

const SORT_KEY = 'keyset_sort_key';
const KEY_ID = 'keyset_id';
const KEY_TENANT = 'keyset_tenant_id';

type CursorValue = string | number;

/** Which ordering a cursor belongs to: a cursor of another sort would silently skip or repeat rows. */
function orderTag(order: KeysetOrder): string {
  return createHash('sha256')
    .update(`${order.expression} ${order.descending ? 'desc' : 'asc'}`)
    .digest('base64url')
    .slice(0, 8);
}

function encodeCursor(order: KeysetOrder, value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([orderTag(order), value, id])).toString('base64url');
}

function decodeCursor(order: KeysetOrder, cursor: string): [CursorValue, string] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 3 ||
    (typeof decoded[1] !== 'string' && typeof decoded[1] !== 'number') ||
    typeof decoded[2] !== 'string' ||
    // A forged cursor can decode to text PostgreSQL cannot take (a NUL), which is this 400, not its 500.
    (typeof decoded[1] === 'string' && unstorableText(decoded[1])) ||
    unstorableText(decoded[2])
  ) {
    throw invalidCursor();
  }
  if (decoded[0] !== orderTag(order)) {
    throw new InputRejected('The cursor belongs to another sort order; start again without it.', [
      { field: 'cursor', message: 'was handed out for another sort order' },
    ]);
  }
  return [decoded[1], decoded[2]];
}

const invalidCursor = () =>
  new InputRejected('The cursor is not one this list handed out; start again without it.', [
    { field: 'cursor', message: 'is not a valid cursor' },
  ]);

/** PostgreSQL could not read a cursor's value or id as the sort's type (a forged cursor, or one of another sort). */
const CURSOR_TYPE_ERRORS = new Set(['22007', '22008', '22P02']);

/** A query error caused by the cursor (PostgreSQL could not read its value or id) is the cursor's 400. */
const forgedCursorAs400 =
  (page: Pick<PageQuery, 'cursor'>) =>
  (error: unknown): never => {
    const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
    throw page.cursor && code && CURSOR_TYPE_ERRORS.has(code) ? invalidCursor() : error;
  };

/** The count of the whole filtered list, only when the client asked for it (it reads every match). */
function totalIfAsked<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
): Promise<number | undefined> {
  return page.includeTotal ? query.clone().getCount() : Promise.resolve(undefined);
}

/** The sort value as PostgreSQL gave it, in a form it reads back identically. */
function cursorValue(raw: unknown): CursorValue {
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === 'number' && !Number.isFinite(raw)) return raw > 0 ? 'infinity' : '-infinity';
  if (typeof raw === 'number' || typeof raw === 'string') return raw;
  throw new Error(`Unsupported keyset sort value ${String(raw)}`);
}

/**
 * Applies keyset pagination to a query without running it: strictly after the cursor on
 * (expression, id), ordered by both, one row more than the page to learn whether another follows.
 * Exposed so tests can EXPLAIN exactly the SQL a list runs.
 */
export function applyKeyset<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: Pick<PageQuery, 'cursor' | 'limit'>,
  order: KeysetOrder,
): SelectQueryBuilder<T> {
  const direction = order.descending ? 'DESC' : 'ASC';
  if (page.cursor) {
    const [value, id] = decodeCursor(order, page.cursor);
    const comparison = order.descending ? '<' : '>';
    query.andWhere(`(${order.expression}, ${order.idColumn}) ${comparison} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  // Parenthesised so TypeORM reads it as SQL, not as a selection of the entity's own column.
  return query
    .addSelect(`(${order.expression})`, SORT_KEY)
    .orderBy(order.expression, direction)
    .addOrderBy(order.idColumn, direction)
    .limit(page.limit + 1);
}

/**
 * Keyset pagination (never OFFSET): each page continues strictly after the last row of the
 * previous one, so it is stable across pages, under concurrent inserts, and fast at any depth.
 * The cursor holds the sort value as the database computed it, never a JavaScript re-computation.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
  order: KeysetOrder,
): Promise<Page<T>> {
  const total = await totalIfAsked(query, page);
  const { entities, raw } = await applyKeyset(query, page, order).getRawAndEntities().catch(forgedCursorAs400(page));
  if (entities.length !== raw.length) throw new Error('Keyset pagination needs one raw row per entity (no joins)');
  const items = entities.slice(0, page.limit);
  const last = items.at(-1);
  const lastRaw = raw[items.length - 1] as Record<string, unknown> | undefined;
  const nextCursor =
    entities.length > page.limit && last && lastRaw
      ? encodeCursor(order, cursorValue(lastRaw[SORT_KEY]), last.id)
      : null;
  return { items, nextCursor, ...(total !== undefined ? { total } : {}) };
}

/**
 * One page of a list kept in several tables sorted alike (each page of `pages` that table's, after the same
 * cursor, by {@link paginate}): the first `limit` of their union. Each holds its own first `limit`, so the union's
 * are among them; another page follows if one of them has one or they hold more than `limit` together.
 * `sortValue` gives an item's value of `order.expression`, as PostgreSQL sorts it.
 */
export function mergePages<T extends { id: string }>(
  pages: readonly Page<T>[],
  page: PageQuery,
  order: KeysetOrder,
  sortValue: (item: T) => CursorValue,
): Page<T> {
  const sign = order.descending ? -1 : 1;
  const compare = (a: CursorValue, b: CursorValue) => (a < b ? -sign : a > b ? sign : 0);
  const all = pages
    .flatMap((one) => one.items)
    .sort((a, b) => compare(sortValue(a), sortValue(b)) || compare(a.id, b.id));
  const items = all.slice(0, page.limit);
  const last = items.at(-1);
  const more = all.length > page.limit || pages.some((one) => one.nextCursor !== null);
  const totals = pages.map((one) => one.total);
  return {
    items,
    nextCursor: more && last ? encodeCursor(order, sortValue(last), last.id) : null,
    ...(page.includeTotal ? { total: totals.reduce<number>((sum, n) => sum + (n ?? 0), 0) } : {}),
  };
}

/**
 * A page as JSON text, each item built by PostgreSQL (`itemJson`, a SQL expression of type json):
 * no row is parsed, hydrated or serialized in Node. For the lists clients page through at volume
 * (issue 7: the users of a tenant of a million), where that work was most of the API's CPU.
 * Ordering, cursors and totals are those of {@link paginate}.
 *
 * `idsFirst` picks the page's ids in a query of its own and builds the items for those alone. A filter
 * the sort index can answer from its own entries (an index-only scan: a search over the columns the
 * index includes) then never reads the rows it skips — thousands for a common search term, 51 kept.
 */
export async function paginateAsJson<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
  order: KeysetOrder,
  itemJson: string,
  options: JsonPageOptions = {},
): Promise<string> {
  const total = await totalIfAsked(query, page);
  const rows = await jsonPageQuery(query, page, order, itemJson, options).getRawMany().catch(forgedCursorAs400(page));
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? encodeCursor(order, cursorValue(last[SORT_KEY]), String(last[KEY_ID])) : null;
  return (
    `{"items":[${items.map((row) => row.item as string).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}` +
    `${total !== undefined ? `,"total":${total}` : ''}}`
  );
}

/**
 * The ids (and sort values) of a page, nothing else: what paginateAsJson's idsFirst runs first; with
 * `tenantColumn`, each row's tenant too, the rest of its primary key.
 */
export function keysetIds<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: Pick<PageQuery, 'cursor' | 'limit'>,
  order: KeysetOrder,
  tenantColumn?: string,
): SelectQueryBuilder<T> {
  query.select(order.idColumn, KEY_ID);
  if (tenantColumn) query.addSelect(tenantColumn, KEY_TENANT);
  return applyKeyset(query, page, order);
}

/** How paginateAsJson builds a page's items. */
export interface JsonPageOptions {
  /** Pick the page's ids in a query of their own first (see paginateAsJson). */
  idsFirst?: boolean;
  /**
   * With idsFirst: joins, onto the query that builds the items, the rows `itemJson` reads besides the list's own
   * table (the list's query has them already, but the items are then built in a query of their own).
   */
  itemJoins?: <Q extends ObjectLiteral>(query: SelectQueryBuilder<Q>) => SelectQueryBuilder<Q>;
  /**
   * With idsFirst, for a tenant table: its tenant column (e.g. "u.tenant_id"), which leads its primary key
   * (tenant_id, id), so that the items find their rows by the whole key.
   */
  tenantColumn?: string;
}

/**
 * The one statement paginateAsJson runs for a page (`query` becomes part of it): exposed so repositories
 * can hand tests exactly the SQL their lists run, to EXPLAIN.
 */
export function jsonPageQuery<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: Pick<PageQuery, 'cursor' | 'limit'>,
  order: KeysetOrder,
  itemJson: string,
  { idsFirst = false, itemJoins = (items) => items, tenantColumn }: JsonPageOptions = {},
): SelectQueryBuilder<T> {
  if (!idsFirst) {
    return applyKeyset(query.select(`(${itemJson})::text`, 'item').addSelect(order.idColumn, KEY_ID), page, order);
  }
  const ids = keysetIds(query, page, order, tenantColumn);
  const { alias } = query;
  const byKey = `${tenantColumn ? `${tenantColumn} = page.${KEY_TENANT} AND ` : ''}${alias}.id = page.${KEY_ID}`;
  const direction = order.descending ? 'DESC' : 'ASC';
  // A new builder on the same connection and transaction (if any) as the list's own query.
  const items = query
    .createQueryBuilder()
    .select(`(${itemJson})::text`, 'item')
    .addSelect(`page.${SORT_KEY}`, SORT_KEY)
    .addSelect(`page.${KEY_ID}`, KEY_ID)
    .from(`(${ids.getQuery()})`, 'page')
    .innerJoin(query.expressionMap.mainAlias!.metadata.tablePath, alias, byKey);
  return itemJoins(items)
    .setParameters(ids.getParameters())
    .orderBy(`page.${SORT_KEY}`, direction)
    .addOrderBy(`page.${KEY_ID}`, direction) as unknown as SelectQueryBuilder<T>;
}

/** A LIKE pattern for a case-insensitive substring: % _ and \ in the search are meant literally. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Maps the rows of a page, keeping its cursor and total. */
export function mapPage<T, R>(page: Page<T>, map: (row: T) => R): Page<R> {
  return { ...page, items: page.items.map(map) };
}
