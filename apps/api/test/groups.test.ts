/** Groups of a tenant (API.md §5): names, members, group role grants, deletion and their audit events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const GROUP_FIELDS = ['createdAt', 'description', 'id', 'memberCount', 'name', 'tenantId', 'updatedAt'];
const MISSING = '00000000-0000-7000-8000-000000000000';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  expectStatus(
    await t.request('PUT', `/environments/${w.environmentId}/applications/crm`, {
      token: w.tokens.admin,
      body: {
        name: 'CRM',
        roles: [
          { key: 'crm.read', name: 'Read', description: 'Reads contacts' },
          { key: 'crm.write', name: 'Write' },
        ],
      },
    }),
    201,
  );
}, 60_000);
afterAll(async () => t?.close());

type Options = { token?: string; body?: unknown };
/** A request as the admin unless another token is given. */
const call = (method: string, url: string, options: Options = {}) =>
  t.request(method, url, { token: w.tokens.admin, ...options });
const tenant = (tenantId = w.tenantId) => `/tenants/${tenantId}`;

async function createGroup(body: Record<string, unknown>, tenantId = w.tenantId, token = w.tokens.admin) {
  return expectStatus(await call('POST', `${tenant(tenantId)}/groups`, { token, body }), 201).body;
}

async function createUser(body: Record<string, unknown> = {}, tenantId = w.tenantId) {
  const user = { username: unique('user'), ...body };
  return expectStatus(await call('POST', `${tenant(tenantId)}/users`, { body: user }), 201).body;
}

async function addMember(groupId: string, userId: string, tenantId = w.tenantId) {
  expectStatus(await call('PUT', `${tenant(tenantId)}/groups/${groupId}/members/${userId}`), 204);
}

async function freshTenant(): Promise<string> {
  return expectStatus(
    await call('POST', `/environments/${w.environmentId}/tenants`, { body: { name: unique('tenant') } }),
    201,
  ).body.id;
}

function expectInvalid(response: { status: number; body: any }, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

async function events(targetId: string, action: string) {
  const { body } = await call('GET', `${tenant()}/audit-events?targetId=${targetId}&action=${action}`);
  return body.items;
}

async function listAll(url: string, limit: number) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const separator = url.includes('?') ? '&' : '?';
    const page: string = `${url}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const { body } = expectStatus(await call('GET', page), 200);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the list never ended');
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const names = (items: { name: string }[]) => items.map((item) => item.name);

describe('creating groups', () => {
  it('answers 201 with the group, trimmed, an empty description and no members, and audits it', async () => {
    const group = await createGroup({ name: '  Sales  ' }, w.tenantId, w.tokens['tenant-admin']);
    expect(Object.keys(group).sort()).toEqual(GROUP_FIELDS);
    expect(group).toMatchObject({ tenantId: w.tenantId, name: 'Sales', description: '', memberCount: 0 });
    const [event] = await events(group.id, 'group.created');
    expect(event).toMatchObject({
      actorType: 'operator',
      actorId: w.operatorIds['tenant-admin'],
      targetType: 'group',
      before: null,
      after: { id: group.id, name: 'Sales', description: '', memberCount: 0 },
    });
  });

  it('keeps names unique per tenant ignoring case (409), writing nothing', async () => {
    await createGroup({ name: 'Support', description: 'first' });
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM user_groups WHERE lower(name) = 'support'`)).rows[0].n;
    const before = await count();
    for (const name of ['support', 'SUPPORT', ' Support ']) {
      const response = await call('POST', `${tenant()}/groups`, { body: { name } });
      expect(response.status).toBe(409);
      expect(response.body.detail).toMatch(/already exists/);
    }
    expect(await count()).toBe(before);
  });

  it('allows the same name in another tenant', async () => {
    await createGroup({ name: 'Everyone' });
    expect((await createGroup({ name: 'EVERYONE' }, w.otherTenantId)).tenantId).toBe(w.otherTenantId);
  });

  it.each([
    ['no name', {}, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name'],
    ['a description of 1001 characters', { name: 'Long', description: 'd'.repeat(1001) }, 'description'],
    ['an unknown field', { name: 'Odd', color: 'red' }, 'color'],
    ['a name that is not a string', { name: 42 }, 'name'],
  ])('refuses %s with 400', async (_case, body, field) => {
    expectInvalid(await call('POST', `${tenant()}/groups`, { body }), field);
  });

  it('accepts a name of 200 characters and a description of 1000', async () => {
    const group = await createGroup({ name: 'n'.repeat(200), description: 'd'.repeat(1000) });
    expect(group.name).toHaveLength(200);
  });
});

