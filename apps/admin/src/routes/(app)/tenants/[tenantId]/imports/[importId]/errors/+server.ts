import { error } from '@sveltejs/kit';
import { apiClient } from '$lib/server/api';
import { ServiceError } from '$lib/server/services/errors';
import { importErrorReport } from '$lib/server/services/imports';
import type { RequestHandler } from './$types';

/**
 * Every error of an import as CSV (line, field, message), downloaded through the console like the users export: the
 * console fetches the report with the operator's session and hands its body on as it arrives (a file with a million
 * bad rows is large), with the API's type and file name.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  try {
    const report = await importErrorReport(
      apiClient(locals.token, { streaming: true }),
      params.tenantId,
      params.importId,
    );
    return new Response(report.body, {
      headers: {
        'content-type': report.contentType,
        'content-disposition': report.disposition,
        'cache-control': 'private, no-store',
      },
    });
  } catch (cause) {
    if (!(cause instanceof ServiceError)) throw cause;
    error(cause.status, cause.message);
  }
};
