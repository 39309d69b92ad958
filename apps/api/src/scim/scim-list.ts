import { type JsonObject, ScimError, type ScimProjection, scimProjection, UUID_PATTERN } from '@roster/domain';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** The page size when a client gives no count, and the most one page holds (ServiceProviderConfig says both). */
export const SCIM_DEFAULT_PAGE_SIZE = 100;
export const SCIM_MAX_PAGE_SIZE = 1000;

/** How one resource type's lists read a filter and a sortBy. */
export interface ListDialect<Filter, SortKey> {
  resourceType: 'User' | 'Group';
  parseFilter(filter: string): Filter;
  resolveSortBy(sortBy: string): SortKey;
}

/** A list request (GET query or POST /.search body), checked. */
export interface ScimListRequest<Filter = unknown, SortKey = unknown> extends ScimProjection {
  filter: Filter | null;
  sort: { by: SortKey; order: 'ascending' | 'descending' } | null;
  /** RFC 9865: `cursor` was given (empty for the first page); pages then follow ids, with no startIndex. */
  cursorPaging: boolean;
  /** One more row than the page under cursor paging: whether it came tells if a next page exists. */
  paging: { startIndex: number; count: number } | { afterId: string | null; count: number };
  startIndex: number;
  count: number;
}

const PARAMETERS = [
  'filter',
  'startIndex',
  'count',
  'sortBy',
  'sortOrder',
  'attributes',
  'excludedAttributes',
  'cursor',
];

/** A parameter's value: a string (a query repeats nothing; a .search body has strings, numbers or lists). */
function text(input: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(input).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : input[key];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && (name === 'attributes' || name === 'excludedAttributes')) {
    if (value.every((item) => typeof item === 'string')) return value.join(',');
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    throw new ScimError(400, 'invalidValue', `${name} must be given once, as text; it was ${JSON.stringify(value)}.`);
  }
  return value;
}

function integer(input: Record<string, unknown>, name: string): number | undefined {
  const value = text(input, name);
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^-?\d{1,15}$/.test(value.trim())) {
    throw new ScimError(400, 'invalidValue', `${name} must be a whole number; it was ${JSON.stringify(value)}.`);
  }
  return Number(value);
}

/** Reads an opaque cursor: the base64url of the last id of the page before. */
function afterIdOf(cursor: string): string | null {
  if (cursor === '') return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID_PATTERN.test(id)) {
    throw new ScimError(
      400,
      'invalidCursor',
      'The cursor is not one this service gave out; start again with cursor= (empty).',
    );
  }
  return id;
}

export const cursorAfter = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

/**
 * Reads a list request (RFC 7644 §3.4.2, RFC 9865): from the query string of a GET or the body of POST /.search
 * (whose `schemas` must name the SearchRequest). startIndex below 1 counts as 1 and count below 0 as 0 (RFC 7644
 * §3.4.2.4); a count above the maximum gets the maximum. A filter and sortBy are parsed and resolved here, so what
 * the repositories receive is SQL-ready.
 */
export function readListRequest<Filter, SortKey>(
  input: Record<string, unknown>,
  dialect: ListDialect<Filter, SortKey>,
  options: { searchBody?: boolean } = {},
): ScimListRequest<Filter, SortKey> {
  if (options.searchBody) checkSearchBody(input);
  const filterText = text(input, 'filter');
  const filter = filterText === undefined || filterText.trim() === '' ? null : dialect.parseFilter(filterText);
  const sortBy = text(input, 'sortBy');
  const sortOrderText = text(input, 'sortOrder');
  const sortOrder = sortOrderText === undefined ? 'ascending' : sortOrderText.toLowerCase();
  if (sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw new ScimError(
      400,
      'invalidValue',
      `sortOrder must be "ascending" or "descending"; it was ${JSON.stringify(sortOrderText)}.`,
    );
  }
  const sort =
    sortBy === undefined || sortBy.trim() === ''
      ? null
      : { by: dialect.resolveSortBy(sortBy), order: sortOrder as 'ascending' | 'descending' };
  const count = Math.min(Math.max(integer(input, 'count') ?? SCIM_DEFAULT_PAGE_SIZE, 0), SCIM_MAX_PAGE_SIZE);
  const cursor = text(input, 'cursor');
  const startIndexGiven = integer(input, 'startIndex');
  if (cursor !== undefined && startIndexGiven !== undefined) {
    throw new ScimError(400, 'invalidValue', 'Page either by startIndex or by cursor (RFC 9865), not both.');
  }
  if (cursor !== undefined && sort !== null) {
    throw new ScimError(
      400,
      'invalidValue',
      'Cursor paging follows creation order; leave sortBy out, or page by startIndex.',
    );
  }
  const startIndex = Math.max(startIndexGiven ?? 1, 1);
  return {
    ...readProjection(input, dialect.resourceType),
    filter,
    sort,
    cursorPaging: cursor !== undefined,
    paging: cursor !== undefined ? { afterId: afterIdOf(cursor), count: count + 1 } : { startIndex, count },
    startIndex,
    count,
  };
}

/** `attributes` and `excludedAttributes` of a list, or of any request answered with a resource. */
export function readProjection(input: Record<string, unknown>, resourceType: 'User' | 'Group'): ScimProjection {
  return scimProjection(
    { attributes: text(input, 'attributes'), excludedAttributes: text(input, 'excludedAttributes') },
    resourceType,
  );
}

function checkSearchBody(body: Record<string, unknown>): void {
  const schemas = body.schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((schema) => String(schema).toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase())
  ) {
    throw new ScimError(400, 'invalidSyntax', `A search request's schemas must include "${SEARCH_REQUEST_SCHEMA}".`);
  }
  const unknown = Object.keys(body).filter(
    (key) => key !== 'schemas' && !PARAMETERS.some((parameter) => parameter.toLowerCase() === key.toLowerCase()),
  );
  if (unknown.length > 0) {
    throw new ScimError(
      400,
      'invalidSyntax',
      `A search request has no attribute ${unknown.map((key) => JSON.stringify(key)).join(', ')}.`,
    );
  }
}

/** The ListResponse (RFC 7644 §3.4.2), with nextCursor under cursor paging (RFC 9865). */
export function listResponse<Row extends { id: string }>(
  request: ScimListRequest,
  rows: Row[],
  total: number | undefined,
  toResource: (row: Row) => JsonObject,
): JsonObject {
  const page = request.cursorPaging ? rows.slice(0, request.count) : rows;
  const hasNext = request.cursorPaging && rows.length > request.count;
  const last = page.at(-1);
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    ...(total === undefined ? {} : { totalResults: total }),
    itemsPerPage: page.length,
    ...(request.cursorPaging ? {} : { startIndex: request.startIndex }),
    ...(hasNext && last ? { nextCursor: cursorAfter(last.id) } : {}),
    Resources: page.map(toResource),
  };
}
