import type { UsageClass } from '@roster/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { EndUser } from '../entities/end-user.entity.js';
import { type KeysetOrder, likePattern } from '../keyset.js';
import { licenseClassCondition, licenseClassSql, TENANT_LICENSE_SETTINGS } from '../license-class-sql.js';

/**
 * A user's last login as the list sorts and filters it: never logged in is the earliest possible time
 * (packages/domain lastLoginInWindow), and the expression is end_users_last_login_sort_idx's own.
 */
const LAST_LOGIN_KEY = "coalesce(u.last_login_at, CAST('-infinity' AS timestamptz))";

/**
 * Every sort is backed by an index leading with tenant_id (migration EndUsers1763900000000), with
 * the id as tie-breaker; NULLs are mapped to a value so keyset comparisons see every row.
 */
export const USER_SORT_ORDERS = {
  // The normalized username's first 100 characters, '' for anonymous users (UsernameKeys1764600000000).
  username: { expression: 'u.username_sort', idColumn: 'u.id' },
  '-username': { expression: 'u.username_sort', idColumn: 'u.id', descending: true },
  createdAt: { expression: 'u.created_at', idColumn: 'u.id' },
  '-createdAt': { expression: 'u.created_at', idColumn: 'u.id', descending: true },
  // Never logged in sorts as the earliest possible time: first ascending, last descending.
  lastLoginAt: { expression: LAST_LOGIN_KEY, idColumn: 'u.id' },
  '-lastLoginAt': { expression: LAST_LOGIN_KEY, idColumn: 'u.id', descending: true },
} as const satisfies Record<string, KeysetOrder>;

export type UserSort = keyof typeof USER_SORT_ORDERS;

/** A timestamptz as JSON's ISO 8601 text, exactly as Date.toISOString() writes it (milliseconds, Z). */
export const isoTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The user resource of API.md §5 built by PostgreSQL: the same fields and values as the API's
 * toUserResponse (a test compares the two), for lists answered as JSON text (paginateAsJson).
 * row_to_json writes compact JSON (json_build_object puts spaces around every colon).
 * licenseClass reads the tenant's settings through a parameter: see bindLicenseSettings.
 */
export const USER_JSON = `(SELECT row_to_json(r) FROM (SELECT
  u.id, u.tenant_id AS "tenantId", u.kind, u.username, u.name, u.email, u.mobile_phone AS "mobilePhone",
  u.external_id AS "externalId", u.is_active AS "isActive", ${licenseClassSql(TENANT_LICENSE_SETTINGS)} AS "licenseClass",
  ${isoTime('u.created_at')} AS "createdAt", ${isoTime('u.updated_at')} AS "updatedAt",
  ${isoTime('u.last_login_at')} AS "lastLoginAt") r)`;

/**
 * Gives a statement over the users `u` of `tenantId` the parameter their licensing class reads the tenant's
 * settings through (TENANT_LICENSE_SETTINGS): USER_JSON and a filter on classes need it.
 */
export function bindLicenseSettings<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  tenantId: string,
): SelectQueryBuilder<T> {
  return query.setParameter(TENANT_LICENSE_SETTINGS.tenantParameter, tenantId);
}

export interface UserListFilter {
  search?: string;
  isActive?: boolean;
  kind?: 'registered' | 'anonymous';
  groupId?: string;
  /** Users holding the role directly or through a group, active or not. */
  roleId?: string;
  /** With roleId: only the direct grants, or only the grants through groups. */
  roleSource?: 'direct' | 'group';
  /** Users of any of these licensing classes (DESIGN.md §3), as they are now; needs bindLicenseSettings. */
  licenseClasses?: readonly UsageClass[];
  /** Users who last logged in before this instant, or never (packages/domain LastLoginWindow). */
  lastLoginBefore?: Date;
  /** Users who last logged in at or after this instant; never logged in is left out. */
  lastLoginAfter?: Date;
}

// Expired grants (not yet removed by the worker) hold nothing from their instant on, the database's now.
const DIRECT_HOLDERS = `SELECT ur.user_id FROM user_roles ur
  WHERE ur.tenant_id = :roleTenantId AND ur.role_id = :roleId AND (ur.expires_at IS NULL OR ur.expires_at > now())`;
const GROUP_HOLDERS = `SELECT m.user_id FROM group_roles gr
  JOIN group_members m ON m.tenant_id = gr.tenant_id AND m.group_id = gr.group_id
  WHERE gr.tenant_id = :roleTenantId AND gr.role_id = :roleId AND (gr.expires_at IS NULL OR gr.expires_at > now())`;

/**
 * Narrows `query` (already restricted to the tenant, alias u, with bindLicenseSettings) to the users matching
 * the filter.
 */
export function filterUsers(
  query: SelectQueryBuilder<EndUser>,
  tenantId: string,
  filter: UserListFilter,
): SelectQueryBuilder<EndUser> {
  if (filter.search) query.andWhere('u.search_text LIKE lower(:search)', { search: likePattern(filter.search) });
  if (filter.isActive !== undefined) query.andWhere('u.is_active = :isActive', { isActive: filter.isActive });
  if (filter.kind) query.andWhere('u.kind = :kind', { kind: filter.kind });
  // On the sort's expression, so that a window is a range of the last-login index within the tenant (a COUNT of
  // dormant users reads that range alone); −infinity for the never logged in gives the domain's semantics.
  if (filter.lastLoginBefore) {
    query.andWhere(`${LAST_LOGIN_KEY} < :lastLoginBefore`, { lastLoginBefore: filter.lastLoginBefore });
  }
  if (filter.lastLoginAfter) {
    query.andWhere(`${LAST_LOGIN_KEY} >= :lastLoginAfter`, { lastLoginAfter: filter.lastLoginAfter });
  }
  if (filter.licenseClasses?.length)
    query.andWhere(licenseClassCondition(filter.licenseClasses, TENANT_LICENSE_SETTINGS));
  if (filter.groupId) {
    query.andWhere(
      `EXISTS (SELECT 1 FROM group_members m
               WHERE m.tenant_id = u.tenant_id AND m.group_id = :groupId AND m.user_id = u.id)`,
      { groupId: filter.groupId },
    );
  }
  if (filter.roleId) {
    // One uncorrelated IN, which PostgreSQL turns into a semi-join it can drive from the tenant's grants
    // (user_roles_role_idx, group_roles_role_idx). An OR of two EXISTS cannot be pulled up: it became hashed
    // subplans reading the role's grants in every tenant of the environment, then filtered the whole tenant.
    const holders =
      filter.roleSource === 'direct'
        ? DIRECT_HOLDERS
        : filter.roleSource === 'group'
          ? GROUP_HOLDERS
          : `${DIRECT_HOLDERS} UNION ALL ${GROUP_HOLDERS}`;
    query.andWhere(`u.id IN (${holders})`, { roleId: filter.roleId, roleTenantId: tenantId });
  }
  return query;
}
