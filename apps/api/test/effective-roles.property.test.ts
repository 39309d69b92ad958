/**
 * Effective roles over random grant graphs (DESIGN.md §2): each graph is built through the API in a fresh
 * environment and tenant, and every answer of the API must equal the reference model of @roster/domain. Grants
 * may expire (issue 18): some in a day, some an hour ago (set in the database, as the API refuses a past expiry).
 */
import { effectiveRolesInGraph, grantInForce, holdsRole, type RoleGraph } from '@roster/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await startTestApp();
  const account = await t.request('POST', '/accounts', {
    token: t.adminToken,
    body: { name: unique('property'), subscription: { model: 'internal-external' } },
  });
  accountId = expectStatus(account, 201).body.id;
}, 60_000);
afterAll(async () => t?.close());

const APPLICATIONS = ['alpha', 'beta'] as const;

/** A grant's expiry: none, an hour ago (expired, not removed yet), or in a day. */
type Expiry = 'never' | 'past' | 'future';
const expiry: fc.Arbitrary<Expiry> = fc.constantFrom('never', 'past', 'future');
/** Each pair with an expiry of its own. */
const withExpiries = <T>(pairs: readonly T[]) => fc.tuple(...pairs.map((pair) => fc.tuple(fc.constant(pair), expiry)));
const FUTURE = new Date(Date.now() + 86_400_000).toISOString();

/** A graph by indices; group names are unique ignoring case, as the API demands. */
const graphSpec = fc
  .record({
    userCount: fc.integer({ min: 3, max: 6 }),
    groupNames: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][a-z]{0,5}$/), {
      maxLength: 4,
      selector: (name) => name.toLowerCase(),
    }),
    roles: fc.array(
      fc.record({
        prefix: fc.constantFrom('a', 'B', 'c', 'Z'),
        application: fc.constantFrom(...APPLICATIONS),
        name: fc.constantFrom('Admin', 'Reader', 'Writer'),
        isActive: fc.boolean(),
      }),
      { minLength: 2, maxLength: 5 },
    ),
  })
  .chain((base) => {
    const users = [...Array(base.userCount).keys()];
    const groups = [...base.groupNames.keys()];
    const roles = [...base.roles.keys()];
    const pairs = (left: number[], right: number[]) => left.flatMap((l) => right.map((r) => [l, r] as const));
    return fc.record({
      base: fc.constant(base),
      memberships: fc.subarray(pairs(users, groups)),
      directGrants: fc.subarray(pairs(users, roles)).chain(withExpiries),
      groupGrants: fc.subarray(pairs(groups, roles)).chain(withExpiries),
      inactiveUsers: fc.subarray(users),
    });
  });
type GraphSpec = typeof graphSpec extends fc.Arbitrary<infer T> ? T : never;

