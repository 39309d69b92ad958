import { json } from '@sveltejs/kit';
import { capabilitiesOf } from '$lib/capabilities';
import {
  formatBytes,
  formatOfMediaType,
  IMPORT_MAX_BYTES,
  IMPORTERS_ONLY,
  mediaTypeOf,
  type UploadAnswer,
} from '$lib/imports';
import { apiClient } from '$lib/server/api';
import { ServiceError } from '$lib/server/services/errors';
import { startImport } from '$lib/server/services/imports';
import type { RequestHandler } from './$types';

const answer = (body: UploadAnswer, status: number) => json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * An import's file, sent by the upload form as the request's whole body (Content-Type text/csv or
 * application/x-ndjson, `?dryRun=true|false`), passed on to the API as it arrives: the browser never holds the API
 * token, and the console never holds the file (up to 512 MB). Answers JSON: `{importId}`, or `{message, fieldErrors}`
 * with the API's status.
 *
 * adapter-node's BODY_SIZE_LIMIT applies to this streamed body too: it refuses a larger Content-Length and errors the
 * stream once more bytes than that arrive. The deployments set it to 512M, the API's own limit (infra/, server.js).
 * Form content types only are checked for cross-site posts by SvelteKit; these are not form types, so another site
 * cannot send them without a CORS preflight, which the console never grants.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
  // Signed out: hooks.server.ts redirected already. The API unreachable: say so.
  if (!locals.operator) return answer({ message: locals.sessionProblem ?? 'Sign in again.' }, 503);
  if (!capabilitiesOf(locals.operator.role).manageUsers) {
    return answer({ message: IMPORTERS_ONLY }, 403);
  }
  const format = formatOfMediaType(request.headers.get('content-type'));
  if (!format) {
    return answer({ message: 'An import is a CSV file (text/csv) or JSON Lines (application/x-ndjson).' }, 415);
  }
  if (Number(request.headers.get('content-length')) > IMPORT_MAX_BYTES) {
    return answer(
      { message: `The file is larger than ${formatBytes(IMPORT_MAX_BYTES)}, the most one import takes.` },
      413,
    );
  }
  if (!request.body) return answer({ message: 'The file is empty.' }, 400);
  try {
    const started = await startImport(apiClient(locals.token, { upload: true }), params.tenantId, {
      body: request.body,
      mediaType: mediaTypeOf(format),
      dryRun: url.searchParams.get('dryRun') === 'true',
    });
    return answer({ importId: started.importId }, 202);
  } catch (cause) {
    if (!(cause instanceof ServiceError)) throw cause;
    return answer({ message: cause.message, fieldErrors: cause.fieldErrors }, cause.status);
  }
};
