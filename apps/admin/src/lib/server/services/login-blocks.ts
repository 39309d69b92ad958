import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';
import type { Page } from './paging';

export type LoginBlock = Schemas['LoginBlock'];
export type UserLoginBlockStatus = Schemas['UserLoginBlockStatus'];

/** The tenant's brute-force blocks in force, soonest to end first, a page at a time. */
export function listLoginBlocks(
  api: RosterClient,
  tenantId: string,
  query: { limit?: number; cursor?: string } = {},
): Promise<Page<LoginBlock>> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/login-blocks', { params: { path: { tenantId }, query } }));
}

/** Lifts one block at once. */
export async function liftLoginBlock(api: RosterClient, tenantId: string, blockId: string): Promise<void> {
  await callApi(
    () => api.DELETE('/api/v1/tenants/{tenantId}/login-blocks/{blockId}', { params: { path: { tenantId, blockId } } }),
    { 404: 'This block is no longer in force: it ended or someone lifted it.' },
  );
}

/** Whether the user is blocked from signing in now, from where and until when. */
export function getUserLoginBlockStatus(
  api: RosterClient,
  tenantId: string,
  userId: string,
): Promise<UserLoginBlockStatus> {
  return callApi(
    () => api.GET('/api/v1/tenants/{tenantId}/users/{userId}/login-block', { params: { path: { tenantId, userId } } }),
    { 404: 'This user does not exist in this tenant (it may have been deleted).' },
  );
}
