import type { operations, RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';
import { loadHistory, type UsageHistory, type UsageRange } from './usage';

export type TenantUsage = Schemas['TenantUsage'];
export type TenantUsageList = Schemas['TenantUsageList'];
type ListQuery = NonNullable<operations['listTenantUsage']['parameters']['query']>;
export type TenantUsageSort = NonNullable<ListQuery['sort']>;
export type TenantUsageField = Exclude<TenantUsageSort, `-${string}`>;

/** Tenants per page of the Usage page's table. */
export const TENANT_USAGE_PAGE_SIZE = 25;

export const TENANT_USAGE_FIELDS: readonly TenantUsageField[] = [
  'name',
  'internal',
  'external',
  'named',
  'anonymous',
  'inactive',
];
/** The API's default: the biggest tenants first. */
export const DEFAULT_TENANT_USAGE_SORT: TenantUsageSort = '-named';

/** Which environments' tenants the table shows; production (what bills) unless the URL says otherwise. */
export const TENANT_KINDS = ['production', 'non-production', 'all'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];
export const DEFAULT_TENANT_KIND: TenantKind = 'production';

export interface TenantUsageState {
  sort: TenantUsageSort;
  kind: TenantKind;
  cursor: string | null;
}

function isSort(value: string | null): value is TenantUsageSort {
  if (value === null) return false;
  const field = value.startsWith('-') ? value.slice(1) : value;
  return (TENANT_USAGE_FIELDS as readonly string[]).includes(field);
}

/**
 * The table's state from the page's URL (`sort`, `kind`, `cursor`). A hand-edited link still opens the
 * page: an unknown sort or kind falls back to its default rather than to the API's 400.
 */
export function readTenantUsageState(params: URLSearchParams): TenantUsageState {
  const sort = params.get('sort');
  const kind = params.get('kind');
  const cursor = params.get('cursor')?.trim() ?? '';
  return {
    sort: isSort(sort) ? sort : DEFAULT_TENANT_USAGE_SORT,
    kind: (TENANT_KINDS as readonly (string | null)[]).includes(kind) ? (kind as TenantKind) : DEFAULT_TENANT_KIND,
    cursor: cursor === '' ? null : cursor,
  };
}

const ACCOUNT_NOT_FOUND = 'This account does not exist, or you have no access to it.';
const FORBIDDEN = 'Your role does not include usage. Owners, admins and billing operators can see it.';

function fetchPage(api: RosterClient, accountId: string, query: ListQuery): Promise<TenantUsageList> {
  return callApi(
    () => api.GET('/api/v1/accounts/{accountId}/usage/tenants', { params: { path: { accountId }, query } }),
    { 403: FORBIDDEN, 404: ACCOUNT_NOT_FOUND },
  );
}

/**
 * One page of the account's tenants with their latest counts, sorted by the API. The total is asked for
 * on the first page only; the pager carries it along to the next ones.
 */
export function listTenantUsage(
  api: RosterClient,
  accountId: string,
  state: TenantUsageState,
): Promise<TenantUsageList> {
  return fetchPage(api, accountId, {
    limit: TENANT_USAGE_PAGE_SIZE,
    sort: state.sort,
    ...(state.kind === 'all' ? {} : { kind: state.kind }),
    ...(state.cursor ? { cursor: state.cursor } : { includeTotal: 'true' }),
  });
}

/**
 * One tenant's row of the account's usage list (its name, environment and latest counts), or null when
 * the account has no such tenant. Read from the usage list (filtered to the tenant): billing operators,
 * who read usage, may not read the tenant itself (`GET /tenants/:id` is for tenant managers).
 */
export async function findTenantUsage(
  api: RosterClient,
  accountId: string,
  tenantId: string,
): Promise<TenantUsage | null> {
  const page = await fetchPage(api, accountId, { limit: 1, tenantId });
  return page.items[0] ?? null;
}

/** The tenant's peak counts per hour or day over `range`, on the full axis of the range. */
export function getTenantUsageHistory(
  api: RosterClient,
  tenantId: string,
  range: UsageRange,
  now = new Date(),
): Promise<UsageHistory> {
  return loadHistory(range, now, (query) =>
    callApi(() => api.GET('/api/v1/tenants/{tenantId}/usage/history', { params: { path: { tenantId }, query } }), {
      404: 'This tenant does not exist any more, or you have no access to it.',
    }),
  );
}
