import { describe, expect, it } from 'vitest';
import {
  createOperator,
  deleteOperator,
  readNewOperator,
  readOperatorChanges,
  readRoleAndTenants,
  updateOperator,
} from './operators';
import { fakeApi, formData, problem, rejection } from './testing';

const ACCOUNT = '01930000-0000-7000-8000-0000000000a1';
const TENANT = '01930000-0000-7000-8000-0000000000b1';
const operator = {
  id: '01930000-0000-7000-8000-000000000001',
  accountId: ACCOUNT,
  username: 'ann',
  role: 'owner',
  tenantIds: [],
  createdAt: '2026-11-27T00:00:00.000Z',
  updatedAt: '2026-11-27T00:00:00.000Z',
};

describe('createOperator', () => {
  it('posts the operator', async () => {
    const { api, requests } = fakeApi(() => Response.json(operator, { status: 201 }));
    await createOperator(api, ACCOUNT, { username: 'ann', password: 'long enough', role: 'owner' });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe(`http://api.test/api/v1/accounts/${ACCOUNT}/operators`);
    await expect(requests[0]?.json()).resolves.toEqual({ username: 'ann', password: 'long enough', role: 'owner' });
  });

  it('shows a duplicate username beside the username field', async () => {
    const detail = 'An operator with this username already exists.';
    const { api } = fakeApi(() => problem(409, detail));
    const error = await rejection(
      createOperator(api, ACCOUNT, { username: 'Ann', password: 'long enough', role: 'admin' }),
    );
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe(detail);
    expect(error.fieldErrors).toEqual({ username: detail });
  });

  it('keeps the API’s own field errors', async () => {
    const { api } = fakeApi(() =>
      problem(400, {
        detail: 'These are not tenants of this account.',
        errors: [{ field: 'tenantIds', message: 'includes a tenant of another account' }],
      }),
    );
    const error = await rejection(
      createOperator(api, ACCOUNT, {
        username: 'tim',
        password: 'long enough',
        role: 'tenant-admin',
        tenantIds: ['x'],
      }),
    );
    expect(error.kind).toBe('invalid');
    expect(error.fieldErrors).toEqual({ tenantIds: 'Includes a tenant of another account.' });
  });
});

describe('updateOperator and deleteOperator', () => {
  it('shows the last-owner conflict beside the role', async () => {
    const detail = 'This is the account’s last owner; make another operator owner first.';
    const { api, requests } = fakeApi(() => problem(409, detail));
    const error = await rejection(updateOperator(api, operator.id, { role: 'admin', tenantIds: [] }));
    expect(requests[0]?.method).toBe('PATCH');
    expect(error.fieldErrors).toEqual({ role: detail });
  });

  it('says so when the operator is gone', async () => {
    const { api } = fakeApi(() => new Response(null, { status: 404 }));
    const error = await rejection(deleteOperator(api, operator.id));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('does not exist any more');
  });

  it('refuses to delete the last owner with the API’s message', async () => {
    const { api } = fakeApi(() => problem(409, 'This is the account’s last owner.'));
    const error = await rejection(deleteOperator(api, operator.id));
    expect(error.message).toBe('This is the account’s last owner.');
  });
});

describe('readRoleAndTenants', () => {
  it('requires a known role', () => {
    expect(readRoleAndTenants(formData([['role', 'platform-admin']]))).toEqual({
      ok: false,
      fieldErrors: { role: 'Choose a role.' },
    });
  });

  it('drops tenants ticked before switching away from tenant-admin', () => {
    expect(
      readRoleAndTenants(
        formData([
          ['role', 'billing'],
          ['tenantIds', TENANT],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: { role: 'billing', tenantIds: [] },
    });
  });

  it('needs at least one tenant for a tenant-admin, and de-duplicates them', () => {
    expect(readRoleAndTenants(formData([['role', 'tenant-admin']])).ok).toBe(false);
    expect(
      readRoleAndTenants(
        formData([
          ['role', 'tenant-admin'],
          ['tenantIds', TENANT],
          ['tenantIds', TENANT],
        ]),
      ),
    ).toEqual({ ok: true, value: { role: 'tenant-admin', tenantIds: [TENANT] } });
  });
});

describe('readNewOperator', () => {
  it('names every problem before the API is asked', () => {
    const read = readNewOperator(formData([['username', '  ']]));
    expect(read).toEqual({
      ok: false,
      fieldErrors: { username: 'Enter a username.', password: 'Enter a password.', role: 'Choose a role.' },
    });
  });

  it('applies the password policy', () => {
    const short = readNewOperator(
      formData([
        ['username', 'ann'],
        ['password', 'short'],
        ['role', 'admin'],
      ]),
    );
    expect(short.ok ? null : short.fieldErrors.password).toBe('Use at least 8 characters.');
    const same = readNewOperator(
      formData([
        ['username', 'annabelle'],
        ['password', 'ANNABELLE'],
        ['role', 'admin'],
      ]),
    );
    expect(same.ok ? null : same.fieldErrors.password).toBe('The password must not be the same as the username.');
  });

  it('sends tenants for a tenant-admin only', () => {
    expect(
      readNewOperator(
        formData([
          ['username', ' tim '],
          ['password', 'long enough'],
          ['role', 'tenant-admin'],
          ['tenantIds', TENANT],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: { username: 'tim', password: 'long enough', role: 'tenant-admin', tenantIds: [TENANT] },
    });
    expect(
      readNewOperator(
        formData([
          ['username', 'bo'],
          ['password', 'long enough'],
          ['role', 'billing'],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: { username: 'bo', password: 'long enough', role: 'billing' },
    });
  });
});

describe('readOperatorChanges', () => {
  it('leaves the password alone when none was typed, and always sends the tenant list', () => {
    expect(
      readOperatorChanges(
        formData([
          ['role', 'admin'],
          ['password', ''],
        ]),
        'ann',
      ),
    ).toEqual({
      ok: true,
      value: { role: 'admin', tenantIds: [] },
    });
  });

  it('checks a new password against the operator’s username', () => {
    const read = readOperatorChanges(
      formData([
        ['role', 'admin'],
        ['password', 'Annabelle'],
      ]),
      'annabelle',
    );
    expect(read.ok ? null : read.fieldErrors).toEqual({
      password: 'The password must not be the same as the username.',
    });
  });
});
