import type { EndUser } from '@roster/db';
import type { SelectQueryBuilder } from 'typeorm';
import { type KeysetOrder, likePattern } from '../common/pagination.js';
import type { TenantData } from '../common/tenant-data.js';
import type { UserSort } from './user.schemas.js';

/**
 * Every sort is backed by an index leading with tenant_id (migration EndUsers1763900000000), with
 * the id as tie-breaker; NULLs are mapped to a value so keyset comparisons see every row.
 */
export const USER_SORT_ORDERS: Record<UserSort, KeysetOrder> = {
  username: { expression: "lower(coalesce(u.username, ''))", idColumn: 'u.id' },
  '-username': { expression: "lower(coalesce(u.username, ''))", idColumn: 'u.id', descending: true },
  createdAt: { expression: 'u.created_at', idColumn: 'u.id' },
  '-createdAt': { expression: 'u.created_at', idColumn: 'u.id', descending: true },
  // Never logged in sorts as the earliest possible time: first ascending, last descending.
  lastLoginAt: { expression: "coalesce(u.last_login_at, CAST('-infinity' AS timestamptz))", idColumn: 'u.id' },
  '-lastLoginAt': {
    expression: "coalesce(u.last_login_at, CAST('-infinity' AS timestamptz))",
    idColumn: 'u.id',
    descending: true,
  },
};

/** Must stay the expression of end_users_search_idx, or search stops using the trigram index. */
const SEARCH_DOCUMENT =
  "lower(coalesce(u.username, '') || E'\\n' || coalesce(u.name, '') || E'\\n' || coalesce(u.email, ''))";

export interface UserFilter {
  search?: string;
  isActive?: boolean;
  kind?: 'registered' | 'anonymous';
  groupId?: string;
  /** Users holding the role directly or through a group, active or not. */
  roleId?: string;
}

/** The users of the request's tenant matching the filter, not yet ordered or paged. */
export function userListQuery(data: TenantData, filter: UserFilter): SelectQueryBuilder<EndUser> {
  const query = data.users.query('u');
  if (filter.search) query.andWhere(`${SEARCH_DOCUMENT} LIKE lower(:search)`, { search: likePattern(filter.search) });
  if (filter.isActive !== undefined) query.andWhere('u.is_active = :isActive', { isActive: filter.isActive });
  if (filter.kind) query.andWhere('u.kind = :kind', { kind: filter.kind });
  if (filter.groupId) {
    query.andWhere(
      `EXISTS (SELECT 1 FROM group_members m
               WHERE m.tenant_id = u.tenant_id AND m.group_id = :groupId AND m.user_id = u.id)`,
      { groupId: filter.groupId },
    );
  }
  if (filter.roleId) {
    query.andWhere(
      `(EXISTS (SELECT 1 FROM user_roles ur
                WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id AND ur.role_id = :roleId)
        OR EXISTS (SELECT 1 FROM group_members m
                   JOIN group_roles gr ON gr.tenant_id = m.tenant_id AND gr.group_id = m.group_id
                   WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id AND gr.role_id = :roleId))`,
      { roleId: filter.roleId },
    );
  }
  return query;
}
