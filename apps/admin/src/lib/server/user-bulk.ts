import type { Schemas } from '@roster/api-client';
import { KEY_PATTERN } from '@roster/domain';
import {
  BULK_ACTIONS,
  type BulkActionName,
  deleteNeedsTypedCount,
  needsGroup,
  needsRole,
  SELECTION_LIMIT,
} from '$lib/bulk';
import { expiryFromInput } from '$lib/grant-expiry';
import { text } from './forms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type BulkRead =
  { ok: true; body: Schemas['BulkAction'] } | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * The bulk form: `action`, `userIds` (comma-separated: a selection spans pages, so the ids travel as
 * one value rather than a checkbox per row), `groupId` or `roleKey` for the actions that need one, grant-role's
 * optional `expiresAt` (a UTC date-time, as the single grant's Until field), and `confirmCount` (the number of users,
 * typed) to delete more than a few.
 */
export function readBulkAction(form: FormData): BulkRead {
  const action = text(form, 'action') as BulkActionName;
  if (!BULK_ACTIONS.includes(action)) {
    return { ok: false, message: 'Choose what to do with the selected users.', fieldErrors: {} };
  }
  const userIds = [
    ...new Set(
      text(form, 'userIds')
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => UUID.test(id)),
    ),
  ];
  if (userIds.length === 0) return { ok: false, message: 'Select at least one user.', fieldErrors: {} };
  if (userIds.length > SELECTION_LIMIT) {
    return {
      ok: false,
      message: `One action can change at most ${SELECTION_LIMIT.toLocaleString('en-US')} users; select fewer.`,
      fieldErrors: {},
    };
  }
  if (needsGroup(action)) {
    const groupId = text(form, 'groupId');
    if (!UUID.test(groupId))
      return { ok: false, message: 'Choose a group.', fieldErrors: { groupId: 'Choose a group.' } };
    return { ok: true, body: { action, userIds, groupId } };
  }
  if (needsRole(action)) {
    const roleKey = text(form, 'roleKey');
    if (!KEY_PATTERN.test(roleKey)) {
      return { ok: false, message: 'Choose a role.', fieldErrors: { roleKey: 'Choose a role.' } };
    }
    if (action !== 'grant-role') return { ok: true, body: { action, userIds, roleKey } };
    const expiry = expiryFromInput(text(form, 'expiresAt'));
    if (!expiry.ok) return { ok: false, message: expiry.message, fieldErrors: { expiresAt: expiry.message } };
    // Without an end none is sent: every grant is set to never expire (a held one loses its end).
    return {
      ok: true,
      body: { action, userIds, roleKey, ...(expiry.expiresAt ? { expiresAt: expiry.expiresAt } : {}) },
    };
  }
  if (action === 'delete' && deleteNeedsTypedCount(userIds.length)) {
    const typed = text(form, 'confirmCount').replace(/[\s,.]/g, '');
    if (typed !== String(userIds.length)) {
      const message = `Type ${userIds.length} to confirm deleting ${userIds.length} users.`;
      return { ok: false, message, fieldErrors: { confirmCount: message } };
    }
  }
  return { ok: true, body: { action, userIds } };
}
