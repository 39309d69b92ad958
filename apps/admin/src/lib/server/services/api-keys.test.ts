import { describe, expect, it } from 'vitest';
import { createApiKey, readNewApiKey, revokeApiKey } from './api-keys';
import { fakeApi, formData, rejection } from './testing';

const ACCOUNT = '01930000-0000-7000-8000-0000000000a1';
const TENANT = '01930000-0000-7000-8000-0000000000b1';

describe('readNewApiKey', () => {
  it('needs a name and a role', () => {
    const read = readNewApiKey(formData([['name', ' ']]));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.fieldErrors)).toEqual(['name', 'role']);
    expect(read.fieldErrors.name).toContain('Name the key');
  });

  it('refuses names longer than the API takes', () => {
    const read = readNewApiKey(
      formData([
        ['name', 'k'.repeat(201)],
        ['role', 'billing'],
      ]),
    );
    expect(read.ok ? null : read.fieldErrors.name).toBe('Names have at most 200 characters.');
  });

  it('sends tenants for a tenant-admin key only', () => {
    expect(
      readNewApiKey(
        formData([
          ['name', 'Sync'],
          ['role', 'tenant-admin'],
          ['tenantIds', TENANT],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: { name: 'Sync', role: 'tenant-admin', tenantIds: [TENANT] },
    });
    expect(
      readNewApiKey(
        formData([
          ['name', 'Billing export'],
          ['role', 'billing'],
          ['tenantIds', TENANT],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: { name: 'Billing export', role: 'billing' },
    });
  });
});

describe('createApiKey and revokeApiKey', () => {
  it('returns the one answer that holds the key', async () => {
    const created = {
      id: '01930000-0000-7000-8000-0000000000c1',
      accountId: ACCOUNT,
      name: 'Billing export',
      role: 'billing',
      tenantIds: [],
      keyPrefix: 'rst_abcdef',
      createdAt: '2026-11-27T00:00:00.000Z',
      lastUsedAt: null,
      key: 'rst_abcdef-secret',
    };
    const { api, requests } = fakeApi(() => Response.json(created, { status: 201 }));
    await expect(createApiKey(api, ACCOUNT, { name: 'Billing export', role: 'billing' })).resolves.toEqual(created);
    expect(requests[0]?.url).toBe(`http://api.test/api/v1/accounts/${ACCOUNT}/api-keys`);
  });

  it('explains a key that is already gone', async () => {
    const { api, requests } = fakeApi(() => new Response(null, { status: 404 }));
    const error = await rejection(revokeApiKey(api, 'k-1'));
    expect(requests[0]?.method).toBe('DELETE');
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('revoked already');
  });
});
