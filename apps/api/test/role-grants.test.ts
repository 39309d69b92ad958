/** Direct and group role grants, effective roles with their sources, and role checks (API.md §5, DESIGN.md §2). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let token: string;

const HR_ROLES = [
  { key: 'hr.admin', name: 'HR Admin' },
  { key: 'hr.viewer', name: 'HR Viewer' },
];

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  token = w.tokens.admin;
  expectStatus(await declare(w.environmentId, 'hr', HR_ROLES, 'HR'), 201);
  // A role that exists only in the other environment: never grantable to this environment's tenants.
  expectStatus(await declare(w.otherEnvironmentId, 'erp', [{ key: 'erp.view', name: 'View' }], 'ERP'), 201);
}, 60_000);
afterAll(async () => t?.close());

function declare(environmentId: string, key: string, roles: { key: string; name: string }[], name = 'CRM') {
  return t.request('PUT', `/environments/${environmentId}/applications/${key}`, { token, body: { name, roles } });
}

async function createUser(body: Record<string, unknown> = {}, tenantId = w.tenantId): Promise<string> {
  const response = await t.request('POST', `/tenants/${tenantId}/users`, {
    token,
    body: { username: unique('user'), ...body },
  });
  return expectStatus(response, 201).body.id;
}

async function createGroup(name: string): Promise<string> {
  return expectStatus(await t.request('POST', `/tenants/${w.tenantId}/groups`, { token, body: { name } }), 201).body.id;
}

const userPath = (userId: string) => `/tenants/${w.tenantId}/users/${userId}`;
const grantToUser = (userId: string, roleKey: string) =>
  t.request('PUT', `${userPath(userId)}/roles/${roleKey}`, { token });
const revokeFromUser = (userId: string, roleKey: string) =>
  t.request('DELETE', `${userPath(userId)}/roles/${roleKey}`, { token });
const grantToGroup = (groupId: string, roleKey: string) =>
  t.request('PUT', `/tenants/${w.tenantId}/groups/${groupId}/roles/${roleKey}`, { token });
const addMember = (groupId: string, userId: string) =>
  t.request('PUT', `/tenants/${w.tenantId}/groups/${groupId}/members/${userId}`, { token });

async function effectiveRoles(userId: string) {
  return expectStatus(await t.request('GET', `${userPath(userId)}/roles`, { token }), 200).body;
}

async function checkRole(userId: string, roleKey: string): Promise<boolean> {
  const response = expectStatus(await t.request('GET', `${userPath(userId)}/check-role/${roleKey}`, { token }), 200);
  expect(response.body).toEqual({ granted: expect.any(Boolean) });
  return response.body.granted;
}

async function usersWithRole(roleKey: string): Promise<string[]> {
  const response = await t.request('GET', `/tenants/${w.tenantId}/users?roleKey=${roleKey}&limit=200`, { token });
  return expectStatus(response, 200).body.items.map((user: { id: string }) => user.id);
}

/** The audit events recorded on a target, oldest first, as rows straight from the database. */
async function auditEvents(targetId: string, actionPrefix: string) {
  const { rows } = await t.db.query(
    `SELECT action, actor_type AS "actorType", actor_id AS "actorId", tenant_id AS "tenantId", before, after
     FROM audit_events WHERE target_id = $1 AND action LIKE $2 ORDER BY at, id`,
    [targetId, `${actionPrefix}%`],
  );
  return rows;
}