describe('listing groups', () => {
  let tenantId: string;
  const counts: Record<string, number> = { delta: 0, Alpha: 2, charlie: 1, Bravo: 0, 'Echo 100%': 3, 'echo 1000': 1 };
  beforeAll(async () => {
    tenantId = await freshTenant();
    const members = [];
    for (let i = 0; i < 3; i += 1) members.push(await createUser({}, tenantId));
    for (const [name, memberCount] of Object.entries(counts)) {
      const group = await createGroup({ name }, tenantId);
      for (const user of members.slice(0, memberCount)) await addMember(group.id, user.id, tenantId);
    }
  });

  it('orders by name ignoring case, each with its memberCount', async () => {
    const items = await listAll(`${tenant(tenantId)}/groups`, 200);
    expect(names(items)).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'Echo 100%', 'echo 1000']);
    for (const group of items) {
      expect(Object.keys(group).sort()).toEqual(GROUP_FIELDS);
      expect(group.memberCount).toBe(counts[group.name]);
    }
  });

  it('pages through every group exactly once in the order of one big page', async () => {
    const big = await listAll(`${tenant(tenantId)}/groups`, 200);
    for (const limit of [1, 2, 4]) expect(ids(await listAll(`${tenant(tenantId)}/groups`, limit))).toEqual(ids(big));
    const { body } = await call('GET', `${tenant(tenantId)}/groups?limit=2&includeTotal=true`);
    expect(body).toMatchObject({ total: 6, nextCursor: expect.any(String) });
    expect((await call('GET', `${tenant(tenantId)}/groups?limit=2`)).body).not.toHaveProperty('total');
  });

  it('searches names as case-insensitive substrings, % literally', async () => {
    const search = async (text: string) =>
      names((await call('GET', `${tenant(tenantId)}/groups?search=${encodeURIComponent(text)}`)).body.items);
    expect(await search('ALPH')).toEqual(['Alpha']);
    expect(await search('echo')).toEqual(['Echo 100%', 'echo 1000']);
    expect(await search('100%')).toEqual(['Echo 100%']);
    expect(await search('o_1')).toEqual([]);
    expect(await search('nothing')).toEqual([]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['cursor=garbage', 'cursor'],
    ['sort=name', 'sort'],
  ])('refuses ?%s with 400', async (query, field) => {
    expectInvalid(await call('GET', `${tenant(tenantId)}/groups?${query}`), field);
  });
});

describe('one group', () => {
  it('reads, updates and audits the change; nothing changed writes nothing', async () => {
    const group = await createGroup({ name: unique('ops'), description: 'old' });
    const url = `${tenant()}/groups/${group.id}`;
    expect(expectStatus(await call('GET', url), 200).body).toEqual(group);
    const updated = expectStatus(await call('PATCH', url, { body: { name: 'Operations', description: 'new' } }), 200);
    expect(updated.body).toMatchObject({ id: group.id, name: 'Operations', description: 'new', memberCount: 0 });
    expect(updated.body.updatedAt > group.updatedAt).toBe(true);
    expect((await call('GET', url)).body).toEqual(updated.body);
    const [event] = await events(group.id, 'group.updated');
    expect(event).toMatchObject({ before: { name: group.name, description: 'old' }, after: { name: 'Operations' } });
    const same = await call('PATCH', url, { body: { name: ' Operations ' } });
    expect(same.body).toEqual(updated.body);
    expect(await events(group.id, 'group.updated')).toHaveLength(1);
  });

  it('refuses a name taken ignoring case, but accepts a new case of its own name', async () => {
    await createGroup({ name: 'Taken' });
    const group = await createGroup({ name: 'Free' });
    const url = `${tenant()}/groups/${group.id}`;
    expect((await call('PATCH', url, { body: { name: 'TAKEN' } })).status).toBe(409);
    expect((await call('PATCH', url, { body: { name: 'FREE' } })).body.name).toBe('FREE');
    expectInvalid(await call('PATCH', url, { body: { name: '' } }), 'name');
    expectInvalid(await call('PATCH', url, { body: { memberCount: 3 } }), 'memberCount');
  });

  it('deletes with 204, then answers 404, and audits what it was', async () => {
    const group = await createGroup({ name: unique('temp') });
    const url = `${tenant()}/groups/${group.id}`;
    expect((await call('DELETE', url)).status).toBe(204);
    expect((await call('GET', url)).status).toBe(404);
    expect((await call('DELETE', url)).status).toBe(404);
    const [event] = await events(group.id, 'group.deleted');
    expect(event).toMatchObject({ targetType: 'group', before: { name: group.name }, after: null });
  });

  it('answers 404 for a group of another tenant, an unknown id and a malformed id', async () => {
    const foreign = await createGroup({ name: unique('foreign') }, w.otherTenantId);
    const user = await createUser();
    for (const id of [foreign.id, MISSING, 'not-a-uuid']) {
      const url = `${tenant()}/groups/${id}`;
      expect((await call('GET', url)).status).toBe(404);
      expect((await call('PATCH', url, { body: { name: 'Mine' } })).status).toBe(404);
      expect((await call('DELETE', url)).status).toBe(404);
      expect((await call('GET', `${url}/members`)).status).toBe(404);
      expect((await call('PUT', `${url}/members/${user.id}`)).status).toBe(404);
      expect((await call('GET', `${url}/roles`)).status).toBe(404);
      expect((await call('PUT', `${url}/roles/crm.read`)).status).toBe(404);
    }
    expect((await call('GET', `${tenant(w.otherTenantId)}/groups/${foreign.id}`)).body).toEqual(foreign);
  });

  it('is out of reach of a tenant-admin in another tenant', async () => {
    const foreign = await createGroup({ name: unique('hidden') }, w.otherTenantId);
    const token = w.tokens['tenant-admin'];
    expect((await call('GET', `${tenant(w.otherTenantId)}/groups/${foreign.id}`, { token })).status).toBe(404);
    expect((await call('GET', `${tenant(w.otherTenantId)}/groups`, { token })).status).toBe(404);
  });
});

