import { json } from '@sveltejs/kit';
import { getJobStatus } from '$lib/server/services/jobs';
import { ServiceError } from '$lib/server/services/errors';
import type { RequestHandler } from './$types';

/**
 * A recount job's state for the usage page, which polls it while a recount runs: the browser
 * never talks to the API itself. The API decides whose job it is (another account's is 404).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  try {
    const status = await getJobStatus(locals.api, params.jobId);
    return json(status, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return json({ message: error.message }, { status: error.status, headers: { 'cache-control': 'no-store' } });
  }
};
