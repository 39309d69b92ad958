/**
 * Ids of somebody else's tenant lead nowhere (API.md §2, DESIGN.md §5): through the caller's own tenant,
 * a user, group or role key of another tenant, environment or account is not found (404) — the very answer an
 * id that never existed gets — and nothing is read from or written to the other side.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

/** What a tenant holds for these tests: an active user, an inactive one, a group, and a role of its environment. */
interface TenantIds {
  user: string;
  inactiveUser: string;
  group: string;
  role: string;
}
type Kind = 'user' | 'group' | 'role';
type Where = 'path' | 'query' | 'body';

interface Target {
  method: string;
  path: string;
  body?: unknown;
}

interface CrossRoute {
  name: string;
  /** The ids the route takes, and where each travels. */
  takes: Partial<Record<Kind, Where>>;
  request: (ids: TenantIds) => Target;
}

const TABLES = ['end_users', 'user_groups', 'group_members', 'user_roles', 'group_roles', 'audit_events'] as const;

/** Ids that never existed, for the answer a foreign id must be indistinguishable from. */
const UNKNOWN: TenantIds = {
  user: randomUUID(),
  inactiveUser: randomUUID(),
  group: randomUUID(),
  role: 'ct.never-declared',
};
/** Not a UUID; for role keys: not even a valid key. */
const MALFORMED = '123';

let t: TestApp;
let w: AccountWorld;
let far: AccountWorld;
/** Tenants by what they are to `w.tenantId`, the tenant every request goes through. */
const tenants = {} as Record<'home' | 'sibling' | 'staging' | 'far', { tenantId: string; ids: TenantIds }>;

const asAdmin = async (method: string, path: string, body: unknown, status: number) =>
  expectStatus(await t.request(method, path, { token: t.adminToken, body }), status).body;

async function declareRole(environmentId: string, applicationKey: string, roleKey: string): Promise<void> {
  await asAdmin(
    'PUT',
    `/environments/${environmentId}/applications/${applicationKey}`,
    { name: applicationKey, roles: [{ key: roleKey, name: `Role ${roleKey}` }] },
    201,
  );
}

/** A user in a group, the group and the user granted the tenant's role: something to lose in every table. */
async function populate(tenantId: string, role: string): Promise<TenantIds> {
  const base = `/tenants/${tenantId}`;
  const user = await asAdmin(
    'POST',
    `${base}/users`,
    { username: unique('person'), password: PASSWORD, name: 'Pat Person', email: 'pat@client.example' },
    201,
  );
  const inactiveUser = await asAdmin('POST', `${base}/users`, { username: unique('dormant'), isActive: false }, 201);
  const group = await asAdmin('POST', `${base}/groups`, { name: unique('crew'), description: 'Keep out' }, 201);
  await asAdmin('PUT', `${base}/groups/${group.id}/members/${user.id}`, undefined, 204);
  await asAdmin('PUT', `${base}/groups/${group.id}/members/${inactiveUser.id}`, undefined, 204);
  await asAdmin('PUT', `${base}/groups/${group.id}/roles/${role}`, undefined, 204);
  await asAdmin('PUT', `${base}/users/${user.id}/roles/${role}`, undefined, 204);
  await asAdmin('PUT', `${base}/users/${inactiveUser.id}/roles/${role}`, undefined, 204);
  return { user: user.id, inactiveUser: inactiveUser.id, group: group.id, role };
}