/** Builds the graph through the API and returns it as the reference model sees it: role ids are role keys. */
async function build(spec: GraphSpec) {
  const token = t.adminToken;
  const environment = await t.request('POST', `/accounts/${accountId}/environments`, {
    token,
    body: { name: unique('property-env'), kind: 'non-production' },
  });
  const environmentId: string = expectStatus(environment, 201).body.id;
  const tenant = await t.request('POST', `/environments/${environmentId}/tenants`, {
    token,
    body: { name: 'Property tenant' },
  });
  const tenantId: string = expectStatus(tenant, 201).body.id;
  const base = `/tenants/${tenantId}`;

  const roles = spec.base.roles.map((role, index) => ({
    id: `${role.prefix}.r${index}`,
    key: `${role.prefix}.r${index}`,
    name: role.name,
    applicationKey: role.application,
    isActive: role.isActive,
  }));
  const declare = async (activeOnly: boolean) => {
    for (const application of APPLICATIONS) {
      const declared = roles.filter((role) => role.applicationKey === application && (!activeOnly || role.isActive));
      if (!roles.some((role) => role.applicationKey === application)) continue;
      const response = await t.request('PUT', `/environments/${environmentId}/applications/${application}`, {
        token,
        body: { name: application, roles: declared.map(({ key, name }) => ({ key, name })) },
      });
      expectStatus(response, activeOnly ? 200 : 201);
    }
  };
  await declare(false);

  const userIds: string[] = [];
  for (let index = 0; index < spec.base.userCount; index += 1) {
    const response = await t.request('POST', `${base}/users`, { token, body: { username: `user-${index}` } });
    userIds.push(expectStatus(response, 201).body.id);
  }
  const groups: { id: string; name: string }[] = [];
  for (const name of spec.base.groupNames) {
    const response = await t.request('POST', `${base}/groups`, { token, body: { name } });
    groups.push({ id: expectStatus(response, 201).body.id, name });
  }
  for (const [user, group] of spec.memberships) {
    expectStatus(
      await t.request('PUT', `${base}/groups/${groups[group]!.id}/members/${userIds[user]}`, { token }),
      204,
    );
  }
  const terms = (when: Expiry) => (when === 'never' ? {} : { body: { expiresAt: FUTURE } });
  for (const [[user, role], when] of spec.directGrants) {
    const url = `${base}/users/${userIds[user]}/roles/${roles[role]!.key}`;
    expectStatus(await t.request('PUT', url, { token, ...terms(when) }), 204);
  }
  for (const [[group, role], when] of spec.groupGrants) {
    const url = `${base}/groups/${groups[group]!.id}/roles/${roles[role]!.key}`;
    expectStatus(await t.request('PUT', url, { token, ...terms(when) }), 204);
  }
  // Expired an hour ago: what the worker has not removed yet, read from the database as the model's expiry.
  const expire = async (table: 'user_roles' | 'group_roles', holder: string, holderId: string, roleKey: string) => {
    const { rows } = await t.db.query<{ expires_at: Date }>(
      `UPDATE ${table} SET expires_at = now() - interval '1 hour'
       WHERE tenant_id = $1 AND ${holder} = $2 AND role_id = (SELECT id FROM roles WHERE environment_id = $3 AND key = $4)
       RETURNING expires_at`,
      [tenantId, holderId, environmentId, roleKey],
    );
    return rows[0]!.expires_at.toISOString();
  };
  const expiries = { direct: new Map<string, string>(), group: new Map<string, string>() };
  for (const [[user, role], when] of spec.directGrants) {
    const at = when === 'past' ? await expire('user_roles', 'user_id', userIds[user]!, roles[role]!.key) : FUTURE;
    if (when !== 'never') expiries.direct.set(`${user}:${role}`, at);
  }
  for (const [[group, role], when] of spec.groupGrants) {
    const at = when === 'past' ? await expire('group_roles', 'group_id', groups[group]!.id, roles[role]!.key) : FUTURE;
    if (when !== 'never') expiries.group.set(`${group}:${role}`, at);
  }
  const expiryOf = (map: Map<string, string>, key: string) => (map.has(key) ? { expiresAt: map.get(key)! } : {});
  for (const user of spec.inactiveUsers) {
    expectStatus(await t.request('POST', `${base}/users/${userIds[user]}/deactivate`, { token }), 200);
  }
  // Roles become inactive the way deployments make them so: re-declared without them.
  await declare(true);

  const graph: RoleGraph = {
    users: userIds.map((id, index) => ({ id, isActive: !spec.inactiveUsers.includes(index) })),
    groups,
    roles,
    memberships: spec.memberships.map(([user, group]) => ({ userId: userIds[user]!, groupId: groups[group]!.id })),
    directGrants: spec.directGrants.map(([[user, role]]) => ({
      userId: userIds[user]!,
      roleId: roles[role]!.id,
      ...expiryOf(expiries.direct, `${user}:${role}`),
    })),
    groupGrants: spec.groupGrants.map(([[group, role]]) => ({
      groupId: groups[group]!.id,
      roleId: roles[role]!.id,
      ...expiryOf(expiries.group, `${group}:${role}`),
    })),
  };
  return { base, graph };
}

/** Users granted the role directly or through a group, whether user and role are active or not, by grants in force. */
function holdersOfGrant(graph: RoleGraph, roleId: string): string[] {
  const now = new Date();
  const inForce = (grant: { roleId: string; expiresAt?: string }) =>
    grant.roleId === roleId && grantInForce(grant.expiresAt, now);
  const groupIds = new Set(graph.groupGrants.filter(inForce).map((grant) => grant.groupId));
  return graph.users
    .map((user) => user.id)
    .filter(
      (userId) =>
        graph.directGrants.some((grant) => grant.userId === userId && inForce(grant)) ||
        graph.memberships.some((membership) => membership.userId === userId && groupIds.has(membership.groupId)),
    )
    .sort();
}

describe('effective roles over random graphs', () => {
  it('answer exactly what the reference model of the domain package computes', async () => {
    await fc.assert(
      fc.asyncProperty(graphSpec, async (spec) => {
        const { base, graph } = await build(spec);
        const token = t.adminToken;
        for (const user of graph.users) {
          const expected = effectiveRolesInGraph(graph, user.id);
          const effective = await t.request('GET', `${base}/users/${user.id}/roles`, { token });
          expect(expectStatus(effective, 200).body).toEqual(expected);
          for (const role of graph.roles) {
            const check = await t.request('GET', `${base}/users/${user.id}/check-role/${role.key}`, { token });
            expect(expectStatus(check, 200).body).toEqual({ granted: holdsRole(expected, role.key) });
          }
        }
        for (const role of graph.roles) {
          const list = await t.request('GET', `${base}/users?roleKey=${role.key}&limit=200`, { token });
          const ids = expectStatus(list, 200).body.items.map((item: { id: string }) => item.id);
          expect(ids.sort()).toEqual(holdersOfGrant(graph, role.id));
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
