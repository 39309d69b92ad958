/** POST /tenants/:tenantId/users/bulk: one action on up to 1000 users, in one transaction (API.md §5). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  token = w.tokens.admin;
  const roles = [
    { key: 'crm.admin', name: 'Admin' },
    { key: 'crm.sales', name: 'Sales' },
  ];
  expectStatus(
    await t.request('PUT', `/environments/${w.environmentId}/applications/crm`, {
      token,
      body: { name: 'CRM', roles },
    }),
    201,
  );
  expectStatus(
    await t.request('PUT', `/environments/${w.otherEnvironmentId}/applications/erp`, {
      token,
      body: { name: 'ERP', roles: [{ key: 'erp.view', name: 'View' }] },
    }),
    201,
  );
}, 60_000);
afterAll(async () => t?.close());

type BulkBody = { action: string; userIds: string[]; groupId?: string; roleKey?: string; expiresAt?: string | null };

function bulk(body: BulkBody, options: { token?: string; tenantId?: string } = {}) {
  return t.request('POST', `/tenants/${options.tenantId ?? w.tenantId}/users/bulk`, {
    token: options.token ?? token,
    body,
  });
}

async function createUsers(count: number, body: Record<string, unknown> = {}, tenantId = w.tenantId) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await t.request('POST', `/tenants/${tenantId}/users`, {
      token,
      body: { username: unique('bulk-user'), ...body },
    });
    ids.push(expectStatus(response, 201).body.id);
  }
  return ids;
}

async function createGroup(tenantId = w.tenantId): Promise<string> {
  const response = await t.request('POST', `/tenants/${tenantId}/groups`, {
    token,
    body: { name: unique('bulk-group') },
  });
  return expectStatus(response, 201).body.id;
}

const addMember = async (groupId: string, userId: string, tenantId = w.tenantId) =>
  expectStatus(await t.request('PUT', `/tenants/${tenantId}/groups/${groupId}/members/${userId}`, { token }), 204);
const grantDirectly = async (userId: string, roleKey: string, tenantId = w.tenantId) =>
  expectStatus(await t.request('PUT', `/tenants/${tenantId}/users/${userId}/roles/${roleKey}`, { token }), 204);

/** Everything the API tells about a user: the resource, its direct-or-group roles and its groups. */
async function snapshot(userId: string, tenantId = w.tenantId) {
  const base = `/tenants/${tenantId}/users/${userId}`;
  const [user, roles, groups] = await Promise.all(
    [base, `${base}/roles`, `${base}/groups`].map((url) => t.request('GET', url, { token })),
  );
  const { rows: directRoles } = await t.db.query(
    'SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1 ORDER BY r.key',
    [userId],
  );
  return {
    user: { status: user!.status, body: user!.body },
    roles: roles!.body,
    groups: groups!.body,
    directRoles: directRoles.map((row) => row.key),
  };
}

async function isActive(userId: string, tenantId = w.tenantId): Promise<boolean> {
  const response = await t.request('GET', `/tenants/${tenantId}/users/${userId}`, { token });
  return expectStatus(response, 200).body.isActive;
}

async function memberIds(groupId: string): Promise<string[]> {
  const response = await t.request('GET', `/tenants/${w.tenantId}/groups/${groupId}/members?limit=200`, { token });
  return expectStatus(response, 200)
    .body.items.map((user: { id: string }) => user.id)
    .sort();
}

async function directHolders(roleKey: string, userIds: string[]): Promise<string[]> {
  const { rows } = await t.db.query(
    `SELECT ur.user_id AS id FROM user_roles ur JOIN roles r ON r.id = ur.role_id
     WHERE r.key = $1 AND ur.user_id = ANY($2) ORDER BY ur.user_id`,
    [roleKey, userIds],
  );
  return rows.map((row) => row.id);
}

/** The audit events recorded on the given users, as rows straight from the database. */
async function auditEvents(userIds: string[], action: string) {
  const { rows } = await t.db.query(
    `SELECT target_id AS "targetId", actor_type AS "actorType", actor_id AS "actorId", tenant_id AS "tenantId",
            before, after
     FROM audit_events WHERE target_id = ANY($1) AND action = $2 ORDER BY target_id`,
    [userIds, action],
  );
  return rows;
}

