import { apiClient } from '$lib/server/api';
import { passOnDownload } from '$lib/server/downloads';
import { importErrorReport } from '$lib/server/services/imports';
import type { RequestHandler } from './$types';

/**
 * Every error of an import as CSV (line, field, message), downloaded through the console like the users export and
 * handed on as it arrives (a file with a million bad rows is large), with the API's type and file name.
 */
export const GET: RequestHandler = ({ locals, params }) =>
  passOnDownload(() =>
    importErrorReport(apiClient(locals.token, { streaming: true }), params.tenantId, params.importId),
  );
