/**
 * The changes each kind of bulk action records (DESIGN.md §5): one event per user it really changed, all in
 * the action's one transaction, the same events the single routes record; nothing for the users it skipped,
 * nor for a refused request. expectChanges also checks every audit row against its change event.
 */
import { randomUUID } from 'node:crypto';
import type { RecordedChange } from '@roster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectChanges } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
const ROLE = { roleKey: 'desk.agent', roleName: 'Desk agent' };

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  expectStatus(
    await t.request('PUT', `/environments/${w.environmentId}/applications/desk`, {
      token: w.tokens.admin,
      body: { name: 'Desk', roles: [{ key: ROLE.roleKey, name: ROLE.roleName }] },
    }),
    201,
  );
}, 60_000);
afterAll(async () => t?.close());

const request = (method: string, path: string, body?: unknown) =>
  t.request(method, `/tenants/${w.tenantId}${path}`, { token: w.tokens.admin, body });
const bulk = async (body: Record<string, unknown>, status = 200) =>
  expectStatus(await request('POST', '/users/bulk', body), status).body;

async function createUsers(count: number, body: Record<string, unknown> = {}) {
  const users: (Record<string, unknown> & { id: string })[] = [];
  for (let i = 0; i < count; i += 1) {
    users.push(expectStatus(await request('POST', '/users', { username: unique('user'), ...body }), 201).body);
  }
  return users;
}

async function createGroup(): Promise<{ id: string; name: string }> {
  return expectStatus(await request('POST', '/groups', { name: unique('group') }), 201).body;
}

/** The events of one transaction: stored at the same time, by the same actor, in the same tenant. */
function expectOneTransaction(changes: RecordedChange[]): void {
  expect(new Set(changes.map((change) => change.at)).size).toBe(1);
  for (const change of changes) {
    expect(change).toMatchObject({ accountId: w.accountId, tenantId: w.tenantId, actor: { kind: 'operator' } });
  }
}

const byId = (ids: string[]) => [...ids].sort();
const subjectsOf = (changes: RecordedChange[]) => byId(changes.map((change) => change.subject.id));

