import { expectStatus, type TestApp, unique } from './harness.js';

export const PASSWORD = 'correct horse battery';

export interface AccountWorld {
  accountId: string;
  environmentId: string;
  /** An environment holding none of the tenant-admin's tenants. */
  otherEnvironmentId: string;
  tenantId: string;
  /** A tenant outside the tenant-admin's list, in the same environment. */
  otherTenantId: string;
  tokens: Record<'owner' | 'admin' | 'tenant-admin' | 'billing', string>;
  keys: Record<'owner' | 'admin' | 'tenant-admin' | 'billing', string>;
  operatorIds: Record<'owner' | 'admin' | 'tenant-admin' | 'billing', string>;
}

/**
 * An account with one operator and one API key per role, two environments and tenants:
 * the tenant-admin (operator and key) manages `tenantId` only.
 */
export async function createAccountWorld(
  t: Pick<TestApp, 'request' | 'login' | 'adminToken'>,
  name = unique('account'),
): Promise<AccountWorld> {
  const admin = { token: t.adminToken };
  const account = expectStatus(
    await t.request('POST', '/accounts', { ...admin, body: { name, subscription: { model: 'internal-external' } } }),
    201,
  ).body;
  const environment = expectStatus(
    await t.request('POST', `/accounts/${account.id}/environments`, {
      ...admin,
      body: { name: 'Production', kind: 'production' },
    }),
    201,
  ).body;
  const otherEnvironment = expectStatus(
    await t.request('POST', `/accounts/${account.id}/environments`, {
      ...admin,
      body: { name: 'Staging', kind: 'non-production' },
    }),
    201,
  ).body;
  const tenant = expectStatus(
    await t.request('POST', `/environments/${environment.id}/tenants`, { ...admin, body: { name: 'Tenant One' } }),
    201,
  ).body;
  const otherTenant = expectStatus(
    await t.request('POST', `/environments/${environment.id}/tenants`, { ...admin, body: { name: 'Tenant Two' } }),
    201,
  ).body;
  await t.request('POST', `/environments/${otherEnvironment.id}/tenants`, {
    ...admin,
    body: { name: 'Staging Tenant' },
  });

  const roles = ['owner', 'admin', 'tenant-admin', 'billing'] as const;
  const tokens = {} as AccountWorld['tokens'];
  const keys = {} as AccountWorld['keys'];
  const operatorIds = {} as AccountWorld['operatorIds'];
  for (const role of roles) {
    const tenantIds = role === 'tenant-admin' ? [tenant.id] : undefined;
    const username = unique(`${role}-of-${name}`);
    const operator = expectStatus(
      await t.request('POST', `/accounts/${account.id}/operators`, {
        ...admin,
        body: { username, password: PASSWORD, role, tenantIds },
      }),
      201,
    ).body;
    operatorIds[role] = operator.id;
    tokens[role] = await t.login(username, PASSWORD);
    const key = expectStatus(
      await t.request('POST', `/accounts/${account.id}/api-keys`, {
        ...admin,
        body: { name: `${role} key`, role, tenantIds },
      }),
      201,
    ).body;
    keys[role] = key.key;
  }
  return {
    accountId: account.id,
    environmentId: environment.id,
    otherEnvironmentId: otherEnvironment.id,
    tenantId: tenant.id,
    otherTenantId: otherTenant.id,
    tokens,
    keys,
    operatorIds,
  };
}
