/**
 * The changes each group route records (DESIGN.md §5): group.created/updated/deleted on the group, and
 * group.member.added/removed on the user; nothing for a refused or no-op request. expectChanges also checks
 * that every audit row says exactly what its change event says.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectChanges } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const call = (method: string, url: string, body?: unknown) => t.request(method, url, { token: w.tokens.admin, body });
const groups = (suffix = '') => `/tenants/${w.tenantId}/groups${suffix}`;

async function createGroup(): Promise<Record<string, unknown> & { id: string; name: string }> {
  return expectStatus(await call('POST', groups(), { name: unique('group') }), 201).body;
}

async function createUser(): Promise<string> {
  return expectStatus(await call('POST', `/tenants/${w.tenantId}/users`, { username: unique('user') }), 201).body.id;
}

describe('group routes record their changes', () => {
  it('POST records group.created with the group as it was answered, in the tenant, by the caller', async () => {
    let created: Record<string, unknown> = {};
    const [event] = await expectChanges(t, async () => {
      created = expectStatus(await call('POST', groups(), { name: unique('group'), description: 'Sells' }), 201).body;
    }, [{ type: 'group.created' }]);
    expect(event).toMatchObject({
      subject: { type: 'group', id: created.id },
      before: null,
      after: created,
      accountId: w.accountId,
      tenantId: w.tenantId,
      environmentId: w.environmentId,
      actor: { kind: 'operator', id: w.operatorIds.admin },
    });
  });

  it('POST of a name the tenant has already records nothing', async () => {
    const group = await createGroup();
    await expectChanges(t, async () => expectStatus(await call('POST', groups(), { name: group.name }), 409), []);
  });

  it('PATCH records group.updated with before and after, and nothing when nothing changes', async () => {
    const group = await createGroup();
    const [event] = await expectChanges(
      t,
      async () => expectStatus(await call('PATCH', groups(`/${group.id}`), { description: 'New' }), 200),
      [{ type: 'group.updated', subject: { type: 'group', id: group.id } }],
    );
    expect(event!.before).toEqual(group);
    expect(event!.after).toMatchObject({ ...group, description: 'New', updatedAt: expect.any(String) });
    await expectChanges(
      t,
      async () => expectStatus(await call('PATCH', groups(`/${group.id}`), { description: 'New' }), 200),
      [],
    );
  });

  it('DELETE records group.deleted with the group as it was; a group that does not exist records nothing', async () => {
    const group = await createGroup();
    const user = await createUser();
    expectStatus(await call('PUT', groups(`/${group.id}/members/${user}`)), 204);
    await expectChanges(t, async () => expectStatus(await call('DELETE', groups(`/${group.id}`)), 204), [
      {
        type: 'group.deleted',
        subject: { type: 'group', id: group.id },
        before: { ...group, memberCount: 1 },
        after: null,
      },
    ]);
    await expectChanges(t, async () => expectStatus(await call('DELETE', groups(`/${group.id}`)), 404), []);
  });

  it('PUT member records group.member.added on the user once, however often it is sent', async () => {
    const group = await createGroup();
    const user = await createUser();
    await expectChanges(t, async () => {
      expectStatus(await call('PUT', groups(`/${group.id}/members/${user}`)), 204);
      expectStatus(await call('PUT', groups(`/${group.id}/members/${user}`)), 204);
    }, [
      {
        type: 'group.member.added',
        subject: { type: 'user', id: user },
        before: null,
        after: { groupId: group.id, groupName: group.name },
        tenantId: w.tenantId,
      },
    ]);
  });

  it('PUT member of a user or group that does not exist records nothing', async () => {
    const group = await createGroup();
    const user = await createUser();
    await expectChanges(t, async () => {
      expectStatus(await call('PUT', groups(`/${group.id}/members/${randomUUID()}`)), 404);
      expectStatus(await call('PUT', groups(`/${randomUUID()}/members/${user}`)), 404);
    }, []);
  });

  it('DELETE member records group.member.removed on the user, and nothing for a user not in the group', async () => {
    const group = await createGroup();
    const user = await createUser();
    expectStatus(await call('PUT', groups(`/${group.id}/members/${user}`)), 204);
    await expectChanges(t, async () => {
      expectStatus(await call('DELETE', groups(`/${group.id}/members/${user}`)), 204);
      expectStatus(await call('DELETE', groups(`/${group.id}/members/${user}`)), 204);
    }, [
      {
        type: 'group.member.removed',
        subject: { type: 'user', id: user },
        before: { groupId: group.id, groupName: group.name },
        after: null,
      },
    ]);
  });
});
