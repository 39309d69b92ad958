import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';
import { type Environment, listEnvironments, withDomainErrors } from './environments';

export type Tenant = Schemas['Tenant'];

const TENANT_NOT_FOUND = 'This tenant does not exist, or you have no access to it.';
const TENANT_NAME_TAKEN = 'Another tenant of this environment already has this name (names ignore case).';

export function listTenants(api: RosterClient, environmentId: string): Promise<Tenant[]> {
  return collectAll((cursor) =>
    callApi(() =>
      api.GET('/api/v1/environments/{environmentId}/tenants', {
        params: { path: { environmentId }, query: { limit: MAX_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

/** Every tenant the operator may see in the account, with its environment, environment by environment. */
export async function listTenantsOfAccount(
  api: RosterClient,
  accountId: string,
): Promise<{ environment: Environment; tenants: Tenant[] }[]> {
  const environments = await listEnvironments(api, accountId);
  return Promise.all(
    environments.map(async (environment) => ({ environment, tenants: await listTenants(api, environment.id) })),
  );
}

/**
 * The account's tenants as the operator and API key forms offer them: ids and names only, so the
 * page sends the browser no more than its pickers and tables show.
 */
export async function listTenantChoices(
  api: RosterClient,
  accountId: string,
): Promise<{ environment: Pick<Environment, 'id' | 'name' | 'kind'>; tenants: Pick<Tenant, 'id' | 'name'>[] }[]> {
  const groups = await listTenantsOfAccount(api, accountId);
  return groups.map(({ environment, tenants }) => ({
    environment: { id: environment.id, name: environment.name, kind: environment.kind },
    tenants: tenants.map((tenant) => ({ id: tenant.id, name: tenant.name })),
  }));
}

/** The account's environments, each with how many tenants it holds (for lists and the overview). */
export async function listEnvironmentsWithTenantCounts(
  api: RosterClient,
  accountId: string,
): Promise<{ environment: Environment; tenantCount: number }[]> {
  const groups = await listTenantsOfAccount(api, accountId);
  return groups.map(({ environment, tenants }) => ({ environment, tenantCount: tenants.length }));
}

export function getTenant(api: RosterClient, tenantId: string): Promise<Tenant> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}', { params: { path: { tenantId } } }), {
    404: TENANT_NOT_FOUND,
  });
}

export function createTenant(api: RosterClient, environmentId: string, name: string): Promise<Tenant> {
  return callApi(
    () =>
      api.POST('/api/v1/environments/{environmentId}/tenants', { params: { path: { environmentId } }, body: { name } }),
    {
      403: 'Only owners and admins create tenants.',
      404: 'This environment does not exist, or you have no access to it.',
      409: TENANT_NAME_TAKEN,
    },
  );
}

export function renameTenant(api: RosterClient, tenantId: string, name: string): Promise<Tenant> {
  return callApi(() => api.PATCH('/api/v1/tenants/{tenantId}', { params: { path: { tenantId } }, body: { name } }), {
    403: 'Only owners and admins rename tenants.',
    404: TENANT_NOT_FOUND,
    409: TENANT_NAME_TAKEN,
  });
}

/** Permanent: the tenant's users, groups and grants go with it. */
export async function deleteTenant(api: RosterClient, tenantId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/tenants/{tenantId}', { params: { path: { tenantId } } }), {
    403: 'Only owners and admins delete tenants.',
    404: TENANT_NOT_FOUND,
  });
}

/** The client's own internal email domains (tenant-admins may read them, not change them). */
export async function getTenantDomains(api: RosterClient, tenantId: string): Promise<string[]> {
  const list = await callApi(
    () => api.GET('/api/v1/tenants/{tenantId}/internal-domains', { params: { path: { tenantId } } }),
    { 404: TENANT_NOT_FOUND },
  );
  return list.domains;
}

/** Replaces the list; the API normalizes it and answers 400 with `domains.<index>` per bad entry. */
export async function replaceTenantDomains(api: RosterClient, tenantId: string, domains: string[]): Promise<string[]> {
  const list = await withDomainErrors(
    callApi(
      () =>
        api.PUT('/api/v1/tenants/{tenantId}/internal-domains', { params: { path: { tenantId } }, body: { domains } }),
      { 403: 'Only owners and admins change a tenant’s internal domains.', 404: TENANT_NOT_FOUND },
    ),
  );
  return list.domains;
}