/** How many audit events name any of the ids: compared before and after a request that must change nothing. */
async function eventCount(ids: string[]): Promise<number> {
  const { rows } = await t.db.query('SELECT count(*)::int AS n FROM audit_events WHERE target_id = ANY($1)', [ids]);
  return rows[0].n;
}

const sorted = (ids: string[]) => [...ids].sort();

describe('every bulk action', () => {
  it('activates inactive users, recording an event only for those that really changed', async () => {
    const inactive = await createUsers(2, { isActive: false });
    const [active] = await createUsers(1);
    const response = expectStatus(await bulk({ action: 'activate', userIds: [...inactive, active!] }), 200);
    expect(response.body).toEqual({ succeeded: 3, failed: [] });
    for (const id of [...inactive, active!]) expect(await isActive(id)).toBe(true);
    const events = await auditEvents([...inactive, active!], 'user.activated');
    expect(events.map((event) => event.targetId)).toEqual(sorted(inactive));
    for (const event of events) {
      expect(event).toMatchObject({
        actorType: 'operator',
        actorId: w.operatorIds.admin,
        tenantId: w.tenantId,
        before: { isActive: false },
        after: { isActive: true },
      });
    }
  });

  it('deactivates active users and records nothing for users already inactive', async () => {
    const active = await createUsers(2);
    const [inactive] = await createUsers(1, { isActive: false });
    const response = expectStatus(await bulk({ action: 'deactivate', userIds: [inactive!, ...active] }), 200);
    expect(response.body).toEqual({ succeeded: 3, failed: [] });
    for (const id of [...active, inactive!]) expect(await isActive(id)).toBe(false);
    const events = await auditEvents([...active, inactive!], 'user.deactivated');
    expect(events.map((event) => event.targetId)).toEqual(sorted(active));
    expect(events[0]).toMatchObject({
      actorId: w.operatorIds.admin,
      before: { isActive: true },
      after: { isActive: false },
    });
  });

  it('deletes users with their memberships and grants, recording what each user was', async () => {
    const ids = await createUsers(2);
    const group = await createGroup();
    await addMember(group, ids[0]!);
    await grantDirectly(ids[1]!, 'crm.admin');
    const response = expectStatus(await bulk({ action: 'delete', userIds: ids }), 200);
    expect(response.body).toEqual({ succeeded: 2, failed: [] });
    for (const id of ids) {
      expect((await t.request('GET', `/tenants/${w.tenantId}/users/${id}`, { token })).status).toBe(404);
    }
    expect(await memberIds(group)).toEqual([]);
    expect(await directHolders('crm.admin', ids)).toEqual([]);
    const events = await auditEvents(ids, 'user.deleted');
    expect(events.map((event) => event.targetId)).toEqual(sorted(ids));
    expect(events[0]).toMatchObject({ actorId: w.operatorIds.admin, before: { id: events[0].targetId }, after: null });
  });

  it('adds users to a group, recording only the memberships that are new', async () => {
    const ids = await createUsers(3);
    const group = await createGroup();
    await addMember(group, ids[0]!);
    const response = expectStatus(await bulk({ action: 'add-to-group', userIds: ids, groupId: group }), 200);
    expect(response.body).toEqual({ succeeded: 3, failed: [] });
    expect(await memberIds(group)).toEqual(sorted(ids));
    const events = await auditEvents(ids, 'group.member.added');
    expect(events.map((event) => event.targetId)).toEqual(sorted(ids));
    // ids[0] was added one by one before: exactly one event each, none from the bulk request twice.
    expect(events.filter((event) => event.targetId === ids[0])).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: w.operatorIds.admin, after: { groupId: group } });
  });

  it('removes users from a group, recording only the memberships that existed', async () => {
    const ids = await createUsers(3);
    const group = await createGroup();
    await addMember(group, ids[0]!);
    await addMember(group, ids[1]!);
    const response = expectStatus(await bulk({ action: 'remove-from-group', userIds: ids, groupId: group }), 200);
    expect(response.body).toEqual({ succeeded: 3, failed: [] });
    expect(await memberIds(group)).toEqual([]);
    const events = await auditEvents(ids, 'group.member.removed');
    expect(events.map((event) => event.targetId)).toEqual(sorted(ids.slice(0, 2)));
    expect(events[0]).toMatchObject({ actorId: w.operatorIds.admin, before: { groupId: group }, after: null });
  });

  it('grants a role directly, recording only the grants that are new', async () => {
    const ids = await createUsers(3);
    await grantDirectly(ids[0]!, 'crm.sales');
    const before = await auditEvents(ids, 'user.role.granted');
    const response = expectStatus(await bulk({ action: 'grant-role', userIds: ids, roleKey: 'crm.sales' }), 200);
    expect(response.body).toEqual({ succeeded: 3, failed: [] });
    expect(await directHolders('crm.sales', ids)).toEqual(sorted(ids));
    const events = await auditEvents(ids, 'user.role.granted');
    expect(events).toHaveLength(before.length + 2);
    expect(events.filter((event) => event.targetId === ids[0])).toHaveLength(1);
    expect(events.find((event) => event.targetId === ids[1])).toMatchObject({
      actorId: w.operatorIds.admin,
      after: { roleKey: 'crm.sales' },
    });
    const roles = await t.request('GET', `/tenants/${w.tenantId}/users/${ids[2]}/roles`, { token });
    expect(roles.body.items).toEqual([expect.objectContaining({ key: 'crm.sales', sources: [{ type: 'direct' }] })]);
  });

  it('revokes a direct grant, recording only the grants that existed', async () => {
    const ids = await createUsers(3);
    await grantDirectly(ids[0]!, 'crm.admin');
    await grantDirectly(ids[2]!, 'crm.admin');
    const response = expectStatus(await bulk({ action: 'revoke-role', userIds: ids, roleKey: 'crm.admin' }), 200);
    expect(response.body).toEqual({ succeeded: 3, failed: [] });
    expect(await directHolders('crm.admin', ids)).toEqual([]);
    const events = await auditEvents(ids, 'user.role.revoked');
    expect(events.map((event) => event.targetId)).toEqual(sorted([ids[0]!, ids[2]!]));
    expect(events[0]).toMatchObject({ actorId: w.operatorIds.admin, before: { roleKey: 'crm.admin' } });
  });

  it('records an API key as the actor when a key makes the change', async () => {
    const ids = await createUsers(1);
    expectStatus(await bulk({ action: 'deactivate', userIds: ids }, { token: w.keys['tenant-admin'] }), 200);
    const [event] = await auditEvents(ids, 'user.deactivated');
    expect(event).toMatchObject({ actorType: 'api-key', actorId: expect.any(String) });
    const keys = await t.request('GET', `/accounts/${w.accountId}/api-keys`, { token: w.tokens.owner });
    expect(keys.body.items.map((key: { id: string }) => key.id)).toContain(event.actorId);
  });
});

