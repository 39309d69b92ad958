import type { operations, RosterClient } from '@roster/api-client';
import { type StreamedFile, streamedFile } from '../downloads';

export type UserExportQuery = NonNullable<operations['exportUsers']['parameters']['query']>;
export type UserExportFormat = NonNullable<UserExportQuery['format']>;

/**
 * The tenant's users as the API streams them (CSV or JSON Lines, API.md §10). Resolves once the API has answered
 * with the head of the file; its body is not read here. `api` must be a streaming client (apiClient's `streaming`),
 * whose timeout ends with the head. Throws a ServiceError like every other call.
 */
export function exportUsers(api: RosterClient, tenantId: string, query: UserExportQuery): Promise<StreamedFile> {
  const format: UserExportFormat = query.format ?? 'csv';
  return streamedFile(
    () =>
      api.GET('/api/v1/tenants/{tenantId}/users/export', { params: { path: { tenantId }, query }, parseAs: 'stream' }),
    {
      404: 'The group or role in the filter does not exist in this tenant.',
      429: 'Other exports are running right now; try again in a few seconds.',
    },
    {
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
      fileName: `users.${format}`,
    },
  );
}
