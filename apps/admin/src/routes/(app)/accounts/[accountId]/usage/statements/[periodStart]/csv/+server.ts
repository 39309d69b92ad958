import { error } from '@sveltejs/kit';
import { ServiceError } from '$lib/server/services/errors';
import { getStatementCsv } from '$lib/server/services/statements';
import { isPeriodStart } from '$lib/statements';
import type { RequestHandler } from './$types';

/**
 * The statement's CSV, fetched with the operator's session: the browser never holds the API token, so the
 * console proxies the API's file and keeps its content-disposition (attachment, with its file name).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (!isPeriodStart(params.periodStart)) error(404, 'There is no closed statement for this period.');
  try {
    const csv = await getStatementCsv(locals.api, params.accountId, params.periodStart);
    return new Response(csv.body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': csv.disposition,
        'cache-control': 'private, no-store',
      },
    });
  } catch (cause) {
    if (!(cause instanceof ServiceError)) throw cause;
    error(cause.status, cause.message);
  }
};