/** Per action: how to prepare valid and foreign users, and what the action must have done to the valid ones. */
const MIXED_CASES: {
  action: string;
  prepare?: (ids: string[], foreign: string[], ctx: { groupId: string; foreignGroupId: string }) => Promise<void>;
  userBody?: Record<string, unknown>;
  extra?: (ctx: { groupId: string }) => Partial<BulkBody>;
  changed: (ids: string[], ctx: { groupId: string }) => Promise<void>;
}[] = [
  {
    action: 'activate',
    userBody: { isActive: false },
    changed: async (ids) => {
      for (const id of ids) expect(await isActive(id)).toBe(true);
    },
  },
  {
    action: 'deactivate',
    changed: async (ids) => {
      for (const id of ids) expect(await isActive(id)).toBe(false);
    },
  },
  {
    action: 'delete',
    changed: async (ids) => {
      for (const id of ids) {
        expect((await t.request('GET', `/tenants/${w.tenantId}/users/${id}`, { token })).status).toBe(404);
      }
    },
  },
  {
    action: 'add-to-group',
    extra: ({ groupId }) => ({ groupId }),
    changed: async (ids, { groupId }) => expect(await memberIds(groupId)).toEqual(sorted(ids)),
  },
  {
    action: 'remove-from-group',
    prepare: async (ids, foreign, { groupId, foreignGroupId }) => {
      for (const id of ids) await addMember(groupId, id);
      for (const id of foreign) await addMember(foreignGroupId, id, w.otherTenantId);
    },
    extra: ({ groupId }) => ({ groupId }),
    changed: async (_ids, { groupId }) => expect(await memberIds(groupId)).toEqual([]),
  },
  {
    action: 'grant-role',
    extra: () => ({ roleKey: 'crm.admin' }),
    changed: async (ids) => expect(await directHolders('crm.admin', ids)).toEqual(sorted(ids)),
  },
  {
    action: 'revoke-role',
    prepare: async (ids, foreign) => {
      for (const id of ids) await grantDirectly(id, 'crm.admin');
      for (const id of foreign) await grantDirectly(id, 'crm.admin', w.otherTenantId);
    },
    extra: () => ({ roleKey: 'crm.admin' }),
    changed: async (ids) => expect(await directHolders('crm.admin', ids)).toEqual([]),
  },
];

