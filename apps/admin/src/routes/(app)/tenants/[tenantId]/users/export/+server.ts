import { apiClient } from '$lib/server/api';
import { passOnDownload } from '$lib/server/downloads';
import { exportUsers } from '$lib/server/services/user-export';
import { readUserListState, userExportQuery } from '$lib/server/user-list';
import type { RequestHandler } from './$types';

/**
 * The tenant's users as a file (CSV, or JSON Lines with `?format=jsonl`), with the users list's filters and sort
 * from the query string, handed on as it arrives (see passOnDownload): the API streams it from a database cursor,
 * which a browser that stops the download closes.
 */
export const GET: RequestHandler = ({ locals, params, url }) => {
  const format = url.searchParams.get('format') === 'jsonl' ? 'jsonl' : 'csv';
  const query = userExportQuery(readUserListState(url.searchParams), format);
  return passOnDownload(() => exportUsers(apiClient(locals.token, { streaming: true }), params.tenantId, query));
};