describe('bulk actions record their changes', () => {
  it('deactivate records user.deactivated for each active user only, in one transaction', async () => {
    const active = await createUsers(2);
    const [inactive] = await createUsers(1, { isActive: false });
    const changes = await expectChanges(
      t,
      () => bulk({ action: 'deactivate', userIds: [inactive!.id, ...active.map((user) => user.id)] }),
      active.map(() => ({
        type: 'user.deactivated',
        before: expect.objectContaining({ isActive: true }),
        after: expect.objectContaining({ isActive: false }),
      })),
    );
    expect(subjectsOf(changes)).toEqual(byId(active.map((user) => user.id)));
    for (const change of changes) {
      const user = active.find((candidate) => candidate.id === change.subject.id)!;
      expect(change.before).toEqual(user);
      expect(change.after).toEqual({
        ...user,
        isActive: false,
        licenseClass: 'inactive',
        updatedAt: expect.any(String),
      });
    }
    expectOneTransaction(changes);
  });

  it('activate records user.activated for each inactive user only, and nothing when all are active', async () => {
    const inactive = await createUsers(2, { isActive: false });
    const [active] = await createUsers(1);
    const changes = await expectChanges(
      t,
      () => bulk({ action: 'activate', userIds: [active!.id, ...inactive.map((user) => user.id)] }),
      inactive.map(() => ({
        type: 'user.activated',
        before: expect.objectContaining({ isActive: false }),
        after: expect.objectContaining({ isActive: true }),
      })),
    );
    expect(subjectsOf(changes)).toEqual(byId(inactive.map((user) => user.id)));
    // Each keeps its licensing class before and after, as the database computes it (here: no address, internal).
    for (const change of changes) {
      const now = expectStatus(await request('GET', `/users/${change.subject.id}`), 200).body;
      expect(change.before).toMatchObject({ licenseClass: 'inactive' });
      expect(change.after).toEqual(now);
      expect(now.licenseClass).toBe('internal');
    }
    expectOneTransaction(changes);
    await expectChanges(t, () => bulk({ action: 'activate', userIds: [active!.id] }), []);
  });

  it('delete records user.deleted with each user as it was; unknown users fail alone and record nothing', async () => {
    const users = await createUsers(2);
    const missing = randomUUID();
    let result: { succeeded: number; failed: unknown[] } = { succeeded: 0, failed: [] };
    const changes = await expectChanges(
      t,
      async () => {
        result = await bulk({ action: 'delete', userIds: [...users.map((user) => user.id), missing] });
      },
      users.map(() => ({ type: 'user.deleted', after: null })),
    );
    expect(result).toMatchObject({ succeeded: 2, failed: [{ userId: missing, status: 404 }] });
    expect(changes.map((change) => change.before)).toEqual(
      expect.arrayContaining(users.map((user) => expect.objectContaining(user))),
    );
    expect(subjectsOf(changes)).toEqual(byId(users.map((user) => user.id)));
    expectOneTransaction(changes);
  });

  it('add-to-group records group.member.added for the users not yet in the group', async () => {
    const group = await createGroup();
    const [member, ...others] = await createUsers(3);
    expectStatus(await request('PUT', `/groups/${group.id}/members/${member!.id}`), 204);
    const changes = await expectChanges(
      t,
      () =>
        bulk({ action: 'add-to-group', groupId: group.id, userIds: [member!.id, ...others.map((user) => user.id)] }),
      others.map(() => ({
        type: 'group.member.added',
        before: null,
        after: { groupId: group.id, groupName: group.name },
      })),
    );
    expect(subjectsOf(changes)).toEqual(byId(others.map((user) => user.id)));
    expect(changes.every((change) => change.subject.type === 'user')).toBe(true);
    expectOneTransaction(changes);
  });

  it('remove-from-group records group.member.removed for the users that were in the group', async () => {
    const group = await createGroup();
    const [outsider, ...members] = await createUsers(3);
    for (const user of members) expectStatus(await request('PUT', `/groups/${group.id}/members/${user.id}`), 204);
    const changes = await expectChanges(
      t,
      () =>
        bulk({
          action: 'remove-from-group',
          groupId: group.id,
          userIds: [outsider!.id, ...members.map((user) => user.id)],
        }),
      members.map(() => ({
        type: 'group.member.removed',
        before: { groupId: group.id, groupName: group.name },
        after: null,
      })),
    );
    expect(subjectsOf(changes)).toEqual(byId(members.map((user) => user.id)));
    expectOneTransaction(changes);
  });

  it('grant-role records user.role.granted for the users not yet holding the role directly', async () => {
    const [holder, ...others] = await createUsers(3);
    expectStatus(await request('PUT', `/users/${holder!.id}/roles/${ROLE.roleKey}`), 204);
    const changes = await expectChanges(
      t,
      () =>
        bulk({ action: 'grant-role', roleKey: ROLE.roleKey, userIds: [holder!.id, ...others.map((user) => user.id)] }),
      others.map(() => ({ type: 'user.role.granted', before: null, after: ROLE })),
    );
    expect(subjectsOf(changes)).toEqual(byId(others.map((user) => user.id)));
    expectOneTransaction(changes);
  });

  it('revoke-role records user.role.revoked for the users that held the role directly', async () => {
    const [outsider, ...holders] = await createUsers(3);
    for (const user of holders) expectStatus(await request('PUT', `/users/${user.id}/roles/${ROLE.roleKey}`), 204);
    const changes = await expectChanges(
      t,
      () =>
        bulk({ action: 'revoke-role', roleKey: ROLE.roleKey, userIds: [outsider!.id, ...holders.map((u) => u.id)] }),
      holders.map(() => ({ type: 'user.role.revoked', before: ROLE, after: null })),
    );
    expect(subjectsOf(changes)).toEqual(byId(holders.map((user) => user.id)));
    expectOneTransaction(changes);
  });

  it('a bulk action naming a group or role that does not exist records nothing for any user', async () => {
    const users = (await createUsers(2)).map((user) => user.id);
    await expectChanges(t, async () => {
      await bulk({ action: 'add-to-group', groupId: randomUUID(), userIds: users }, 404);
      await bulk({ action: 'remove-from-group', groupId: randomUUID(), userIds: users }, 404);
      await bulk({ action: 'grant-role', roleKey: 'desk.nobody', userIds: users }, 404);
      await bulk({ action: 'revoke-role', roleKey: 'desk.nobody', userIds: users }, 404);
    }, []);
  });

  it('records a thousand changes of one action at once, each with its audit row', async () => {
    const group = await createGroup();
    // Inserted directly: a thousand users through the API would take most of the test's time.
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort)
       SELECT gen_random_uuid(), $1, 'registered', u, u, u
       FROM (SELECT $2 || '-' || i AS u FROM generate_series(1, 1000) AS i) AS names RETURNING id`,
      [w.tenantId, unique('many')],
    );
    const changes = await expectChanges(
      t,
      () => bulk({ action: 'add-to-group', groupId: group.id, userIds: rows.map((row) => row.id) }),
      rows.map(() => ({ type: 'group.member.added' })),
    );
    expect(subjectsOf(changes)).toEqual(byId(rows.map((row) => row.id)));
    expectOneTransaction(changes);
  });
});
