/**
 * The changes each role-grant route records (DESIGN.md §5): user.role.granted/revoked on the user and
 * group.role.granted/revoked on the group, with the role's key and name; nothing for a refused or no-op
 * request. expectChanges also checks that every audit row says exactly what its change event says.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectChanges } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
const ROLE = { roleKey: 'ledger.clerk', roleName: 'Ledger clerk' };

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  expectStatus(
    await t.request('PUT', `/environments/${w.environmentId}/applications/ledger`, {
      token: w.tokens.admin,
      body: { name: 'Ledger', roles: [{ key: ROLE.roleKey, name: ROLE.roleName }] },
    }),
    201,
  );
}, 60_000);
afterAll(async () => t?.close());

const call = (method: string, url: string) => t.request(method, url, { token: w.tokens.admin });
const tenant = (suffix: string) => `/tenants/${w.tenantId}${suffix}`;

async function created(path: string, body: Record<string, unknown>): Promise<string> {
  return expectStatus(await t.request('POST', tenant(path), { token: w.tokens.admin, body }), 201).body.id;
}
const createUser = () => created('/users', { username: unique('user') });
const createGroup = () => created('/groups', { name: unique('group') });

describe('role-grant routes record their changes', () => {
  it('PUT a user role records user.role.granted on the user once, however often it is sent', async () => {
    const user = await createUser();
    await expectChanges(t, async () => {
      expectStatus(await call('PUT', tenant(`/users/${user}/roles/${ROLE.roleKey}`)), 204);
      expectStatus(await call('PUT', tenant(`/users/${user}/roles/${ROLE.roleKey}`)), 204);
    }, [
      {
        type: 'user.role.granted',
        subject: { type: 'user', id: user },
        before: null,
        after: ROLE,
        accountId: w.accountId,
        tenantId: w.tenantId,
        actor: { kind: 'operator', id: w.operatorIds.admin },
      },
    ]);
  });

  it('DELETE a user role records user.role.revoked on the user, and nothing when it was not held', async () => {
    const user = await createUser();
    expectStatus(await call('PUT', tenant(`/users/${user}/roles/${ROLE.roleKey}`)), 204);
    await expectChanges(t, async () => {
      expectStatus(await call('DELETE', tenant(`/users/${user}/roles/${ROLE.roleKey}`)), 204);
      expectStatus(await call('DELETE', tenant(`/users/${user}/roles/${ROLE.roleKey}`)), 204);
    }, [{ type: 'user.role.revoked', subject: { type: 'user', id: user }, before: ROLE, after: null }]);
  });

  it('a grant of an unknown role or to an unknown user records nothing', async () => {
    const user = await createUser();
    await expectChanges(t, async () => {
      expectStatus(await call('PUT', tenant(`/users/${user}/roles/ledger.nobody`)), 404);
      expectStatus(await call('PUT', tenant(`/users/${randomUUID()}/roles/${ROLE.roleKey}`)), 404);
      expectStatus(await call('DELETE', tenant(`/users/${randomUUID()}/roles/${ROLE.roleKey}`)), 404);
    }, []);
  });

  it('PUT a group role records group.role.granted on the group once, however often it is sent', async () => {
    const group = await createGroup();
    await expectChanges(t, async () => {
      expectStatus(await call('PUT', tenant(`/groups/${group}/roles/${ROLE.roleKey}`)), 204);
      expectStatus(await call('PUT', tenant(`/groups/${group}/roles/${ROLE.roleKey}`)), 204);
    }, [
      {
        type: 'group.role.granted',
        subject: { type: 'group', id: group },
        before: null,
        after: ROLE,
        tenantId: w.tenantId,
      },
    ]);
  });

  it('DELETE a group role records group.role.revoked on the group, and nothing when it was not held', async () => {
    const group = await createGroup();
    expectStatus(await call('PUT', tenant(`/groups/${group}/roles/${ROLE.roleKey}`)), 204);
    await expectChanges(t, async () => {
      expectStatus(await call('DELETE', tenant(`/groups/${group}/roles/${ROLE.roleKey}`)), 204);
      expectStatus(await call('DELETE', tenant(`/groups/${group}/roles/${ROLE.roleKey}`)), 204);
    }, [{ type: 'group.role.revoked', subject: { type: 'group', id: group }, before: ROLE, after: null }]);
  });

  it('a group grant of an unknown role or to an unknown group records nothing', async () => {
    const group = await createGroup();
    await expectChanges(t, async () => {
      expectStatus(await call('PUT', tenant(`/groups/${group}/roles/ledger.nobody`)), 404);
      expectStatus(await call('PUT', tenant(`/groups/${randomUUID()}/roles/${ROLE.roleKey}`)), 404);
      expectStatus(await call('DELETE', tenant(`/groups/${randomUUID()}/roles/${ROLE.roleKey}`)), 404);
    }, []);
  });
});
