import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';

export type Account = Schemas['Account'];

/** Every account for the platform admin; the operator's own for everyone else. */
export function listAccounts(api: RosterClient): Promise<Account[]> {
  return collectAll((cursor) =>
    callApi(() => api.GET('/api/v1/accounts', { params: { query: { limit: MAX_PAGE_SIZE, cursor } } })),
  );
}

export function getAccount(api: RosterClient, accountId: string): Promise<Account> {
  return callApi(() => api.GET('/api/v1/accounts/{accountId}', { params: { path: { accountId } } }), {
    404: 'This account does not exist, or you have no access to it.',
  });
}
