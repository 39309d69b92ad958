import { passwordProblem } from '@roster/domain';
import { expiryFromInput } from '$lib/grant-expiry';
import { raw, text, valuesOf } from '$lib/server/forms';
import { exactTime } from '$lib/time';
import { failure, invalid, orError, redirectWithNotice, success } from '$lib/server/pages';
import { listRoles } from '$lib/server/services/applications';
import { listTenantAuditEvents } from '$lib/server/services/audit';
import { ServiceError } from '$lib/server/services/errors';
import { addGroupMember, removeGroupMember } from '$lib/server/services/groups';
import { getUserLoginBlockStatus } from '$lib/server/services/login-blocks';
import {
  deleteUser,
  getEffectiveRoles,
  getUser,
  grantRoleToUser,
  listGroupsOfUser,
  listLoginAttempts,
  revokeRoleFromUser,
  setUserActive,
  setUserPassword,
  unblockUser,
} from '$lib/server/services/users';
import type { Actions, PageServerLoad } from './$types';

/** Rows per page of the login attempts and of the user's audit trail. */
const PANEL_PAGE_SIZE = 10;

/** A streamed panel's data, or the message to show in that panel. */
type Panel<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Secondary panels stream after the page shows; a failure stays in its panel instead of
 * becoming the error page (and a rejected streamed promise never reaches the browser).
 */
async function panel<T>(work: Promise<T>): Promise<Panel<T>> {
  try {
    return { ok: true, value: await work };
  } catch (cause) {
    if (cause instanceof ServiceError) return { ok: false, message: cause.message };
    throw cause;
  }
}

function cursorOf(url: URL, name: string): { cursor?: string } {
  const cursor = url.searchParams.get(name);
  return cursor ? { cursor } : {};
}

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { tenantId, userId } = params;
  const api = locals.api;
  // Started first so they run while the rest loads; each has its own cursor parameter.
  const attempts = panel(
    listLoginAttempts(api, tenantId, userId, { limit: PANEL_PAGE_SIZE, ...cursorOf(url, 'attempts') }),
  );
  const activity = panel(
    listTenantAuditEvents(api, tenantId, { targetId: userId, limit: PANEL_PAGE_SIZE, ...cursorOf(url, 'activity') }),
  );
  // Awaited with the page, not streamed: Unblock is enabled only while the user is blocked.
  const blockStatus = panel(getUserLoginBlockStatus(api, tenantId, userId));
  const { environment, can } = await parent();
  const [user, roles, groups, grantable] = await Promise.all([
    orError(getUser(api, tenantId, userId)),
    orError(getEffectiveRoles(api, tenantId, userId)),
    orError(listGroupsOfUser(api, tenantId, userId)),
    can.manageUsers ? orError(listRoles(api, environment.id)) : Promise.resolve([]),
  ]);
  return {
    user,
    roles,
    groups: groups.items,
    // Inactive roles grant nothing: granting one would look like it did something.
    grantable: grantable.filter((role) => role.isActive),
    attempts,
    activity,
    blockStatus: await blockStatus,
  };
};

export const actions: Actions = {
  activate: async ({ locals, params }) => {
    try {
      await setUserActive(locals.api, params.tenantId, params.userId, true);
    } catch (cause) {
      return failure(cause, 'active');
    }
    return success('active', 'User activated: their roles apply again.');
  },

  deactivate: async ({ locals, params }) => {
    try {
      await setUserActive(locals.api, params.tenantId, params.userId, false);
    } catch (cause) {
      return failure(cause, 'active');
    }
    return success('active', 'User deactivated: every role is suspended, every grant is kept.');
  },

  password: async ({ locals, params, request }) => {
    const form = await request.formData();
    const password = raw(form, 'password');
    const confirm = raw(form, 'confirm');
    if (password === '') return invalid('password', { password: 'Enter a password.' });
    try {
      // Checked against today's username: it may have changed since the page was shown.
      const user = await getUser(locals.api, params.tenantId, params.userId);
      const problem = passwordProblem(password, user.username);
      if (problem) return invalid('password', { password: `The password ${problem}.` });
      if (confirm !== password) return invalid('password', { confirm: 'The two passwords are not the same.' });
      await setUserPassword(locals.api, params.tenantId, params.userId, password);
    } catch (cause) {
      return failure(cause, 'password');
    }
    return success('password', 'Password set. The old one no longer works.');
  },

  delete: async ({ locals, params }) => {
    try {
      await deleteUser(locals.api, params.tenantId, params.userId);
    } catch (cause) {
      return failure(cause, 'delete');
    }
    redirectWithNotice(`/tenants/${params.tenantId}/users`, 'User deleted, with their memberships and grants.');
  },

  grant: async ({ locals, params, request }) => {
    const form = await request.formData();
    const roleKey = text(form, 'roleKey');
    const expiry = expiryFromInput(text(form, 'expiresAt'));
    if (roleKey === '') return invalid('grant', { roleKey: 'Choose the role to grant.' }, valuesOf(form));
    if (!expiry.ok) return invalid('grant', { expiresAt: expiry.message }, valuesOf(form));
    try {
      await grantRoleToUser(locals.api, params.tenantId, params.userId, roleKey, expiry.expiresAt);
    } catch (cause) {
      return failure(cause, 'grant', valuesOf(form));
    }
    return success(
      'grant',
      expiry.expiresAt
        ? `Role ${roleKey} granted directly until ${exactTime(expiry.expiresAt)}.`
        : `Role ${roleKey} granted directly.`,
    );
  },

  revoke: async ({ locals, params, request }) => {
    const roleKey = text(await request.formData(), 'roleKey');
    try {
      await revokeRoleFromUser(locals.api, params.tenantId, params.userId, roleKey);
    } catch (cause) {
      return failure(cause, `revoke:${roleKey}`);
    }
    return success(`revoke:${roleKey}`, `Direct grant of ${roleKey} revoked.`);
  },

  addToGroup: async ({ locals, params, request }) => {
    const groupId = text(await request.formData(), 'groupId');
    if (groupId === '') return invalid('addToGroup', { groupId: 'Choose a group from the list.' });
    let outcome;
    try {
      outcome = await addGroupMember(locals.api, params.tenantId, groupId, params.userId);
    } catch (cause) {
      return failure(cause, 'addToGroup');
    }
    return success(
      'addToGroup',
      outcome === 'already-member' ? 'Already a member of the group; nothing changed.' : 'Added to the group.',
    );
  },

  removeFromGroup: async ({ locals, params, request }) => {
    const form = await request.formData();
    const groupId = text(form, 'groupId');
    const groupName = text(form, 'groupName') || 'the group';
    try {
      await removeGroupMember(locals.api, params.tenantId, groupId, params.userId);
    } catch (cause) {
      return failure(cause, `leave:${groupId}`);
    }
    return success(`leave:${groupId}`, `Removed from ${groupName}.`);
  },

  unblock: async ({ locals, params }) => {
    let user;
    try {
      await unblockUser(locals.api, params.tenantId, params.userId);
      user = await getUser(locals.api, params.tenantId, params.userId);
    } catch (cause) {
      return failure(cause, 'unblock');
    }
    return success(
      'unblock',
      user.isActive
        ? 'Login block lifted: the user can sign in again at once.'
        : 'Login block lifted. The user is inactive, so they still cannot sign in until activated.',
    );
  },
};