describe('a bulk request naming users it cannot act on', () => {
  it.each(MIXED_CASES)(
    'fails users of another tenant and unknown ids with 404 one by one and applies $action to the rest',
    async ({ action, prepare, userBody, extra, changed }) => {
      const ids = await createUsers(2, userBody);
      const foreign = await createUsers(2, userBody, w.otherTenantId);
      const unknown = [randomUUID(), randomUUID()];
      const ctx = { groupId: await createGroup(), foreignGroupId: await createGroup(w.otherTenantId) };
      await prepare?.(ids, foreign, ctx);
      const foreignBefore = await Promise.all(foreign.map((id) => snapshot(id, w.otherTenantId)));
      const foreignEvents = await eventCount([...foreign, ...unknown]);

      const userIds = [unknown[0]!, ids[0]!, foreign[0]!, ids[1]!, foreign[1]!, unknown[1]!];
      const response = expectStatus(await bulk({ action, userIds, ...extra?.(ctx) }), 200);
      expect(response.body.succeeded).toBe(2);
      expect(sorted(response.body.failed.map((entry: { userId: string }) => entry.userId))).toEqual(
        sorted([...foreign, ...unknown]),
      );
      for (const entry of response.body.failed) {
        expect(entry).toEqual({ userId: entry.userId, status: 404, detail: expect.stringContaining(entry.userId) });
      }
      await changed(ids, ctx);
      expect(await Promise.all(foreign.map((id) => snapshot(id, w.otherTenantId)))).toEqual(foreignBefore);
      expect(await eventCount([...foreign, ...unknown])).toBe(foreignEvents);
    },
  );

  it.each(MIXED_CASES)(
    'answers 200 with nothing succeeded when $action names only unknown users',
    async ({ action, extra }) => {
      const unknown = [randomUUID(), randomUUID()];
      const response = expectStatus(
        await bulk({ action, userIds: unknown, ...extra?.({ groupId: await createGroup() }) }),
        200,
      );
      expect(response.body.succeeded).toBe(0);
      expect(response.body.failed.map((entry: { userId: string }) => entry.userId).sort()).toEqual(sorted(unknown));
      expect(await eventCount(unknown)).toBe(0);
    },
  );

  it('counts a user named twice once', async () => {
    const [a, b] = await createUsers(2);
    const unknown = randomUUID();
    const response = expectStatus(
      await bulk({ action: 'deactivate', userIds: [a!, b!, a!, unknown, b!, a!, unknown] }),
      200,
    );
    expect(response.body).toEqual({
      succeeded: 2,
      failed: [{ userId: unknown, status: 404, detail: expect.any(String) }],
    });
    expect(await auditEvents([a!, b!], 'user.deactivated')).toHaveLength(2);
  });
});

