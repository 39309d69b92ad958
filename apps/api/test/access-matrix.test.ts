/**
 * Who may call what (API.md §3–§5, DESIGN.md §5): every route group × every kind of caller.
 * Inside the caller's account a missing role is 403; anything of another account, or a
 * tenant outside a tenant-admin's list, is 404 — even for roles that could act on it.
 */
import { createHash } from 'node:crypto';
import { Clock } from '../src/common/clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

type Role = 'owner' | 'admin' | 'tenant-admin' | 'billing';
type Caller = 'platform-admin' | `${Role}` | `${Role} key`;

const ROLES: Role[] = ['owner', 'admin', 'tenant-admin', 'billing'];
const CALLERS: Caller[] = ['platform-admin', ...ROLES, ...ROLES.map((role) => `${role} key` as const)];
const ALL: Role[] = ROLES;
const OWNER: Role[] = ['owner'];
const ADMINS: Role[] = ['owner', 'admin'];
const MANAGERS: Role[] = ['owner', 'admin', 'tenant-admin'];
const NOBODY: Role[] = [];
const USAGE_READERS: Role[] = ['owner', 'admin', 'billing'];

interface Target {
  method: string;
  path: string;
  body?: unknown;
}

interface RouteCase {
  name: string;
  /** Roles allowed besides the platform admin. */
  roles: Role[];
  success: number;
  /** Builds the request against account `w`; may create a throwaway resource first (as the platform admin). */
  target: (w: AccountWorld) => Promise<Target> | Target;
  /** Roles for which the target is invisible (404) rather than forbidden. */
  hiddenFrom?: Role[];
}

let t: TestApp;
let home: AccountWorld;
let other: AccountWorld;

const asAdmin = (method: string, path: string, body?: unknown) =>
  t.request(method, path, { token: t.adminToken, body });
