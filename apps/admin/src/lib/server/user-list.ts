import { KEY_PATTERN, USAGE_CLASSES } from '@roster/domain';
import type { UserExportFormat, UserExportQuery } from './services/user-export';
import { DEFAULT_USER_SORT, type LicenseClass, USER_SORTS, type UserListQuery, type UserSort } from './services/users';

/** Rows per page of a tenant's users: one page is all a load ever fetches. */
export const USER_PAGE_SIZE = 50;

const SEARCH_MAX_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters of the Users tab, as the URL carries them ('' = not filtered). */
export interface UserListFilters {
  search: string;
  isActive: '' | 'true' | 'false';
  kind: '' | 'registered' | 'anonymous';
  /** One class: the API takes several, but one select offers one. */
  licenseClass: '' | LicenseClass;
  groupId: string;
  roleKey: string;
}

export interface UserListState extends UserListFilters {
  sort: UserSort;
  cursor: string | null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * The list's state from its URL. A hand-edited or outdated link must still open the list, so a value
 * the API would refuse (an unknown sort, `isActive=maybe`, a group id that is no UUID) falls back to
 * its default instead of becoming an error page.
 */
export function readUserListState(params: URLSearchParams): UserListState {
  const groupId = params.get('groupId')?.trim() ?? '';
  const roleKey = params.get('roleKey')?.trim() ?? '';
  const cursor = params.get('cursor')?.trim() ?? '';
  return {
    search: (params.get('search') ?? '').trim().slice(0, SEARCH_MAX_LENGTH),
    isActive: oneOf(params.get('isActive'), ['true', 'false'], ''),
    kind: oneOf(params.get('kind'), ['registered', 'anonymous'], ''),
    licenseClass: oneOf(params.get('licenseClass'), USAGE_CLASSES, ''),
    groupId: UUID.test(groupId) ? groupId.toLowerCase() : '',
    roleKey: KEY_PATTERN.test(roleKey) ? roleKey : '',
    sort: oneOf(params.get('sort'), USER_SORTS, DEFAULT_USER_SORT),
    cursor: cursor === '' ? null : cursor,
  };
}

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(filters: UserListFilters): boolean {
  return Boolean(
    filters.search || filters.isActive || filters.kind || filters.licenseClass || filters.groupId || filters.roleKey,
  );
}

/** The filters and order of the list as the query of the API's export: every user they match, no page. */
export function userExportQuery(state: UserListState, format: UserExportFormat): UserExportQuery {
  return {
    format,
    sort: state.sort,
    ...(state.search ? { search: state.search } : {}),
    ...(state.isActive ? { isActive: state.isActive } : {}),
    ...(state.kind ? { kind: state.kind } : {}),
    ...(state.licenseClass ? { licenseClass: state.licenseClass } : {}),
    ...(state.groupId ? { groupId: state.groupId } : {}),
    ...(state.roleKey ? { roleKey: state.roleKey } : {}),
  };
}

/**
 * The API query for one page. The total is asked for on the first page only: counting a
 * million-user tenant again on every "Next" would cost more than the page itself.
 */
export function userListQuery(state: UserListState): UserListQuery {
  return {
    limit: USER_PAGE_SIZE,
    sort: state.sort,
    ...(state.cursor ? { cursor: state.cursor } : { includeTotal: 'true' }),
    ...(state.search ? { search: state.search } : {}),
    ...(state.isActive ? { isActive: state.isActive } : {}),
    ...(state.kind ? { kind: state.kind } : {}),
    ...(state.licenseClass ? { licenseClass: state.licenseClass } : {}),
    ...(state.groupId ? { groupId: state.groupId } : {}),
    ...(state.roleKey ? { roleKey: state.roleKey } : {}),
  };
}