describe('the size of a bulk request', () => {
  it('accepts 1000 users and refuses 1001', async () => {
    const tenant = expectStatus(
      await t.request('POST', `/environments/${w.environmentId}/tenants`, {
        token: t.adminToken,
        body: { name: unique('Thousand') },
      }),
      201,
    ).body;
    const { rows } = await t.db.query(
      `INSERT INTO end_users (id, tenant_id, kind, username)
       SELECT gen_random_uuid(), $1, 'registered', 'thousand-' || n FROM generate_series(1, 1000) AS n
       RETURNING id`,
      [tenant.id],
    );
    const ids: string[] = rows.map((row) => row.id);
    expect(ids).toHaveLength(1000);

    const tooMany = await bulk({ action: 'deactivate', userIds: [...ids, randomUUID()] }, { tenantId: tenant.id });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'userIds' })]);

    const response = expectStatus(await bulk({ action: 'deactivate', userIds: ids }, { tenantId: tenant.id }), 200);
    expect(response.body).toEqual({ succeeded: 1000, failed: [] });
    const inactive = await t.db.query(
      'SELECT count(*)::int AS n FROM end_users WHERE tenant_id = $1 AND NOT is_active',
      [tenant.id],
    );
    expect(inactive.rows[0].n).toBe(1000);
    expect(await auditEvents(ids, 'user.deactivated')).toHaveLength(1000);

    const grant = await bulk({ action: 'grant-role', userIds: ids, roleKey: 'crm.sales' }, { tenantId: tenant.id });
    expect(expectStatus(grant, 200).body).toEqual({ succeeded: 1000, failed: [] });
    expect(await directHolders('crm.sales', ids)).toHaveLength(1000);
  });

  it('refuses an empty list of users', async () => {
    const response = await bulk({ action: 'activate', userIds: [] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'userIds' })]);
  });
});

describe('bulk request validation', () => {
  it.each([
    ['add-to-group', 'groupId'],
    ['remove-from-group', 'groupId'],
    ['grant-role', 'roleKey'],
    ['revoke-role', 'roleKey'],
  ])('refuses %s without %s, naming the missing field', async (action, field) => {
    const ids = await createUsers(1);
    const response = await bulk({ action, userIds: ids });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, message: expect.stringContaining('required') }]);
  });

  it.each([
    ['activate', 'groupId', { groupId: randomUUID() }],
    ['delete', 'roleKey', { roleKey: 'crm.admin' }],
    ['add-to-group', 'roleKey', { groupId: randomUUID(), roleKey: 'crm.admin' }],
    ['grant-role', 'groupId', { roleKey: 'crm.admin', groupId: randomUUID() }],
    ['revoke-role', 'expiresAt', { roleKey: 'crm.admin', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }],
    ['deactivate', 'expiresAt', { expiresAt: null }],
  ])('refuses %s given %s, a field it does not use, naming that field', async (action, field, extra) => {
    const ids = await createUsers(1);
    const response = await bulk({ action, userIds: ids, ...extra });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, message: expect.stringContaining('does not apply') }]);
    expect(await isActive(ids[0]!)).toBe(true);
  });

  it('refuses an unknown action, a malformed user id and an unknown field', async () => {
    const ids = await createUsers(1);
    for (const body of [
      { action: 'promote', userIds: ids },
      { action: 'deactivate', userIds: ['not-a-uuid'] },
      { action: 'deactivate', userIds: ids, reason: 'cleanup' },
    ]) {
      const response = await bulk(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await isActive(ids[0]!)).toBe(true);
  });
});

describe('a bulk request naming a group or role it cannot use', () => {
  it.each(['add-to-group', 'remove-from-group'])(
    'answers 404 for %s with a group of another tenant and changes nothing',
    async (action) => {
      const ids = await createUsers(2);
      const foreignGroup = await createGroup(w.otherTenantId);
      const foreignMember = (await createUsers(1, {}, w.otherTenantId))[0]!;
      await addMember(foreignGroup, foreignMember, w.otherTenantId);
      const before = await Promise.all(ids.map((id) => snapshot(id)));
      const events = await eventCount([...ids, foreignMember]);

      const response = await bulk({ action, userIds: [...ids, foreignMember], groupId: foreignGroup });
      expect(response.status).toBe(404);
      expect(response.body.detail).toContain(foreignGroup);
      expect(await Promise.all(ids.map((id) => snapshot(id)))).toEqual(before);
      expect(await snapshot(foreignMember, w.otherTenantId)).toMatchObject({
        groups: { items: [expect.objectContaining({ id: foreignGroup })] },
      });
      expect(await eventCount([...ids, foreignMember])).toBe(events);
    },
  );

  it('answers 404 for an unknown group and changes nothing', async () => {
    const ids = await createUsers(2);
    const response = await bulk({ action: 'add-to-group', userIds: ids, groupId: randomUUID() });
    expect(response.status).toBe(404);
    for (const id of ids) expect((await snapshot(id)).groups.items).toEqual([]);
  });

  it.each([
    ['grant-role', 'crm.nope'],
    ['revoke-role', 'crm.nope'],
    ['grant-role', 'erp.view'],
  ])(
    'answers 404 for %s of %s, a role not declared in the environment, and changes nothing',
    async (action, roleKey) => {
      const ids = await createUsers(2);
      await grantDirectly(ids[0]!, 'crm.sales');
      const before = await Promise.all(ids.map((id) => snapshot(id)));
      const events = await eventCount(ids);
      const response = await bulk({ action, userIds: ids, roleKey });
      expect(response.status).toBe(404);
      expect(response.body.detail).toContain(roleKey);
      expect(await Promise.all(ids.map((id) => snapshot(id)))).toEqual(before);
      expect(await eventCount(ids)).toBe(events);
    },
  );
});

