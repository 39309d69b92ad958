import { describe, expect, it } from 'vitest';
import {
  addGroupMember,
  createGroup,
  deleteGroup,
  grantRoleToGroup,
  listGroupsGrantingRole,
  readGroup,
  updateGroup,
} from './groups';
import { fakeApi, formData, problem, rejection } from './testing';

const TENANT = '01930000-0000-7000-8000-0000000000aa';
const GROUP_ID = '01930000-0000-7000-8000-0000000000bb';

const group = (name: string, id = GROUP_ID) => ({
  id,
  tenantId: TENANT,
  name,
  description: '',
  memberCount: 0,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
});

describe('readGroup', () => {
  it('trims the name and description', () => {
    expect(readGroup(formData({ name: '  Sales  ', description: ' Works leads \n' }))).toEqual({
      ok: true,
      value: { name: 'Sales', description: 'Works leads' },
    });
  });

  it('sends an empty description as "" so that clearing the field clears it', () => {
    expect(readGroup(formData({ name: 'Sales' }))).toEqual({ ok: true, value: { name: 'Sales', description: '' } });
  });

  it('reports a missing name and a too long description together', () => {
    const read = readGroup(formData({ name: '   ', description: 'x'.repeat(1001) }));
    expect(read).toEqual({
      ok: false,
      fieldErrors: { name: 'Enter a name.', description: 'Use at most 1,000 characters.' },
    });
  });

  it('refuses a name over 200 characters', () => {
    const read = readGroup(formData({ name: 'n'.repeat(201) }));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.fieldErrors.name).toMatch(/at most 200/);
  });
});

describe('createGroup', () => {
  it('posts the name and description and returns the group', async () => {
    const { api, requests } = fakeApi(() => Response.json(group('Sales'), { status: 201 }));
    const created = await createGroup(api, TENANT, { name: 'Sales', description: 'Works leads' });
    expect(created.name).toBe('Sales');
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(new URL(request!.url).pathname).toBe(`/api/v1/tenants/${TENANT}/groups`);
    expect(await request!.json()).toEqual({ name: 'Sales', description: 'Works leads' });
  });

  it('puts a duplicate name (409) at the name field', async () => {
    const detail = 'A group with this name already exists in this tenant (ignoring case).';
    const { api } = fakeApi(() => problem(409, detail));
    const error = await rejection(createGroup(api, TENANT, { name: 'sales' }));
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(409);
    expect(error.fieldErrors).toEqual({ name: detail });
    expect(error.message).toBe('The group was not saved: its name is taken.');
  });

  it('keeps the API’s own field errors of a 400', async () => {
    const { api } = fakeApi(() =>
      problem(400, {
        detail: 'Some values are not valid.',
        errors: [{ field: 'description', message: 'must be at most 1000 characters' }],
      }),
    );
    const error = await rejection(createGroup(api, TENANT, { name: 'Sales' }));
    expect(error.kind).toBe('invalid');
    expect(error.fieldErrors).toEqual({ description: 'Must be at most 1000 characters.' });
  });
});

describe('updateGroup', () => {
  it('puts a duplicate name at the name field, with a message when the API gave none', async () => {
    const { api } = fakeApi(() => problem(409, ''));
    const error = await rejection(updateGroup(api, TENANT, GROUP_ID, { name: 'Support' }));
    expect(error.fieldErrors.name).toBe('Another group of this tenant already has this name (names ignore case).');
  });

  it('says a deleted group is gone (404)', async () => {
    const { api } = fakeApi(() => problem(404, ''));
    const error = await rejection(updateGroup(api, TENANT, GROUP_ID, { name: 'Support' }));
    expect(error.kind).toBe('not-found');
    expect(error.fieldErrors).toEqual({});
    expect(error.message).toMatch(/does not exist in this tenant/);
  });
});

describe('deleteGroup and grants', () => {
  it('deletes by id', async () => {
    const { api, requests } = fakeApi(() => new Response(null, { status: 204 }));
    await deleteGroup(api, TENANT, GROUP_ID);
    expect(requests[0]?.method).toBe('DELETE');
    expect(new URL(requests[0]!.url).pathname).toBe(`/api/v1/tenants/${TENANT}/groups/${GROUP_ID}`);
  });

  it('grants a role by key, and names both possible culprits of a 404', async () => {
    const { api, requests } = fakeApi(() => problem(404, ''));
    const error = await rejection(grantRoleToGroup(api, TENANT, GROUP_ID, 'crm.sales'));
    expect(requests[0]?.method).toBe('PUT');
    expect(new URL(requests[0]!.url).pathname).toBe(`/api/v1/tenants/${TENANT}/groups/${GROUP_ID}/roles/crm.sales`);
    expect(error.message).toMatch(/group or role does not exist/);
  });

  it('sends the expiry as the body when there is one, and no body when there is none', async () => {
    const { api, requests } = fakeApi(() => new Response(null, { status: 204 }));
    await grantRoleToGroup(api, TENANT, GROUP_ID, 'crm.sales', '2030-01-02T03:04:00.000Z');
    await grantRoleToGroup(api, TENANT, GROUP_ID, 'crm.sales');
    expect(await requests[0]!.json()).toEqual({ expiresAt: '2030-01-02T03:04:00.000Z' });
    expect(await requests[1]!.text()).toBe('');
  });
});

describe('listGroupsGrantingRole', () => {
  it('asks for the groups of the role and follows the cursor to the last page', async () => {
    const { api, requests } = fakeApi((request) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      return cursor
        ? Response.json({ items: [group('Support', `${GROUP_ID.slice(0, -2)}cc`)], nextCursor: null })
        : Response.json({ items: [group('Sales')], nextCursor: 'page-2' });
    });
    const groups = await listGroupsGrantingRole(api, TENANT, 'crm.sales');
    expect(groups.map((g) => g.name)).toEqual(['Sales', 'Support']);
    expect(requests).toHaveLength(2);
    const first = new URL(requests[0]!.url).searchParams;
    expect(first.get('roleKey')).toBe('crm.sales');
    expect(first.get('limit')).toBe('200');
    expect(first.has('cursor')).toBe(false);
    expect(new URL(requests[1]!.url).searchParams.get('cursor')).toBe('page-2');
  });
});

describe('addGroupMember', () => {
  const USER = '01930000-0000-7000-8000-0000000000cc';
  const memberOf = (...groups: ReturnType<typeof group>[]) =>
    fakeApi((request) =>
      request.method === 'PUT'
        ? new Response(null, { status: 204 })
        : Response.json({ items: groups, nextCursor: null }),
    );

  it('says the user was added when the group was not among their groups', async () => {
    const { api, requests } = memberOf(group('Other', '01930000-0000-7000-8000-0000000000dd'));
    await expect(addGroupMember(api, TENANT, GROUP_ID, USER)).resolves.toBe('added');
    expect(requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
  });

  it('says the user was a member already when the group was among them (the PUT answers 204 both ways)', async () => {
    const { api } = memberOf(group('Readers'));
    await expect(addGroupMember(api, TENANT, GROUP_ID, USER)).resolves.toBe('already-member');
  });
});
