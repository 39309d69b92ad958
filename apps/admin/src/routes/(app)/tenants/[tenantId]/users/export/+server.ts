import { error } from '@sveltejs/kit';
import { apiClient } from '$lib/server/api';
import { ServiceError } from '$lib/server/services/errors';
import { exportUsers } from '$lib/server/services/user-export';
import { readUserListState, userExportQuery } from '$lib/server/user-list';
import type { RequestHandler } from './$types';

/**
 * The tenant's users as a file (CSV, or JSON Lines with `?format=jsonl`), with the users list's filters and sort
 * from the query string. The browser never holds the API token, so the console fetches the export with the
 * operator's session and hands its body on as it arrives, never holding the file: the API streams it from a
 * database cursor, and backpressure reaches it through this response. A browser that stops the download cancels
 * the body, which closes the API's connection and so its cursor.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const format = url.searchParams.get('format') === 'jsonl' ? 'jsonl' : 'csv';
  const query = userExportQuery(readUserListState(url.searchParams), format);
  try {
    const file = await exportUsers(apiClient(locals.token, { streaming: true }), params.tenantId, query);
    return new Response(file.body, {
      headers: {
        'content-type': file.contentType,
        'content-disposition': file.disposition,
        'cache-control': 'private, no-store',
      },
    });
  } catch (cause) {
    if (!(cause instanceof ServiceError)) throw cause;
    error(cause.status, cause.message);
  }
};
