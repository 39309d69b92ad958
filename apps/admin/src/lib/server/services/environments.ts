import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';

export type Environment = Schemas['Environment'];

/** The account's environments (a tenant-admin sees those holding their tenants). */
export function listEnvironments(api: RosterClient, accountId: string): Promise<Environment[]> {
  return collectAll((cursor) =>
    callApi(() =>
      api.GET('/api/v1/accounts/{accountId}/environments', {
        params: { path: { accountId }, query: { limit: MAX_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

export function getEnvironment(api: RosterClient, environmentId: string): Promise<Environment> {
  return callApi(() => api.GET('/api/v1/environments/{environmentId}', { params: { path: { environmentId } } }), {
    404: 'This environment does not exist, or you have no access to it.',
  });
}
