import type { TenantTransaction, UserListFilter } from '@roster/db';
import { lastLoginWindowProblems } from '@roster/domain';
import { badRequest } from '../common/problems.js';
import type { UserFilterQuery } from './user.schemas.js';

/**
 * The users list's filters (its query, userListQuerySchema) as the repositories take them (filterUsers): the
 * list, a group's members, the count and the export all narrow through here, so they cannot disagree.
 *
 * Refuses with a 400 what no field's schema can see alone (roleSource without roleKey, an empty last-login
 * window), then resolves the group and the role: one of another tenant is a 404, not an empty answer.
 */
export async function userListFilter(data: TenantTransaction, query: UserFilterQuery): Promise<UserListFilter> {
  refuseInconsistentFilters(query);
  if (query.groupId) await data.groups.get(query.groupId);
  const roleId = query.roleKey ? (await data.roles.get(query.roleKey)).id : undefined;
  const { search, isActive, kind, licenseClass, groupId, roleSource, lastLoginBefore, lastLoginAfter } = query;
  return {
    search,
    isActive,
    kind,
    licenseClasses: licenseClass,
    groupId,
    roleId,
    roleSource,
    lastLoginBefore,
    lastLoginAfter,
  };
}

function refuseInconsistentFilters(query: UserFilterQuery): void {
  if (query.roleSource && !query.roleKey) {
    throw badRequest('roleSource narrows the roleKey filter; give roleKey too, or leave roleSource out.', [
      { field: 'roleSource', message: 'needs roleKey' },
    ]);
  }
  const window = lastLoginWindowProblems({ before: query.lastLoginBefore, after: query.lastLoginAfter });
  if (window.length > 0) {
    throw badRequest(
      'No login can be both before lastLoginBefore and at or after lastLoginAfter: lastLoginAfter must be the ' +
        'earlier of the two (were they swapped?).',
      window,
    );
  }
}