describe('bulk access', () => {
  it('forbids billing operators and keys (403) and changes nothing', async () => {
    const ids = await createUsers(1);
    for (const billing of [w.tokens.billing, w.keys.billing]) {
      const response = await bulk({ action: 'deactivate', userIds: ids }, { token: billing });
      expect(response.status).toBe(403);
    }
    expect(await isActive(ids[0]!)).toBe(true);
  });

  it('hides a tenant outside a tenant-admin’s list (404) and changes nothing', async () => {
    const ids = await createUsers(1, {}, w.otherTenantId);
    for (const tenantAdmin of [w.tokens['tenant-admin'], w.keys['tenant-admin']]) {
      const response = await bulk(
        { action: 'deactivate', userIds: ids },
        { token: tenantAdmin, tenantId: w.otherTenantId },
      );
      expect(response.status).toBe(404);
    }
    expect(await isActive(ids[0]!, w.otherTenantId)).toBe(true);
  });

  it('lets a tenant-admin act on the users of their own tenant', async () => {
    const ids = await createUsers(1);
    const response = await bulk({ action: 'deactivate', userIds: ids }, { token: w.tokens['tenant-admin'] });
    expect(expectStatus(response, 200).body).toEqual({ succeeded: 1, failed: [] });
    const [event] = await auditEvents(ids, 'user.deactivated');
    expect(event).toMatchObject({ actorType: 'operator', actorId: w.operatorIds['tenant-admin'] });
  });
});

describe('a bulk action at the same time as a single change to one of its users', () => {
  // Issue 14: the single grant or membership deadlocked with the bulk action (11 and 22 of 40 tries, a 500).
  const TRIES = 40;
  const singleChanges = [
    {
      name: 'a direct grant and a bulk grant',
      action: { action: 'grant-role', roleKey: 'crm.sales' },
      single: (userId: string) => t.request('PUT', `/tenants/${w.tenantId}/users/${userId}/roles/crm.sales`, { token }),
    },
    {
      name: 'a membership and a bulk add to the group',
      action: { action: 'add-to-group' },
      single: (userId: string, groupId: string) =>
        t.request('PUT', `/tenants/${w.tenantId}/groups/${groupId}/members/${userId}`, { token }),
    },
    {
      name: 'a direct grant and a bulk deactivation',
      action: { action: 'deactivate' },
      single: (userId: string) => t.request('PUT', `/tenants/${w.tenantId}/users/${userId}/roles/crm.admin`, { token }),
    },
    {
      name: 'a revocation and a bulk revocation',
      action: { action: 'revoke-role', roleKey: 'crm.admin' },
      single: (userId: string) =>
        t.request('DELETE', `/tenants/${w.tenantId}/users/${userId}/roles/crm.admin`, { token }),
    },
  ] as const;

  it.each(singleChanges)('$name never deadlock', async ({ action, single }) => {
    const group = expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/groups`, { token, body: { name: unique('race') } }),
      201,
    ).body;
    const statuses: number[][] = [];
    for (let attempt = 0; attempt < TRIES; attempt += 1) {
      const userIds = await createUsers(5);
      const target = userIds[attempt % userIds.length]!;
      if (action.action === 'revoke-role') {
        expectStatus(await bulk({ action: 'grant-role', roleKey: 'crm.admin', userIds }), 200);
      }
      const [one, many] = await Promise.all([
        single(target, group.id),
        bulk({ ...action, userIds, ...(action.action === 'add-to-group' ? { groupId: group.id } : {}) }),
      ]);
      statuses.push([one.status, many.status]);
    }
    expect(statuses.filter(([one, many]) => one !== 204 || many !== 200)).toEqual([]);
  });
});