describe('members', () => {
  it('adds and removes idempotently with 204, auditing each change once on the user', async () => {
    const group = await createGroup({ name: unique('club') });
    const user = await createUser();
    const url = `${tenant()}/groups/${group.id}/members/${user.id}`;
    expect((await call('PUT', url)).status).toBe(204);
    expect((await call('PUT', url)).status).toBe(204);
    expect((await call('GET', `${tenant()}/groups/${group.id}`)).body.memberCount).toBe(1);
    const added = await events(user.id, 'group.member.added');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      actorId: w.operatorIds.admin,
      targetType: 'user',
      targetId: user.id,
      after: { groupId: group.id, groupName: group.name },
    });
    expect((await call('DELETE', url)).status).toBe(204);
    expect((await call('DELETE', url)).status).toBe(204);
    expect((await call('GET', `${tenant()}/groups/${group.id}`)).body.memberCount).toBe(0);
    const removed = await events(user.id, 'group.member.removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({
      targetType: 'user',
      targetId: user.id,
      before: { groupId: group.id, groupName: group.name },
      after: null,
    });
  });

  it('answers 404 for a user of another tenant, an unknown or malformed user id', async () => {
    const group = await createGroup({ name: unique('closed') });
    const foreign = await createUser({}, w.otherTenantId);
    for (const userId of [foreign.id, MISSING, 'not-a-uuid']) {
      expect((await call('PUT', `${tenant()}/groups/${group.id}/members/${userId}`)).status).toBe(404);
      expect((await call('DELETE', `${tenant()}/groups/${group.id}/members/${userId}`)).status).toBe(404);
      expect((await call('GET', `${tenant()}/users/${userId}/groups`)).status).toBe(404);
    }
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM group_members WHERE group_id = $1', [group.id]);
    expect(rows[0].n).toBe(0);
  });

  describe('listing members', () => {
    let group: any;
    const members: Record<string, any> = {};
    beforeAll(async () => {
      group = await createGroup({ name: unique('big') });
      members.zed = await createUser({ username: 'Zed', email: 'zed@members.io' });
      members.amy = await createUser({ username: 'amy', name: 'Amy Member' });
      members.bob = await createUser({ username: 'Bob', isActive: false });
      members.guest = await createUser({ kind: 'anonymous', username: undefined });
      members.kim = await createUser({ username: 'kim' });
      await createUser({ username: 'outsider', name: 'Amy Outsider' });
      for (const user of Object.values(members)) await addMember(group.id, user.id);
      await call('PUT', `${tenant()}/users/${members.kim.id}/roles/crm.read`);
      await t.db.query(`UPDATE end_users SET last_login_at = now() WHERE id = $1`, [members.zed.id]);
    });
    const membersUrl = () => `${tenant()}/groups/${group.id}/members`;
    const usernames = async (query: string) =>
      expectStatus(await call('GET', `${membersUrl()}?${query}`), 200).body.items.map(
        (u: { username: string | null }) => u.username,
      );

    it('lists the members as users, by username ignoring case, paged', async () => {
      const all = await listAll(membersUrl(), 200);
      expect(all.map((u) => u.username)).toEqual([null, 'amy', 'Bob', 'kim', 'Zed']);
      expect(Object.keys(all[0])).toContain('lastLoginAt');
      expect(JSON.stringify(all)).not.toMatch(/password/i);
      expect(ids(await listAll(membersUrl(), 2))).toEqual(ids(all));
      const { body } = await call('GET', `${membersUrl()}?limit=1&includeTotal=true`);
      expect(body.total).toBe(5);
    });

    it('supports the filters and sorts of the users list', async () => {
      expect(await usernames('sort=-username')).toEqual(['Zed', 'kim', 'Bob', 'amy', null]);
      expect((await usernames('sort=-lastLoginAt'))[0]).toBe('Zed');
      expect(ids(await listAll(`${membersUrl()}?sort=createdAt`, 2))).toEqual(
        ids(await listAll(`${membersUrl()}?sort=createdAt`, 200)),
      );
      expect(await usernames('isActive=false')).toEqual(['Bob']);
      expect(await usernames('kind=anonymous')).toEqual([null]);
      expect(await usernames('search=AMY')).toEqual(['amy']);
      expect(await usernames('search=members.io')).toEqual(['Zed']);
      expect(await usernames('roleKey=crm.read')).toEqual(['kim']);
      expect((await call('GET', `${membersUrl()}?roleKey=no.such.role`)).status).toBe(404);
      expectInvalid(await call('GET', `${membersUrl()}?groupId=${group.id}`), 'groupId');
      expectInvalid(await call('GET', `${membersUrl()}?sort=name`), 'sort');
    });

    it("lists a user's groups by name with their member counts", async () => {
      const second = await createGroup({ name: 'AAA first' });
      await addMember(second.id, members.amy.id);
      const { body } = await call('GET', `${tenant()}/users/${members.amy.id}/groups`);
      expect(body.items.map((g: { id: string }) => g.id)).toEqual([second.id, group.id]);
      expect(body.items[1]).toMatchObject({ name: group.name, memberCount: 5 });
      expect(Object.keys(body.items[0]).sort()).toEqual(GROUP_FIELDS);
      const page = await call('GET', `${tenant()}/users/${members.amy.id}/groups?limit=1&includeTotal=true`);
      expect(page.body).toMatchObject({ total: 2, items: [{ id: second.id }], nextCursor: expect.any(String) });
      const none = await call('GET', `${tenant()}/users/${(await createUser()).id}/groups`);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });
  });
});

