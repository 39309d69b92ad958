import { describe, expect, it } from 'vitest';
import { formData } from './services/testing';
import { readBulkAction } from './user-bulk';

const A = '01a21c6e-0000-7000-8000-00000000000a';
const B = '01a21c6e-0000-7000-8000-00000000000b';
const GROUP = '01a21c6e-4977-7144-bdef-a402fc7fc48a';

describe('reading the bulk form', () => {
  it('reads the action and the ids, once each', () => {
    expect(readBulkAction(formData({ action: 'deactivate', userIds: `${A}, ${B},${A},not-an-id` }))).toEqual({
      ok: true,
      body: { action: 'deactivate', userIds: [A, B] },
    });
  });

  it('carries the group or the role the action needs', () => {
    expect(readBulkAction(formData({ action: 'add-to-group', userIds: A, groupId: GROUP }))).toEqual({
      ok: true,
      body: { action: 'add-to-group', userIds: [A], groupId: GROUP },
    });
    expect(readBulkAction(formData({ action: 'grant-role', userIds: A, roleKey: 'crm.sales' }))).toEqual({
      ok: true,
      body: { action: 'grant-role', userIds: [A], roleKey: 'crm.sales' },
    });
  });

  it('carries a grant’s end as an ISO instant (UTC), and none when the field is empty', () => {
    expect(
      readBulkAction(
        formData({ action: 'grant-role', userIds: A, roleKey: 'crm.sales', expiresAt: '2031-11-27T14:03' }),
      ),
    ).toEqual({
      ok: true,
      body: { action: 'grant-role', userIds: [A], roleKey: 'crm.sales', expiresAt: '2031-11-27T14:03:00.000Z' },
    });
    expect(
      readBulkAction(formData({ action: 'grant-role', userIds: A, roleKey: 'crm.sales', expiresAt: ' ' })),
    ).toEqual({ ok: true, body: { action: 'grant-role', userIds: [A], roleKey: 'crm.sales' } });
    // Only grant-role takes one (the API refuses it elsewhere).
    expect(
      readBulkAction(
        formData({ action: 'revoke-role', userIds: A, roleKey: 'crm.sales', expiresAt: '2031-11-27T14:03' }),
      ),
    ).toEqual({ ok: true, body: { action: 'revoke-role', userIds: [A], roleKey: 'crm.sales' } });
  });

  it('refuses an end that is no date-time beside its field', () => {
    expect(
      readBulkAction(
        formData({ action: 'grant-role', userIds: A, roleKey: 'crm.sales', expiresAt: '2031-02-30T10:00' }),
      ),
    ).toEqual({
      ok: false,
      message: 'That date does not exist.',
      fieldErrors: { expiresAt: 'That date does not exist.' },
    });
    expect(
      readBulkAction(formData({ action: 'grant-role', userIds: A, roleKey: 'crm.sales', expiresAt: 'next week' })),
    ).toMatchObject({ ok: false, fieldErrors: { expiresAt: expect.stringContaining('(UTC)') } });
  });

  it('asks for a missing group or role beside its field', () => {
    expect(readBulkAction(formData({ action: 'remove-from-group', userIds: A }))).toMatchObject({
      ok: false,
      fieldErrors: { groupId: 'Choose a group.' },
    });
    expect(readBulkAction(formData({ action: 'revoke-role', userIds: A, roleKey: '' }))).toMatchObject({
      ok: false,
      fieldErrors: { roleKey: 'Choose a role.' },
    });
  });

  it('refuses an unknown action, an empty selection and one over the limit', () => {
    expect(readBulkAction(formData({ action: 'explode', userIds: A }))).toMatchObject({ ok: false });
    expect(readBulkAction(formData({ action: 'delete', userIds: '' }))).toMatchObject({
      ok: false,
      message: 'Select at least one user.',
    });
    const many = Array.from({ length: 1001 }, (_, i) => `01a21c6e-0000-7000-8000-${String(i).padStart(12, '0')}`);
    expect(readBulkAction(formData({ action: 'delete', userIds: many.join(',') }))).toMatchObject({ ok: false });
  });

  it('deletes more than a few users only with their number typed', () => {
    const six = Array.from({ length: 6 }, (_, i) => `01a21c6e-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const userIds = six.join(',');
    expect(readBulkAction(formData({ action: 'delete', userIds: six.slice(0, 5).join(',') }))).toMatchObject({
      ok: true,
    });
    for (const confirmCount of [undefined, '', '5', '7', 'delete', '66']) {
      expect(
        readBulkAction(
          formData({ action: 'delete', userIds, ...(confirmCount === undefined ? {} : { confirmCount }) }),
        ),
        String(confirmCount),
      ).toMatchObject({ ok: false, fieldErrors: { confirmCount: 'Type 6 to confirm deleting 6 users.' } });
    }
    expect(readBulkAction(formData({ action: 'delete', userIds, confirmCount: ' 6 ' }))).toEqual({
      ok: true,
      body: { action: 'delete', userIds: six },
    });
    // Other actions change nothing irreversibly: no typing.
    expect(readBulkAction(formData({ action: 'deactivate', userIds }))).toMatchObject({ ok: true });
  });
});
