import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';
import { type Environment, listEnvironments } from './environments';

export type Tenant = Schemas['Tenant'];

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

export function getTenant(api: RosterClient, tenantId: string): Promise<Tenant> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}', { params: { path: { tenantId } } }), {
    404: 'This tenant does not exist, or you have no access to it.',
  });
}