describe('direct grants', () => {
  it('grant a role with 204 and record one audit event, however often the grant is repeated', async () => {
    const userId = await createUser();
    expect((await grantToUser(userId, 'hr.admin')).status).toBe(204);
    expect((await grantToUser(userId, 'hr.admin')).status).toBe(204);
    expect(await auditEvents(userId, 'user.role.')).toEqual([
      {
        action: 'user.role.granted',
        actorType: 'operator',
        actorId: w.operatorIds.admin,
        tenantId: w.tenantId,
        before: null,
        after: { roleKey: 'hr.admin', roleName: 'HR Admin' },
      },
    ]);
    expect((await effectiveRoles(userId)).items).toEqual([
      { key: 'hr.admin', name: 'HR Admin', applicationKey: 'hr', sources: [{ type: 'direct' }] },
    ]);
  });

  it('revoke a role with 204 and record only the revocation that removed something', async () => {
    const userId = await createUser();
    await grantToUser(userId, 'hr.admin');
    expect((await revokeFromUser(userId, 'hr.admin')).status).toBe(204);
    expect((await revokeFromUser(userId, 'hr.admin')).status).toBe(204);
    expect((await revokeFromUser(userId, 'hr.viewer')).status).toBe(204);
    expect((await auditEvents(userId, 'user.role.')).map((event) => event.action)).toEqual([
      'user.role.granted',
      'user.role.revoked',
    ]);
    expect((await auditEvents(userId, 'user.role.revoked'))[0]).toMatchObject({
      actorId: w.operatorIds.admin,
      before: { roleKey: 'hr.admin' },
      after: null,
    });
    expect(await effectiveRoles(userId)).toEqual({ items: [], suspended: false });
  });

  it('are allowed on an inactive user and take effect once the user is activated', async () => {
    const userId = await createUser({ isActive: false });
    expect((await grantToUser(userId, 'hr.viewer')).status).toBe(204);
    expect(await effectiveRoles(userId)).toEqual({
      items: [],
      suspended: true,
      restoredOnActivation: [expect.objectContaining({ key: 'hr.viewer', sources: [{ type: 'direct' }] })],
    });
    expect(await usersWithRole('hr.viewer')).toContain(userId);
    expectStatus(await t.request('POST', `${userPath(userId)}/activate`, { token }), 200);
    expect((await effectiveRoles(userId)).items.map((item: { key: string }) => item.key)).toEqual(['hr.viewer']);
    expect((await revokeFromUser(userId, 'hr.viewer')).status).toBe(204);
  });

  it('answer 404 for an unknown role key and change nothing', async () => {
    const userId = await createUser();
    for (const response of [
      await grantToUser(userId, 'hr.nope'),
      await revokeFromUser(userId, 'hr.nope'),
      await t.request('GET', `${userPath(userId)}/check-role/hr.nope`, { token }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ status: 404, detail: expect.stringContaining('hr.nope') });
    }
    expect(await auditEvents(userId, 'user.role.')).toEqual([]);
  });

  it('answer 404 for the key of a role declared only in another environment', async () => {
    const userId = await createUser();
    const groupId = await createGroup(unique('erp-group'));
    expect((await grantToUser(userId, 'erp.view')).status).toBe(404);
    expect((await revokeFromUser(userId, 'erp.view')).status).toBe(404);
    expect((await grantToGroup(groupId, 'erp.view')).status).toBe(404);
    expect((await t.request('GET', `${userPath(userId)}/check-role/erp.view`, { token })).status).toBe(404);
    expect(await effectiveRoles(userId)).toEqual({ items: [], suspended: false });
    expect((await t.db.query('SELECT 1 FROM user_roles WHERE user_id = $1', [userId])).rowCount).toBe(0);
  });

  it('answer 404 for a user of another tenant, even with a role of the same environment', async () => {
    const foreignUserId = await createUser({}, w.otherTenantId);
    expect((await grantToUser(foreignUserId, 'hr.admin')).status).toBe(404);
    expect((await t.request('GET', `${userPath(foreignUserId)}/roles`, { token })).status).toBe(404);
    expect((await t.request('GET', `${userPath(foreignUserId)}/check-role/hr.admin`, { token })).status).toBe(404);
    expect((await t.db.query('SELECT 1 FROM user_roles WHERE user_id = $1', [foreignUserId])).rowCount).toBe(0);
  });
});

