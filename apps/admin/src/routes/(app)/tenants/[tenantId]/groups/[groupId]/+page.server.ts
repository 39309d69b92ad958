import { expiryFromInput } from '$lib/grant-expiry';
import { text, valuesOf } from '$lib/server/forms';
import { exactTime } from '$lib/time';
import { failure, invalid, orError, redirectWithNotice, success } from '$lib/server/pages';
import { listRoles } from '$lib/server/services/applications';
import {
  addGroupMember,
  deleteGroup,
  getGroup,
  grantRoleToGroup,
  listGroupMembers,
  listGroupRoles,
  readGroup,
  removeGroupMember,
  revokeRoleFromGroup,
  updateGroup,
} from '$lib/server/services/groups';
import type { Actions, PageServerLoad } from './$types';

const MEMBERS_PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { tenantId, groupId } = params;
  const search = url.searchParams.get('search')?.trim().slice(0, 200) ?? '';
  const cursor = url.searchParams.get('cursor');
  const { environment } = await parent();
  const [group, members, grantedRoles, environmentRoles] = await Promise.all([
    orError(getGroup(locals.api, tenantId, groupId)),
    orError(
      listGroupMembers(locals.api, tenantId, groupId, {
        limit: MEMBERS_PAGE_SIZE,
        sort: 'username',
        ...(search ? { search } : {}),
        ...(cursor ? { cursor } : { includeTotal: 'true' }),
      }),
    ),
    orError(listGroupRoles(locals.api, tenantId, groupId)),
    orError(listRoles(locals.api, environment.id)),
  ]);
  return {
    group,
    members,
    grantedRoles,
    environmentRoles,
    search,
    membersPageSize: MEMBERS_PAGE_SIZE,
  };
};

/** The username the page sent along with a user id, for messages (the API answers 204 without it). */
function usernameIn(form: FormData): string {
  return text(form, 'username').slice(0, 250) || 'The user';
}

export const actions: Actions = {
  update: async ({ locals, params, request }) => {
    const form = await request.formData();
    const read = readGroup(form);
    if (!read.ok) return invalid('edit-group', read.fieldErrors, valuesOf(form));
    try {
      await updateGroup(locals.api, params.tenantId, params.groupId, read.value);
    } catch (cause) {
      return failure(cause, 'edit-group', valuesOf(form));
    }
    return success('edit-group', 'Group saved.');
  },

  delete: async ({ locals, params, request }) => {
    const form = await request.formData();
    try {
      await deleteGroup(locals.api, params.tenantId, params.groupId);
    } catch (cause) {
      return failure(cause, 'delete-group');
    }
    const name = text(form, 'name').slice(0, 200);
    redirectWithNotice(
      `/tenants/${params.tenantId}/groups`,
      `Group${name ? ` “${name}”` : ''} deleted. Its members lost the roles it granted.`,
    );
  },

  addMember: async ({ locals, params, request }) => {
    const form = await request.formData();
    const userId = text(form, 'userId');
    if (!userId) return invalid('add-member', { userId: 'Choose a user from the list first.' });
    let outcome;
    try {
      outcome = await addGroupMember(locals.api, params.tenantId, params.groupId, userId);
    } catch (cause) {
      return failure(cause, 'add-member');
    }
    return success(
      'add-member',
      outcome === 'already-member'
        ? `“${usernameIn(form)}” was already a member; nothing changed.`
        : `“${usernameIn(form)}” is now a member and holds the group’s roles.`,
    );
  },

  removeMember: async ({ locals, params, request }) => {
    const form = await request.formData();
    const userId = text(form, 'userId');
    if (!userId) return invalid('remove-member', {}, {}, 'Choose the member to remove.');
    try {
      await removeGroupMember(locals.api, params.tenantId, params.groupId, userId);
    } catch (cause) {
      return failure(cause, 'remove-member');
    }
    // No toast: the page offers an undo beside the list instead.
    return { form: 'remove-member', removed: { userId, username: usernameIn(form) } };
  },

  grantRole: async ({ locals, params, request }) => {
    const form = await request.formData();
    const roleKey = text(form, 'roleKey');
    const expiry = expiryFromInput(text(form, 'expiresAt'));
    if (!roleKey) return invalid('grant-role', { roleKey: 'Choose the role to grant.' }, valuesOf(form));
    if (!expiry.ok) return invalid('grant-role', { expiresAt: expiry.message }, valuesOf(form));
    try {
      await grantRoleToGroup(locals.api, params.tenantId, params.groupId, roleKey, expiry.expiresAt);
    } catch (cause) {
      return failure(cause, 'grant-role', valuesOf(form));
    }
    return success(
      'grant-role',
      expiry.expiresAt
        ? `Role “${roleKey}” granted until ${exactTime(expiry.expiresAt)}: every member holds it until then.`
        : `Role “${roleKey}” granted: every member holds it now.`,
    );
  },

  revokeRole: async ({ locals, params, request }) => {
    const form = await request.formData();
    const roleKey = text(form, 'roleKey');
    if (!roleKey) return invalid('revoke-role', {}, {}, 'Choose the role to revoke.');
    try {
      await revokeRoleFromGroup(locals.api, params.tenantId, params.groupId, roleKey);
    } catch (cause) {
      return failure(cause, 'revoke-role');
    }
    return success('revoke-role', `Role “${roleKey}” revoked from the group.`);
  },
};