const created = async (response: Promise<Response>) => {
  const r = await response;
  if (r.status !== 201) throw new Error(`setup failed: ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Every world's environment declares this application and role once (beforeAll), for the grant routes. */
const APPLICATION_KEY = 'matrix-app';
const ROLE_KEY = 'matrix.reader';

const newUser = async (tenantId: string): Promise<string> =>
  (await created(asAdmin('POST', `/tenants/${tenantId}/users`, { username: unique('user') }))).id;
const newGroup = async (tenantId: string): Promise<string> =>
  (await created(asAdmin('POST', `/tenants/${tenantId}/groups`, { name: unique('group') }))).id;
let blockAddresses = 0;
/** A (username, address) block: three failed logins of a fresh name from a fresh address; its id. */
const newLoginBlock = async (tenantId: string): Promise<string> => {
  blockAddresses += 1;
  const remoteAddress = `10.77.${Math.floor(blockAddresses / 250)}.${(blockAddresses % 250) + 1}`;
  const body = { username: unique('guess'), password: 'a wrong password' };
  for (let i = 0; i < 3; i += 1) await t.request('POST', `/tenants/${tenantId}/auth/login`, { body, remoteAddress });
  const { items } = (await asAdmin('GET', `/tenants/${tenantId}/login-blocks`)).body;
  return items.find((block: { address: string }) => block.address === remoteAddress).id;
};
const succeeded = async (response: Promise<Response>, status: number) => {
  const r = await response;
  if (r.status !== status) throw new Error(`setup failed (${r.status}): ${JSON.stringify(r.body)}`);
  return r.body;
};

interface TenantRouteCase {
  name: string;
  success: number;
  /** Builds the request against one tenant; may create users, groups or grants there first. */
  target: (tenantId: string) => Promise<Target> | Target;
}

/** API.md §5 and the tenant's audit trail: each route is tried on both tenants of the world (see below). */
const TENANT_ROUTES: TenantRouteCase[] = [
  {
    name: 'POST /tenants/:id/users',
    success: 201,
    target: (tenantId) => ({
      method: 'POST',
      path: `/tenants/${tenantId}/users`,
      body: { username: unique('user'), password: PASSWORD, email: `${unique('someone')}@client.example` },
    }),
  },
  {
    name: 'GET /tenants/:id/users',
    success: 200,
    target: (tenantId) => ({ method: 'GET', path: `/tenants/${tenantId}/users?search=user&sort=-createdAt` }),
  },
  {
    name: 'GET /tenants/:id/users/export',
    success: 200,
    target: (tenantId) => ({ method: 'GET', path: `/tenants/${tenantId}/users/export?format=csv&isActive=true` }),
  },
  {
    name: 'GET /tenants/:id/users/:userId',
    success: 200,
    target: async (tenantId) => ({ method: 'GET', path: `/tenants/${tenantId}/users/${await newUser(tenantId)}` }),
  },
  {
    name: 'GET /tenants/:id/users/count',
    success: 200,
    target: (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/users/count?lastLoginBefore=2030-01-01T00:00:00Z`,
    }),
  },
  {
    name: 'GET /tenants/:id/users/by-username/:username',
    success: 200,
    target: async (tenantId) => {
      const { username } = await created(asAdmin('POST', `/tenants/${tenantId}/users`, { username: unique('user') }));
      return { method: 'GET', path: `/tenants/${tenantId}/users/by-username/${encodeURIComponent(username)}` };
    },
  },
  {
    name: 'PUT /tenants/:id/users/by-username/:username',
    success: 201,
    target: (tenantId) => ({
      method: 'PUT',
      path: `/tenants/${tenantId}/users/by-username/${unique('upserted')}`,
      body: { name: 'Upserted Person' },
    }),
  },
  {
    name: 'PATCH /tenants/:id/users/:userId',
    success: 200,
    target: async (tenantId) => ({
      method: 'PATCH',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}`,
      body: { name: 'Renamed Person' },
    }),
  },
  {
    name: 'DELETE /tenants/:id/users/:userId',
    success: 204,
    target: async (tenantId) => ({ method: 'DELETE', path: `/tenants/${tenantId}/users/${await newUser(tenantId)}` }),
  },
  {
    name: 'POST /tenants/:id/users/:userId/deactivate',
    success: 200,
    target: async (tenantId) => ({
      method: 'POST',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/deactivate`,
    }),
  },
  {
    name: 'POST /tenants/:id/users/:userId/activate',
    success: 200,
    target: async (tenantId) => {
      const userId = await newUser(tenantId);
      await succeeded(asAdmin('POST', `/tenants/${tenantId}/users/${userId}/deactivate`), 200);
      return { method: 'POST', path: `/tenants/${tenantId}/users/${userId}/activate` };
    },
  },
  {
    name: 'PUT /tenants/:id/users/:userId/password',
    success: 204,
    target: async (tenantId) => ({
      method: 'PUT',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/password`,
      body: { password: 'a brand new passphrase' },
    }),
  },
  {
    name: 'GET /tenants/:id/users/:userId/roles',
    success: 200,
    target: async (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/roles`,
    }),
  },
  {
    name: 'PUT /tenants/:id/users/:userId/roles/:roleKey',
    success: 204,
    target: async (tenantId) => ({
      method: 'PUT',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/roles/${ROLE_KEY}`,
    }),
  },
  {
    name: 'DELETE /tenants/:id/users/:userId/roles/:roleKey',
    success: 204,
    target: async (tenantId) => {
      const path = `/tenants/${tenantId}/users/${await newUser(tenantId)}/roles/${ROLE_KEY}`;
      await succeeded(asAdmin('PUT', path), 204);
      return { method: 'DELETE', path };
    },
  },
  {
    name: 'GET /tenants/:id/users/:userId/check-role/:roleKey',
    success: 200,
    target: async (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/check-role/${ROLE_KEY}`,
    }),
  },
  {
    name: 'GET /tenants/:id/users/:userId/groups',
    success: 200,
    target: async (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/groups`,
    }),
  },
  {
    name: 'GET /tenants/:id/users/:userId/login-attempts',
    success: 200,
    target: async (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/login-attempts`,
    }),
  },
  {
    name: 'POST /tenants/:id/users/:userId/unblock',
    success: 204,
    target: async (tenantId) => ({
      method: 'POST',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/unblock`,
    }),
  },
  {
    name: 'GET /tenants/:id/users/:userId/login-block',
    success: 200,
    target: async (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/users/${await newUser(tenantId)}/login-block`,
    }),
  },
  {
    name: 'GET /tenants/:id/login-blocks',
    success: 200,
    target: (tenantId) => ({ method: 'GET', path: `/tenants/${tenantId}/login-blocks` }),
  },
  {
    name: 'DELETE /tenants/:id/login-blocks/:blockId',
    success: 204,
    target: async (tenantId) => ({
      method: 'DELETE',
      path: `/tenants/${tenantId}/login-blocks/${await newLoginBlock(tenantId)}`,
    }),
  },
  {
    name: 'POST /tenants/:id/users/bulk',
    success: 200,
    target: async (tenantId) => ({
      method: 'POST',
      path: `/tenants/${tenantId}/users/bulk`,
      body: { action: 'deactivate', userIds: [await newUser(tenantId), await newUser(tenantId)] },
    }),
  },
  {
    name: 'POST /tenants/:id/groups',
    success: 201,
    target: (tenantId) => ({
      method: 'POST',
      path: `/tenants/${tenantId}/groups`,
      body: { name: unique('group'), description: 'Made by the access matrix' },
    }),
  },
  {
    name: 'GET /tenants/:id/groups',
    success: 200,
    target: (tenantId) => ({ method: 'GET', path: `/tenants/${tenantId}/groups?search=group` }),
  },
  {
    name: 'GET /tenants/:id/groups/:groupId',
    success: 200,
    target: async (tenantId) => ({ method: 'GET', path: `/tenants/${tenantId}/groups/${await newGroup(tenantId)}` }),
  },
  {
    name: 'PATCH /tenants/:id/groups/:groupId',
    success: 200,
    target: async (tenantId) => ({
      method: 'PATCH',
      path: `/tenants/${tenantId}/groups/${await newGroup(tenantId)}`,
      body: { description: 'Changed' },
    }),
  },
  {
    name: 'DELETE /tenants/:id/groups/:groupId',
    success: 204,
    target: async (tenantId) => ({
      method: 'DELETE',
      path: `/tenants/${tenantId}/groups/${await newGroup(tenantId)}`,
    }),
  },
  {
    name: 'GET /tenants/:id/groups/:groupId/members',
    success: 200,
    target: async (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/groups/${await newGroup(tenantId)}/members?sort=-username`,
    }),
  },
  {
    name: 'PUT /tenants/:id/groups/:groupId/members/:userId',
    success: 204,
    target: async (tenantId) => ({
      method: 'PUT',
      path: `/tenants/${tenantId}/groups/${await newGroup(tenantId)}/members/${await newUser(tenantId)}`,
    }),
  },
  {
    name: 'DELETE /tenants/:id/groups/:groupId/members/:userId',
    success: 204,
    target: async (tenantId) => {
      const path = `/tenants/${tenantId}/groups/${await newGroup(tenantId)}/members/${await newUser(tenantId)}`;
      await succeeded(asAdmin('PUT', path), 204);
      return { method: 'DELETE', path };
    },
  },
  {
    name: 'GET /tenants/:id/groups/:groupId/roles',
    success: 200,
    target: async (tenantId) => ({
      method: 'GET',
      path: `/tenants/${tenantId}/groups/${await newGroup(tenantId)}/roles`,
    }),
  },
  {
    name: 'PUT /tenants/:id/groups/:groupId/roles/:roleKey',
    success: 204,
    target: async (tenantId) => ({
      method: 'PUT',
      path: `/tenants/${tenantId}/groups/${await newGroup(tenantId)}/roles/${ROLE_KEY}`,
    }),
  },
  {
    name: 'DELETE /tenants/:id/groups/:groupId/roles/:roleKey',
    success: 204,
    target: async (tenantId) => {
      const path = `/tenants/${tenantId}/groups/${await newGroup(tenantId)}/roles/${ROLE_KEY}`;
      await succeeded(asAdmin('PUT', path), 204);
      return { method: 'DELETE', path };
    },
  },
  {
    name: 'GET /tenants/:id/audit-events',
    success: 200,
    target: (tenantId) => ({ method: 'GET', path: `/tenants/${tenantId}/audit-events?action=user.` }),
  },
];

/**
 * Each tenant route twice: on the tenant-admin's tenant (owner, admin, tenant-admin may), and on the
 * world's other tenant, which a tenant-admin must not even see (404) while owner and admin still may.
 */
const tenantCases = (routes: TenantRouteCase[]): RouteCase[] =>
  routes.flatMap((route): RouteCase[] => [
    { name: route.name, roles: MANAGERS, success: route.success, target: (w) => route.target(w.tenantId) },
    {
      name: `${route.name} (outside the tenant-admin’s list)`,
      roles: ADMINS,
      hiddenFrom: ['tenant-admin'],
      success: route.success,
      target: (w) => route.target(w.otherTenantId),
    },
  ]);

const CASES: RouteCase[] = [
  { name: 'GET /me', roles: ALL, success: 200, target: () => ({ method: 'GET', path: '/me' }) },
  {
    name: 'POST /accounts',
    roles: NOBODY,
    success: 201,
    target: () => ({
      method: 'POST',
      path: '/accounts',
      body: { name: unique('acct'), subscription: { model: 'named' } },
    }),
  },
  { name: 'GET /accounts', roles: ALL, success: 200, target: () => ({ method: 'GET', path: '/accounts' }) },
  {
    name: 'GET /accounts/:id',
    roles: ALL,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}` }),
  },
  {
    name: 'PATCH /accounts/:id (rename)',
    roles: OWNER,
    success: 200,
    target: (w) => ({ method: 'PATCH', path: `/accounts/${w.accountId}`, body: { name: unique('renamed') } }),
  },
  {
    name: 'PATCH /accounts/:id (subscription)',
    roles: NOBODY,
    success: 200,
    target: (w) => ({
      method: 'PATCH',
      path: `/accounts/${w.accountId}`,
      body: { subscription: { internalLimit: 10 } },
    }),
  },
  {
    name: 'POST /accounts/:id/operators',
    roles: OWNER,
    success: 201,
    target: (w) => ({
      method: 'POST',
      path: `/accounts/${w.accountId}/operators`,
      body: { username: unique('op'), password: PASSWORD, role: 'billing' },
    }),
  },
  {
    name: 'GET /accounts/:id/operators',
    roles: OWNER,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/operators` }),
  },
  {
    name: 'GET /operators/:id',
    roles: OWNER,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/operators/${w.operatorIds.billing}` }),
  },
  {
    name: 'PATCH /operators/:id',
    roles: OWNER,
    success: 200,
    target: async (w) => {
      const op = await created(
        asAdmin('POST', `/accounts/${w.accountId}/operators`, {
          username: unique('op'),
          password: PASSWORD,
          role: 'billing',
        }),
      );
      return { method: 'PATCH', path: `/operators/${op.id}`, body: { role: 'admin' } };
    },
  },
  {
    name: 'DELETE /operators/:id',
    roles: OWNER,
    success: 204,
    target: async (w) => {
      const op = await created(
        asAdmin('POST', `/accounts/${w.accountId}/operators`, {
          username: unique('op'),
          password: PASSWORD,
          role: 'billing',
        }),
      );
      return { method: 'DELETE', path: `/operators/${op.id}` };
    },
  },
  {
    name: 'POST /accounts/:id/api-keys',
    roles: OWNER,
    success: 201,
    target: (w) => ({
      method: 'POST',
      path: `/accounts/${w.accountId}/api-keys`,
      body: { name: unique('ci'), role: 'admin' },
    }),
  },
  {
    name: 'GET /accounts/:id/api-keys',
    roles: OWNER,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/api-keys` }),
  },
  {
    name: 'DELETE /api-keys/:id',
    roles: OWNER,
    success: 204,
    target: async (w) => {
      const key = await created(
        asAdmin('POST', `/accounts/${w.accountId}/api-keys`, { name: unique('throwaway'), role: 'billing' }),
      );
      return { method: 'DELETE', path: `/api-keys/${key.id}` };
    },
  },
  {
    name: 'GET /accounts/:id/usage/statements',
    roles: USAGE_READERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/usage/statements` }),
  },
  {
    name: 'POST /accounts/:id/webhooks',
    roles: ADMINS,
    success: 201,
    target: (w) => ({
      method: 'POST',
      path: `/accounts/${w.accountId}/webhooks`,
      body: { url: 'https://hooks.example.com/x', eventTypes: ['roster.user.created'] },
    }),
  },
  {
    name: 'GET /accounts/:id/webhooks',
    roles: ADMINS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/webhooks` }),
  },
  ...(
    [
      ['GET', '', 200, undefined],
      ['PATCH', '', 200, { description: 'changed' }],
      ['DELETE', '', 204, undefined],
      ['POST', '/secret/rotate', 200, undefined],
      ['POST', '/ping', 202, undefined],
      ['GET', '/deliveries', 200, undefined],
    ] as const
  ).map(([method, suffix, success, body]): RouteCase => ({
    name: `${method} /webhooks/:id${suffix}`,
    roles: ADMINS,
    success,
    target: async (w) => {
      const hook = await created(
        asAdmin('POST', `/accounts/${w.accountId}/webhooks`, {
          url: 'https://hooks.example.com/x',
          eventTypes: ['roster.user.created'],
        }),
      );
      return { method, path: `/webhooks/${hook.id}${suffix}`, body };
    },
  })),
  {
    name: 'POST /accounts/:id/environments',
    roles: ADMINS,
    success: 201,
    target: (w) => ({
      method: 'POST',
      path: `/accounts/${w.accountId}/environments`,
      body: { name: unique('env'), kind: 'production' },
    }),
  },
  {
    name: 'GET /accounts/:id/environments',
    roles: MANAGERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/environments` }),
  },
  {
    name: 'GET /environments/:id',
    roles: MANAGERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/environments/${w.environmentId}` }),
  },
  {
    name: 'GET /environments/:id (not holding the tenant-admin’s tenants)',
    roles: ['owner', 'admin'],
    hiddenFrom: ['tenant-admin'],
    success: 200,
    target: (w) => ({ method: 'GET', path: `/environments/${w.otherEnvironmentId}` }),
  },
  {
    name: 'PATCH /environments/:id',
    roles: ADMINS,
    success: 200,
    target: (w) => ({
      method: 'PATCH',
      path: `/environments/${w.environmentId}`,
      body: { classifyAllInternal: false },
    }),
  },
  {
    name: 'DELETE /environments/:id',
    roles: ADMINS,
    hiddenFrom: ['tenant-admin'],
    success: 204,
    target: async (w) => {
      const env = await created(
        asAdmin('POST', `/accounts/${w.accountId}/environments`, { name: unique('env'), kind: 'production' }),
      );
      return { method: 'DELETE', path: `/environments/${env.id}` };
    },
  },
  {
    name: 'GET /environments/:id/internal-domains',
    roles: ADMINS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/environments/${w.environmentId}/internal-domains` }),
  },
  {
    name: 'PUT /environments/:id/internal-domains',
    roles: ADMINS,
    success: 200,
    target: (w) => ({
      method: 'PUT',
      path: `/environments/${w.environmentId}/internal-domains`,
      body: { domains: ['acme.com'] },
    }),
  },
  {
    name: 'PUT /environments/:id/applications/:key',
    roles: ADMINS,
    success: 201,
    target: (w) => ({
      method: 'PUT',
      path: `/environments/${w.environmentId}/applications/${unique('app')}`,
      body: { name: 'App', roles: [] },
    }),
  },
  {
    name: 'GET /environments/:id/applications',
    roles: MANAGERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/environments/${w.environmentId}/applications` }),
  },
  {
    name: 'GET /environments/:id/roles',
    roles: MANAGERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/environments/${w.environmentId}/roles` }),
  },
  {
    name: 'POST /environments/:id/tenants',
    roles: ADMINS,
    success: 201,
    target: (w) => ({
      method: 'POST',
      path: `/environments/${w.environmentId}/tenants`,
      body: { name: unique('tenant') },
    }),
  },
  {
    name: 'GET /environments/:id/tenants',
    roles: MANAGERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/environments/${w.environmentId}/tenants` }),
  },
  {
    name: 'GET /tenants/:id',
    roles: MANAGERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/tenants/${w.tenantId}` }),
  },
  {
    name: 'GET /tenants/:id (outside the tenant-admin’s list)',
    roles: ['owner', 'admin'],
    hiddenFrom: ['tenant-admin'],
    success: 200,
    target: (w) => ({ method: 'GET', path: `/tenants/${w.otherTenantId}` }),
  },
  {
    name: 'PATCH /tenants/:id',
    roles: ADMINS,
    success: 200,
    target: (w) => ({ method: 'PATCH', path: `/tenants/${w.tenantId}`, body: { name: unique('tenant') } }),
  },
  {
    name: 'DELETE /tenants/:id',
    roles: ADMINS,
    hiddenFrom: ['tenant-admin'],
    success: 204,
    target: async (w) => {
      const tenant = await created(
        asAdmin('POST', `/environments/${w.environmentId}/tenants`, { name: unique('tenant') }),
      );
      return { method: 'DELETE', path: `/tenants/${tenant.id}` };
    },
  },
  {
    name: 'GET /tenants/:id/internal-domains',
    roles: MANAGERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/tenants/${w.tenantId}/internal-domains` }),
  },
  {
    name: 'PUT /tenants/:id/internal-domains',
    roles: ADMINS,
    success: 200,
    target: (w) => ({
      method: 'PUT',
      path: `/tenants/${w.tenantId}/internal-domains`,
      body: { domains: ['client.example'] },
    }),
  },
  {
    name: 'POST /auth/signing-keys/rotate',
    roles: NOBODY,
    success: 204,
    target: () => ({ method: 'POST', path: '/auth/signing-keys/rotate' }),
  },
  {
    name: 'GET /accounts/:id/audit-events',
    roles: ADMINS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/audit-events` }),
  },
  // API.md §7: billing reads usage, admin+ requests recounts; tenant-admins manage end users only (DESIGN.md §1),
  // so usage is forbidden to them — and, as on every environment route, invisible outside their environments.
  {
    name: 'GET /environments/:id/usage',
    roles: USAGE_READERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/environments/${w.environmentId}/usage` }),
  },
  {
    name: 'GET /environments/:id/usage (not holding the tenant-admin’s tenants)',
    roles: USAGE_READERS,
    success: 200,
    hiddenFrom: ['tenant-admin'],
    target: (w) => ({ method: 'GET', path: `/environments/${w.otherEnvironmentId}/usage` }),
  },
  {
    name: 'GET /accounts/:id/usage',
    roles: USAGE_READERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/usage` }),
  },
  {
    name: 'GET /accounts/:id/usage/environments',
    roles: USAGE_READERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/usage/environments` }),
  },
  {
    name: 'GET /accounts/:id/usage/history',
    roles: USAGE_READERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/usage/history?granularity=hour` }),
  },
  {
    name: 'GET /accounts/:id/usage/tenants',
    roles: USAGE_READERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/accounts/${w.accountId}/usage/tenants?sort=name` }),
  },
  {
    name: 'GET /tenants/:id/usage/history',
    roles: USAGE_READERS,
    success: 200,
    target: (w) => ({ method: 'GET', path: `/tenants/${w.tenantId}/usage/history?granularity=hour` }),
  },
  {
    name: 'POST /accounts/:id/usage/recount',
    roles: ADMINS,
    success: 202,
    target: (w) => ({ method: 'POST', path: `/accounts/${w.accountId}/usage/recount` }),
  },
  {
    name: 'GET /jobs/:id (a recount of the account)',
    roles: USAGE_READERS,
    success: 200,
    target: async (w) => {
      const { jobId } = await succeeded(asAdmin('POST', `/accounts/${w.accountId}/usage/recount`), 202);
      return { method: 'GET', path: `/jobs/${jobId}` };
    },
  },
  ...tenantCases(TENANT_ROUTES),
];

function tokenOf(caller: Caller): string {
  if (caller === 'platform-admin') return t.adminToken;
  if (caller.endsWith(' key')) return home.keys[caller.replace(' key', '') as Role];
  return home.tokens[caller as Role];
}

function roleOf(caller: Caller): Role | 'platform-admin' {
  return caller.replace(' key', '') as Role | 'platform-admin';
}

function expectedStatus(route: RouteCase, caller: Caller): number {
  const role = roleOf(caller);
  if (role === 'platform-admin' || route.roles.includes(role)) return route.success;
  return route.hiddenFrom?.includes(role) ? 404 : 403;
}

beforeAll(async () => {
  t = await startTestApp();
  home = await createAccountWorld(t);
  other = await createAccountWorld(t);
  for (const w of [home, other]) {
    expectStatus(
      await asAdmin('PUT', `/environments/${w.environmentId}/applications/${APPLICATION_KEY}`, {
        name: 'Matrix',
        roles: [{ key: ROLE_KEY, name: 'Reader' }],
      }),
      201,
    );
  }
}, 120_000);
afterAll(async () => t?.close());

describe.each(CASES)('$name', (route) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const target = await route.target(home);
    const response = await t.request(target.method, target.path, { token: tokenOf(caller), body: target.body });
    expect({ status: response.status, body: response.body }).toMatchObject({ status: expectedStatus(route, caller) });
    if (response.status >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 401 without a token, and with a made-up one', async () => {
    const target = await route.target(home);
    for (const token of [null, 'not-a-token', 'rst_not-a-key']) {
      const response = await t.request(target.method, target.path, { token, body: target.body });
      expect(response.status).toBe(401);
    }
  });

  it('answers 404 to every role of another account', async () => {
    const target = await route.target(other);
    // A job names no scope in its path, but it belongs to an account all the same.
    const scoped = /\/(accounts|environments|tenants|operators|api-keys|webhooks|jobs)\/[0-9a-f-]{36}/.test(
      target.path,
    );
    for (const role of ROLES) {
      for (const token of [home.tokens[role], home.keys[role]]) {
        const response = await t.request(target.method, target.path, { token, body: target.body });
        if (scoped) expect({ role, status: response.status }).toEqual({ role, status: 404 });
        else expect(response.status).not.toBe(404);
      }
    }
  });
});

describe('tokens that no longer work', () => {
  it('rejects an expired session', async () => {
    const username = unique('expiring');
    await t.request('POST', `/accounts/${home.accountId}/operators`, {
      token: t.adminToken,
      body: { username, password: PASSWORD, role: 'owner' },
    });
    const token = await t.login(username, PASSWORD);
    expect((await t.request('GET', '/me', { token })).status).toBe(200);
    await t.db.query(`UPDATE operator_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      createHash('sha256').update(token).digest(),
    ]);
    // The API may remember a session for up to a minute (it hears of revocations, not of time passing
    // in the database), so let a minute pass on its clock.
    const clock = t.app.get(Clock);
    const realNow = clock.now;
    clock.now = () => new Date(Date.now() + 61_000);
    try {
      expect((await t.request('GET', '/me', { token })).status).toBe(401);
    } finally {
      clock.now = realNow;
    }
  });

  it('rejects a logged-out session', async () => {
    const username = unique('leaver');
    await t.request('POST', `/accounts/${home.accountId}/operators`, {
      token: t.adminToken,
      body: { username, password: PASSWORD, role: 'admin' },
    });
    const token = await t.login(username, PASSWORD);
    expect((await t.request('GET', '/me', { token })).status).toBe(200);
    expect((await t.request('POST', '/auth/logout', { token })).status).toBe(204);
    expect((await t.request('GET', '/me', { token })).status).toBe(401);
  });

  it('rejects a revoked API key at once', async () => {
    const { body: key } = await t.request('POST', `/accounts/${home.accountId}/api-keys`, {
      token: t.adminToken,
      body: { name: 'revoked', role: 'owner' },
    });
    expect((await t.request('GET', '/me', { token: key.key })).status).toBe(200);
    expect((await t.request('DELETE', `/api-keys/${key.id}`, { token: t.adminToken })).status).toBe(204);
    expect((await t.request('GET', '/me', { token: key.key })).status).toBe(401);
  });

  it('rejects the sessions of a deleted operator', async () => {
    const username = unique('deleted');
    const { body: op } = await t.request('POST', `/accounts/${home.accountId}/operators`, {
      token: t.adminToken,
      body: { username, password: PASSWORD, role: 'admin' },
    });
    const token = await t.login(username, PASSWORD);
    expect((await t.request('DELETE', `/operators/${op.id}`, { token: home.tokens.owner })).status).toBe(204);
    expect((await t.request('GET', '/me', { token })).status).toBe(401);
  });
});