describe('effective roles', () => {
  it('list every role once with each of its sources: direct first, then groups by name', async () => {
    const userId = await createUser();
    const beta = await createGroup(unique('beta team'));
    const alpha = await createGroup(unique('Alpha team'));
    const unrelated = await createGroup(unique('unrelated'));
    await addMember(beta, userId);
    await addMember(alpha, userId);
    await grantToUser(userId, 'hr.admin');
    await grantToGroup(alpha, 'hr.admin');
    await grantToGroup(beta, 'hr.viewer');
    await grantToGroup(alpha, 'hr.viewer');
    await grantToGroup(unrelated, 'hr.admin');
    const names = await Promise.all(
      [alpha, beta].map(
        async (id) => (await t.request('GET', `/tenants/${w.tenantId}/groups/${id}`, { token })).body.name,
      ),
    );
    expect(await effectiveRoles(userId)).toEqual({
      items: [
        {
          key: 'hr.admin',
          name: 'HR Admin',
          applicationKey: 'hr',
          sources: [{ type: 'direct' }, { type: 'group', groupId: alpha, groupName: names[0] }],
        },
        {
          key: 'hr.viewer',
          name: 'HR Viewer',
          applicationKey: 'hr',
          sources: [
            { type: 'group', groupId: alpha, groupName: names[0] },
            { type: 'group', groupId: beta, groupName: names[1] },
          ],
        },
      ],
      suspended: false,
    });
  });

  it('are empty and suspended while the user is inactive, and come back exactly on reactivation', async () => {
    const userId = await createUser();
    const group = await createGroup(unique('suspension'));
    await addMember(group, userId);
    await grantToUser(userId, 'hr.admin');
    await grantToGroup(group, 'hr.admin');
    await grantToGroup(group, 'hr.viewer');
    const before = await effectiveRoles(userId);
    expect(before.items).toHaveLength(2);
    expect(before.suspended).toBe(false);

    expectStatus(await t.request('POST', `${userPath(userId)}/deactivate`, { token }), 200);
    // Nothing is effective, and the roles that reactivation restores are there to see, sources and all.
    expect(await effectiveRoles(userId)).toEqual({ items: [], suspended: true, restoredOnActivation: before.items });
    expect(await checkRole(userId, 'hr.admin')).toBe(false);
    expect(await checkRole(userId, 'hr.viewer')).toBe(false);
    // Suspension removes no grant.
    expect(await usersWithRole('hr.admin')).toContain(userId);
    expect(await usersWithRole('hr.viewer')).toContain(userId);

    expectStatus(await t.request('POST', `${userPath(userId)}/activate`, { token }), 200);
    expect(await effectiveRoles(userId)).toEqual(before);
    expect(await checkRole(userId, 'hr.admin')).toBe(true);
    expect(await checkRole(userId, 'hr.viewer')).toBe(true);
  });

  it('lose the roles of a deleted group at once, keeping the direct ones', async () => {
    const userId = await createUser();
    const group = await createGroup(unique('doomed'));
    await addMember(group, userId);
    await grantToGroup(group, 'hr.admin');
    await grantToGroup(group, 'hr.viewer');
    await grantToUser(userId, 'hr.viewer');
    expect(await checkRole(userId, 'hr.admin')).toBe(true);

    expectStatus(await t.request('DELETE', `/tenants/${w.tenantId}/groups/${group}`, { token }), 204);
    expect(await effectiveRoles(userId)).toEqual({
      items: [{ key: 'hr.viewer', name: 'HR Viewer', applicationKey: 'hr', sources: [{ type: 'direct' }] }],
      suspended: false,
    });
    expect(await checkRole(userId, 'hr.admin')).toBe(false);
    expect(await usersWithRole('hr.admin')).not.toContain(userId);
  });
});

describe('role checks', () => {
  it('grant a role held directly or through a group, and no other', async () => {
    const direct = await createUser();
    const member = await createUser();
    const group = await createGroup(unique('checkers'));
    await addMember(group, member);
    await grantToUser(direct, 'hr.admin');
    await grantToGroup(group, 'hr.viewer');
    expect(await checkRole(direct, 'hr.admin')).toBe(true);
    expect(await checkRole(direct, 'hr.viewer')).toBe(false);
    expect(await checkRole(member, 'hr.viewer')).toBe(true);
    expect(await checkRole(member, 'hr.admin')).toBe(false);
  });

  it('refuse an inactive user whatever the user holds', async () => {
    const userId = await createUser({ isActive: false });
    await grantToUser(userId, 'hr.admin');
    expect(await checkRole(userId, 'hr.admin')).toBe(false);
  });
});