describe('group roles', () => {
  it('grants and revokes idempotently with 204, listing the granted roles and auditing once', async () => {
    const group = await createGroup({ name: unique('writers') });
    const url = `${tenant()}/groups/${group.id}/roles`;
    for (let i = 0; i < 2; i += 1) {
      expect((await call('PUT', `${url}/crm.read`)).status).toBe(204);
      expect((await call('PUT', `${url}/crm.write`)).status).toBe(204);
    }
    expect(expectStatus(await call('GET', url), 200).body).toEqual({
      items: [
        { key: 'crm.read', name: 'Read', description: 'Reads contacts', applicationKey: 'crm', isActive: true },
        { key: 'crm.write', name: 'Write', description: '', applicationKey: 'crm', isActive: true },
      ],
    });
    const granted = await events(group.id, 'group.role.granted');
    expect(granted).toHaveLength(2);
    expect(granted[1]).toMatchObject({
      targetType: 'group',
      targetId: group.id,
      before: null,
      after: { roleKey: 'crm.read', roleName: 'Read' },
    });
    for (let i = 0; i < 2; i += 1) expect((await call('DELETE', `${url}/crm.write`)).status).toBe(204);
    expect((await call('GET', url)).body.items.map((r: { key: string }) => r.key)).toEqual(['crm.read']);
    const revoked = await events(group.id, 'group.role.revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ before: { roleKey: 'crm.write' }, after: null });
  });

  it('answers 404 for an unknown role key and grants nothing', async () => {
    const group = await createGroup({ name: unique('unknown-role') });
    expect((await call('PUT', `${tenant()}/groups/${group.id}/roles/no.such.role`)).status).toBe(404);
    expect((await call('DELETE', `${tenant()}/groups/${group.id}/roles/no.such.role`)).status).toBe(404);
    expect((await call('GET', `${tenant()}/groups/${group.id}/roles`)).body).toEqual({ items: [] });
  });

  it('gives every member the role, with the group as its source', async () => {
    const group = await createGroup({ name: unique('readers') });
    const user = await createUser();
    await addMember(group.id, user.id);
    await call('PUT', `${tenant()}/groups/${group.id}/roles/crm.read`);
    const { body } = await call('GET', `${tenant()}/users/${user.id}/roles`);
    expect(body).toEqual({
      items: [
        {
          key: 'crm.read',
          name: 'Read',
          applicationKey: 'crm',
          sources: [{ type: 'group', groupId: group.id, groupName: group.name }],
        },
      ],
      suspended: false,
    });
  });

  it('shows a role no longer declared as inactive', async () => {
    const declare = (roles: { key: string; name: string }[]) =>
      call('PUT', `/environments/${w.environmentId}/applications/ops`, { body: { name: 'Ops', roles } });
    expectStatus(await declare([{ key: 'ops.run', name: 'Run' }]), 201);
    const group = await createGroup({ name: unique('runners') });
    await call('PUT', `${tenant()}/groups/${group.id}/roles/ops.run`);
    expectStatus(await declare([]), 200);
    const { body } = await call('GET', `${tenant()}/groups/${group.id}/roles`);
    expect(body.items).toEqual([expect.objectContaining({ key: 'ops.run', applicationKey: 'ops', isActive: false })]);
  });
});

describe('deleting a group with members and roles', () => {
  it('removes memberships and group grants at once, keeping direct grants and the users', async () => {
    const group = await createGroup({ name: unique('doomed') });
    const user = await createUser();
    await addMember(group.id, user.id);
    await call('PUT', `${tenant()}/groups/${group.id}/roles/crm.read`);
    await call('PUT', `${tenant()}/groups/${group.id}/roles/crm.write`);
    await call('PUT', `${tenant()}/users/${user.id}/roles/crm.read`);
    const roles = async () => (await call('GET', `${tenant()}/users/${user.id}/roles`)).body.items;
    expect(await roles()).toEqual([
      expect.objectContaining({
        key: 'crm.read',
        sources: [{ type: 'direct' }, { type: 'group', groupId: group.id, groupName: group.name }],
      }),
      expect.objectContaining({
        key: 'crm.write',
        sources: [{ type: 'group', groupId: group.id, groupName: group.name }],
      }),
    ]);

    expect((await call('DELETE', `${tenant()}/groups/${group.id}`)).status).toBe(204);

    expect(await roles()).toEqual([expect.objectContaining({ key: 'crm.read', sources: [{ type: 'direct' }] })]);
    expect((await call('GET', `${tenant()}/users/${user.id}/check-role/crm.write`)).body).toEqual({ granted: false });
    expect((await call('GET', `${tenant()}/users/${user.id}/groups`)).body.items).toEqual([]);
    expect((await call('GET', `${tenant()}/users/${user.id}`)).status).toBe(200);
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM group_members WHERE group_id = $1)::int AS members,
              (SELECT count(*) FROM group_roles WHERE group_id = $1)::int AS grants,
              (SELECT count(*) FROM user_roles WHERE user_id = $2)::int AS direct`,
      [group.id, user.id],
    );
    expect(rows[0]).toEqual({ members: 0, grants: 0, direct: 1 });
    const [event] = await events(group.id, 'group.deleted');
    expect(event).toMatchObject({ before: { name: group.name, memberCount: 1 }, after: null });
    const users = await call('GET', `${tenant()}/users?roleKey=crm.write`);
    expect(ids(users.body.items)).not.toContain(user.id);
  });
});

describe('group audit events', () => {
  it('are filtered by the group. prefix and never show another tenant', async () => {
    await createGroup({ name: unique('elsewhere') }, w.otherTenantId);
    const { body } = await call('GET', `${tenant()}/audit-events?action=group.&limit=200`);
    const actions = new Set(body.items.map((e: { action: string }) => e.action));
    for (const action of [
      'group.created',
      'group.updated',
      'group.deleted',
      'group.member.added',
      'group.member.removed',
      'group.role.granted',
      'group.role.revoked',
    ]) {
      expect(actions).toContain(action);
    }
    expect(body.items.every((e: { tenantId: string }) => e.tenantId === w.tenantId)).toBe(true);
  });
});
