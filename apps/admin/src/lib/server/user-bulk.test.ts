import { describe, expect, it } from 'vitest';
import { readBulkAction } from './user-bulk';

const A = '01a21c6e-0000-7000-8000-00000000000a';
const B = '01a21c6e-0000-7000-8000-00000000000b';
const GROUP = '01a21c6e-4977-7144-bdef-a402fc7fc48a';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('reading the bulk form', () => {
  it('reads the action and the ids, once each', () => {
    expect(readBulkAction(form({ action: 'deactivate', userIds: `${A}, ${B},${A},not-an-id` }))).toEqual({
      ok: true,
      body: { action: 'deactivate', userIds: [A, B] },
    });
  });

  it('carries the group or the role the action needs', () => {
    expect(readBulkAction(form({ action: 'add-to-group', userIds: A, groupId: GROUP }))).toEqual({
      ok: true,
      body: { action: 'add-to-group', userIds: [A], groupId: GROUP },
    });
    expect(readBulkAction(form({ action: 'grant-role', userIds: A, roleKey: 'crm.sales' }))).toEqual({
      ok: true,
      body: { action: 'grant-role', userIds: [A], roleKey: 'crm.sales' },
    });
  });

  it('asks for a missing group or role beside its field', () => {
    expect(readBulkAction(form({ action: 'remove-from-group', userIds: A }))).toMatchObject({
      ok: false,
      fieldErrors: { groupId: 'Choose a group.' },
    });
    expect(readBulkAction(form({ action: 'revoke-role', userIds: A, roleKey: '' }))).toMatchObject({
      ok: false,
      fieldErrors: { roleKey: 'Choose a role.' },
    });
  });

  it('refuses an unknown action, an empty selection and one over the limit', () => {
    expect(readBulkAction(form({ action: 'explode', userIds: A }))).toMatchObject({ ok: false });
    expect(readBulkAction(form({ action: 'delete', userIds: '' }))).toMatchObject({
      ok: false,
      message: 'Select at least one user.',
    });
    const many = Array.from({ length: 1001 }, (_, i) => `01a21c6e-0000-7000-8000-${String(i).padStart(12, '0')}`);
    expect(readBulkAction(form({ action: 'delete', userIds: many.join(',') }))).toMatchObject({ ok: false });
  });
});