describe('group grants', () => {
  it('are idempotent and recorded once on the group, and listed with the role details', async () => {
    const group = await createGroup(unique('idempotent'));
    expect((await grantToGroup(group, 'hr.viewer')).status).toBe(204);
    expect((await grantToGroup(group, 'hr.viewer')).status).toBe(204);
    const roles = await t.request('GET', `/tenants/${w.tenantId}/groups/${group}/roles`, { token });
    expect(expectStatus(roles, 200).body).toEqual({
      items: [{ key: 'hr.viewer', name: 'HR Viewer', description: '', applicationKey: 'hr', isActive: true }],
    });
    const revoke = () => t.request('DELETE', `/tenants/${w.tenantId}/groups/${group}/roles/hr.viewer`, { token });
    expect((await revoke()).status).toBe(204);
    expect((await revoke()).status).toBe(204);
    expect((await auditEvents(group, 'group.role.')).map((event) => event.action)).toEqual([
      'group.role.granted',
      'group.role.revoked',
    ]);
  });
});

describe('an inactive role after re-declaration', () => {
  it('grants nothing but keeps its grants, and counts again once declared again', async () => {
    const a = { key: 'crm.a', name: 'CRM A' };
    const b = { key: 'crm.b', name: 'CRM B' };
    expect((await declare(w.environmentId, 'crm', [a, b])).status).toBe(201);
    const userId = await createUser();
    const group = await createGroup(unique('crm users'));
    await addMember(group, userId);
    await grantToUser(userId, 'crm.a');
    await grantToUser(userId, 'crm.b');
    await grantToGroup(group, 'crm.b');
    const before = await effectiveRoles(userId);
    expect(before.items).toEqual([
      expect.objectContaining({ key: 'crm.a', sources: [{ type: 'direct' }] }),
      expect.objectContaining({
        key: 'crm.b',
        sources: [{ type: 'direct' }, { type: 'group', groupId: group, groupName: expect.any(String) }],
      }),
    ]);

    expect((await declare(w.environmentId, 'crm', [a])).status).toBe(200);
    expect(await effectiveRoles(userId)).toEqual({
      items: [{ key: 'crm.a', name: 'CRM A', applicationKey: 'crm', sources: [{ type: 'direct' }] }],
      suspended: false,
    });
    expect(await checkRole(userId, 'crm.b')).toBe(false);
    expect(await checkRole(userId, 'crm.a')).toBe(true);
    const groupRoles = await t.request('GET', `/tenants/${w.tenantId}/groups/${group}/roles`, { token });
    expect(groupRoles.body.items).toEqual([expect.objectContaining({ key: 'crm.b', isActive: false })]);
    expect(await usersWithRole('crm.b')).toEqual([userId]);

    expect((await declare(w.environmentId, 'crm', [a, b])).status).toBe(200);
    expect(await effectiveRoles(userId)).toEqual(before);
    expect(await checkRole(userId, 'crm.b')).toBe(true);
  });

  it('can still be granted while inactive, taking effect when declared again', async () => {
    const c = { key: 'crm.c', name: 'CRM C' };
    expectStatus(
      await declare(w.environmentId, 'crm', [{ key: 'crm.a', name: 'CRM A' }, { key: 'crm.b', name: 'CRM B' }, c]),
      200,
    );
    expectStatus(await declare(w.environmentId, 'crm', [{ key: 'crm.a', name: 'CRM A' }]), 200);
    const userId = await createUser();
    expect((await grantToUser(userId, 'crm.c')).status).toBe(204);
    expect(await checkRole(userId, 'crm.c')).toBe(false);
    expect(await effectiveRoles(userId)).toEqual({ items: [], suspended: false });
    expectStatus(await declare(w.environmentId, 'crm', [{ key: 'crm.a', name: 'CRM A' }, c]), 200);
    expect(await checkRole(userId, 'crm.c')).toBe(true);
  });
});