/** Row count and a digest of every row, per table: catches inserts, updates and deletes alike. */
async function snapshot(): Promise<Record<string, string>> {
  const parts = TABLES.map(
    (table) => `SELECT '${table}' AS name,
                count(*) || ' rows, ' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest
                FROM ${table} x`,
  );
  const { rows } = await t.db.query<{ name: string; digest: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

const asOwner = (target: Target) => t.request(target.method, target.path, { token: w.tokens.owner, body: target.body });

/** The response with the given values replaced by placeholders, so two answers can be compared. */
function scrubbed(response: Response, values: Partial<TenantIds>) {
  let text = JSON.stringify({ status: response.status, body: response.body });
  for (const [kind, value] of Object.entries(values)) {
    text = text.split(value).join(kind === 'inactiveUser' ? '<user>' : `<${kind}>`);
  }
  return { contentType: response.headers['content-type'], answer: JSON.parse(text) };
}

const home = () => tenants.home.ids;
const tenantPath = () => `/tenants/${tenants.home.tenantId}`;

const ROUTES: CrossRoute[] = [
  {
    name: 'GET users/:userId',
    takes: { user: 'path' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users/${ids.user}` }),
  },
  {
    name: 'PATCH users/:userId',
    takes: { user: 'path' },
    request: (ids) => ({
      method: 'PATCH',
      path: `${tenantPath()}/users/${ids.user}`,
      body: { name: 'Taken Over', email: 'taken@attacker.example' },
    }),
  },
  {
    name: 'DELETE users/:userId',
    takes: { user: 'path' },
    request: (ids) => ({ method: 'DELETE', path: `${tenantPath()}/users/${ids.user}` }),
  },
  {
    name: 'POST users/:userId/deactivate',
    takes: { user: 'path' },
    request: (ids) => ({ method: 'POST', path: `${tenantPath()}/users/${ids.user}/deactivate` }),
  },
  {
    name: 'POST users/:userId/activate',
    takes: { user: 'path' },
    request: (ids) => ({ method: 'POST', path: `${tenantPath()}/users/${ids.inactiveUser}/activate` }),
  },
  {
    name: 'PUT users/:userId/password',
    takes: { user: 'path' },
    request: (ids) => ({
      method: 'PUT',
      path: `${tenantPath()}/users/${ids.user}/password`,
      body: { password: 'a takeover passphrase' },
    }),
  },
  {
    name: 'GET users/:userId/roles',
    takes: { user: 'path' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users/${ids.user}/roles` }),
  },
  {
    name: 'PUT users/:userId/roles/:roleKey',
    takes: { user: 'path', role: 'path' },
    request: (ids) => ({ method: 'PUT', path: `${tenantPath()}/users/${ids.user}/roles/${ids.role}` }),
  },
  {
    name: 'DELETE users/:userId/roles/:roleKey',
    takes: { user: 'path', role: 'path' },
    request: (ids) => ({ method: 'DELETE', path: `${tenantPath()}/users/${ids.user}/roles/${ids.role}` }),
  },
  {
    name: 'GET users/:userId/check-role/:roleKey',
    takes: { user: 'path', role: 'path' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users/${ids.user}/check-role/${ids.role}` }),
  },
  {
    name: 'GET users/:userId/groups',
    takes: { user: 'path' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users/${ids.user}/groups` }),
  },
  {
    name: 'GET groups/:groupId',
    takes: { group: 'path' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/groups/${ids.group}` }),
  },
  {
    name: 'PATCH groups/:groupId',
    takes: { group: 'path' },
    request: (ids) => ({
      method: 'PATCH',
      path: `${tenantPath()}/groups/${ids.group}`,
      body: { name: unique('hijacked'), description: 'Taken over' },
    }),
  },
  {
    name: 'DELETE groups/:groupId',
    takes: { group: 'path' },
    request: (ids) => ({ method: 'DELETE', path: `${tenantPath()}/groups/${ids.group}` }),
  },
  {
    name: 'GET groups/:groupId/members',
    takes: { group: 'path' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/groups/${ids.group}/members` }),
  },
  {
    name: 'GET groups/:groupId/members?roleKey=',
    takes: { group: 'path', role: 'query' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/groups/${ids.group}/members?roleKey=${ids.role}` }),
  },
  {
    name: 'PUT groups/:groupId/members/:userId',
    takes: { group: 'path', user: 'path' },
    request: (ids) => ({ method: 'PUT', path: `${tenantPath()}/groups/${ids.group}/members/${ids.user}` }),
  },
  {
    name: 'DELETE groups/:groupId/members/:userId',
    takes: { group: 'path', user: 'path' },
    request: (ids) => ({ method: 'DELETE', path: `${tenantPath()}/groups/${ids.group}/members/${ids.user}` }),
  },
  {
    name: 'GET groups/:groupId/roles',
    takes: { group: 'path' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/groups/${ids.group}/roles` }),
  },
  {
    name: 'PUT groups/:groupId/roles/:roleKey',
    takes: { group: 'path', role: 'path' },
    request: (ids) => ({ method: 'PUT', path: `${tenantPath()}/groups/${ids.group}/roles/${ids.role}` }),
  },
  {
    name: 'DELETE groups/:groupId/roles/:roleKey',
    takes: { group: 'path', role: 'path' },
    request: (ids) => ({ method: 'DELETE', path: `${tenantPath()}/groups/${ids.group}/roles/${ids.role}` }),
  },
  {
    name: 'GET users?groupId=',
    takes: { group: 'query' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users?groupId=${ids.group}` }),
  },
  {
    name: 'GET users?roleKey=',
    takes: { role: 'query' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users?roleKey=${ids.role}` }),
  },
  {
    name: 'GET users/count?groupId=',
    takes: { group: 'query' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users/count?groupId=${ids.group}` }),
  },
  {
    name: 'GET users/count?roleKey=',
    takes: { role: 'query' },
    request: (ids) => ({ method: 'GET', path: `${tenantPath()}/users/count?roleKey=${ids.role}` }),
  },
  ...(['add-to-group', 'remove-from-group'] as const).map((action): CrossRoute => ({
    name: `POST users/bulk ${action}`,
    takes: { group: 'body' },
    request: (ids) => ({
      method: 'POST',
      path: `${tenantPath()}/users/bulk`,
      body: { action, userIds: [home().user, home().inactiveUser], groupId: ids.group },
    }),
  })),
  ...(['grant-role', 'revoke-role'] as const).map((action): CrossRoute => ({
    name: `POST users/bulk ${action}`,
    takes: { role: 'body' },
    request: (ids) => ({
      method: 'POST',
      path: `${tenantPath()}/users/bulk`,
      body: { action, userIds: [home().user, home().inactiveUser], roleKey: ids.role },
    }),
  })),
];

interface Variant {
  label: string;
  /** The ids replaced in the home tenant's valid set. */
  ids: () => Partial<TenantIds>;
  kinds: Kind[];
  malformed?: boolean;
}

const FOREIGN_TENANTS = [
  ['another tenant of the same environment', 'sibling'],
  ['a tenant of another environment of the account', 'staging'],
  ['a tenant of another account', 'far'],
] as const;

/** One foreign id at a time (the others valid), then every id of one foreign tenant at once. */
function variantsOf(route: CrossRoute): Variant[] {
  const kinds = Object.keys(route.takes) as Kind[];
  const variants: Variant[] = [];
  for (const kind of kinds) {
    if (kind === 'role') {
      variants.push(
        {
          label: 'a role key declared only in another environment',
          ids: () => ({ role: tenants.staging.ids.role }),
          kinds: [kind],
        },
        {
          label: 'a role key declared only in another account',
          ids: () => ({ role: tenants.far.ids.role }),
          kinds: [kind],
        },
        { label: 'a malformed role key', ids: () => ({ role: MALFORMED }), kinds: [kind], malformed: true },
      );
      continue;
    }
    const pick = (ids: TenantIds): Partial<TenantIds> =>
      kind === 'user' ? { user: ids.user, inactiveUser: ids.inactiveUser } : { group: ids.group };
    for (const [label, key] of FOREIGN_TENANTS) {
      variants.push({ label: `a ${kind} of ${label}`, ids: () => pick(tenants[key].ids), kinds: [kind] });
    }
    variants.push({
      label: `a malformed ${kind} id`,
      ids: () => (kind === 'user' ? { user: MALFORMED, inactiveUser: MALFORMED } : { group: MALFORMED }),
      kinds: [kind],
      malformed: true,
    });
  }
  if (kinds.length > 1) {
    for (const [label, key] of FOREIGN_TENANTS) {
      variants.push({ label: `every id from ${label}`, ids: () => ({ ...tenants[key].ids }), kinds });
    }
  }
  return variants;
}

const TABLE = ROUTES.flatMap((route) => variantsOf(route).map((variant) => ({ route, variant })));

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  far = await createAccountWorld(t);
  await declareRole(w.environmentId, 'ct-app', 'ct.home');
  await declareRole(w.otherEnvironmentId, 'ct-staging-app', 'ct.staging-only');
  await declareRole(far.environmentId, 'ct-far-app', 'ct.far-only');
  const staging = await asAdmin(
    'POST',
    `/environments/${w.otherEnvironmentId}/tenants`,
    { name: unique('staging') },
    201,
  );
  tenants.home = { tenantId: w.tenantId, ids: await populate(w.tenantId, 'ct.home') };
  tenants.sibling = { tenantId: w.otherTenantId, ids: await populate(w.otherTenantId, 'ct.home') };
  tenants.staging = { tenantId: staging.id, ids: await populate(staging.id, 'ct.staging-only') };
  tenants.far = { tenantId: far.tenantId, ids: await populate(far.tenantId, 'ct.far-only') };
}, 120_000);
afterAll(async () => t?.close());

describe('through the caller’s own tenant, ids of elsewhere', () => {
  it('are all valid at home: every route succeeds with the home tenant’s own ids', async () => {
    // The control group: with no foreign id, no route fails, so the 404s below come from the foreign id alone.
    // Read-only routes only, so the home tenant stays as populate() left it.
    for (const route of ROUTES.filter((r) => r.request(home()).method === 'GET')) {
      const response = await asOwner(route.request(home()));
      expect({ route: route.name, status: response.status }).toEqual({ route: route.name, status: 200 });
    }
  });

  it.each(TABLE)('$route.name with $variant.label → 4xx, nothing written', async ({ route, variant }) => {
    // Only what differs from the home tenant is foreign (a sibling tenant shares the environment's roles).
    const foreign = Object.fromEntries(
      Object.entries(variant.ids()).filter(([kind, value]) => home()[kind as keyof TenantIds] !== value),
    ) as Partial<TenantIds>;
    const malformedOutsidePath = variant.malformed && variant.kinds.some((kind) => route.takes[kind] !== 'path');
    const expected = malformedOutsidePath ? 400 : 404;
    const before = await snapshot();

    const response = await asOwner(route.request({ ...home(), ...foreign }));

    expect({ status: response.status, body: response.body }).toMatchObject({
      status: expected,
      body: { status: expected },
    });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await snapshot()).toEqual(before);
    if (expected === 404) {
      // Indistinguishable from an id that never existed: the answer says nothing about the other tenant.
      const unknown = Object.fromEntries(
        Object.keys(foreign).map((kind) => [kind, UNKNOWN[kind as keyof TenantIds]]),
      ) as Partial<TenantIds>;
      const never = await asOwner(route.request({ ...home(), ...unknown }));
      expect(scrubbed(response, foreign)).toEqual(scrubbed(never, unknown));
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe('bulk actions naming users of elsewhere', () => {
  const ACTIONS = [
    { action: 'activate' },
    { action: 'deactivate' },
    { action: 'delete' },
    { action: 'add-to-group', group: true },
    { action: 'remove-from-group', group: true },
    { action: 'grant-role', role: true },
    { action: 'revoke-role', role: true },
  ];
  const CASES = ACTIONS.flatMap((entry) => FOREIGN_TENANTS.map(([label, key]) => ({ ...entry, label, key })));

  it.each(CASES)('$action with users of $label → each fails with 404, nothing written', async (entry) => {
    const foreign = tenants[entry.key].ids;
    const before = await snapshot();
    const response = await asOwner({
      method: 'POST',
      path: `${tenantPath()}/users/bulk`,
      body: {
        action: entry.action,
        userIds: [foreign.user, foreign.inactiveUser],
        ...(entry.group ? { groupId: home().group } : {}),
        ...(entry.role ? { roleKey: home().role } : {}),
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.succeeded).toBe(0);
    expect(response.body.failed).toEqual(
      expect.arrayContaining(
        [foreign.user, foreign.inactiveUser].map((userId) => ({
          userId,
          status: 404,
          detail: `User ${userId} was not found in this tenant.`,
        })),
      ),
    );
    expect(response.body.failed).toHaveLength(2);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects a malformed user id as invalid input, writing nothing', async () => {
    const before = await snapshot();
    const response = await asOwner({
      method: 'POST',
      path: `${tenantPath()}/users/bulk`,
      body: { action: 'delete', userIds: [home().user, MALFORMED] },
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await snapshot()).toEqual(before);
  });
});

describe('lists of the caller’s tenant show nothing of elsewhere', () => {
  it.each(FOREIGN_TENANTS)('search finds no user of %s', async (_label, key) => {
    const foreign = tenants[key];
    const { body: theirs } = expectStatus(
      await t.request('GET', `/tenants/${foreign.tenantId}/users/${foreign.ids.user}`, { token: t.adminToken }),
      200,
    );
    const { body } = expectStatus(
      await asOwner({ method: 'GET', path: `${tenantPath()}/users?search=${encodeURIComponent(theirs.username)}` }),
      200,
    );
    expect(body).toEqual({ items: [], nextCursor: null });
  });

  it.each(FOREIGN_TENANTS)('the audit trail filtered on a user of %s is empty', async (_label, key) => {
    const foreign = tenants[key];
    const { body: theirs } = expectStatus(
      await t.request('GET', `/tenants/${foreign.tenantId}/audit-events?targetId=${foreign.ids.user}`, {
        token: t.adminToken,
      }),
      200,
    );
    expect(theirs.items.length).toBeGreaterThan(0);
    const { body } = expectStatus(
      await asOwner({ method: 'GET', path: `${tenantPath()}/audit-events?targetId=${foreign.ids.user}` }),
      200,
    );
    expect(body.items).toEqual([]);
  });
});
