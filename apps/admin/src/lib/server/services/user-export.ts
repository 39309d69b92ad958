import type { operations, RosterClient } from '@roster/api-client';
import { fromResponse, fromThrown } from './errors';

export type UserExportQuery = NonNullable<operations['exportUsers']['parameters']['query']>;
export type UserExportFormat = NonNullable<UserExportQuery['format']>;

/** An export on its way from the API: its body, to pass on as it comes, and how the API announced it. */
export interface UserExport {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** The API's content-disposition: an attachment named after the tenant and the day. */
  disposition: string;
}

/**
 * The tenant's users as the API streams them (CSV or JSON Lines, API.md §10). Resolves once the API has answered
 * with the head of the file; its body is not read here. `api` must be a streaming client (apiClient's `streaming`),
 * whose timeout ends with the head. Throws a ServiceError like every other call.
 */
export async function exportUsers(api: RosterClient, tenantId: string, query: UserExportQuery): Promise<UserExport> {
  let result;
  try {
    result = await api.GET('/api/v1/tenants/{tenantId}/users/export', {
      params: { path: { tenantId }, query },
      parseAs: 'stream',
    });
  } catch (cause) {
    throw fromThrown(cause);
  }
  const { response } = result;
  if (!response.ok || !response.body) {
    throw fromResponse(response, result.error, {
      404: 'The group or role in the filter does not exist in this tenant.',
      429: 'Other exports are running right now; try again in a few seconds.',
    });
  }
  const format: UserExportFormat = query.format ?? 'csv';
  return {
    body: response.body,
    contentType:
      response.headers.get('content-type') ?? (format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson'),
    disposition: response.headers.get('content-disposition') ?? `attachment; filename="users.${format}"`,
  };
}
