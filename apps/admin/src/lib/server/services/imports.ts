import type { operations, RosterClient, Schemas } from '@roster/api-client';
import { type ImportMediaType, IMPORTERS_ONLY } from '$lib/imports';
import { type StreamedFile, streamedFile } from '../downloads';
import { callApi, ServiceError } from './errors';
import type { Page } from './paging';

/** User imports (API.md §10, docs/imports.md): the upload, the list, one import, its error report, apply, cancel. */
export type ImportSummary = Schemas['ImportSummary'];
export type Import = Schemas['Import'];
export type ImportStarted = Schemas['ImportStarted'];
export type ImportListQuery = NonNullable<operations['listImports']['parameters']['query']>;

const IMPORT_NOT_FOUND = 'This import does not exist in this tenant (imports are kept for 7 days).';

/** A file on its way from the browser, passed on to the API as it arrives. */
export interface ImportUpload {
  body: ReadableStream<Uint8Array>;
  mediaType: ImportMediaType;
  /** Stop at `validated` with the prediction, until applied. */
  dryRun: boolean;
}

/**
 * Sends the file to the API as it arrives, never holding it: fetch streams a body given as a ReadableStream (with
 * `duplex: 'half'`), and backpressure reaches the browser through the console's request. `api` must be an upload
 * client (apiClient's `upload`), whose timeout starts once the last byte has gone. Resolves once the API has stored
 * the file and queued its import; refusals (an unknown column, 413, 415 …) throw a ServiceError with the API's words.
 */
export async function startImport(api: RosterClient, tenantId: string, upload: ImportUpload): Promise<ImportStarted> {
  let broken: unknown = null;
  const body = passOn(upload.body, (cause) => (broken = cause));
  try {
    return await callApi(
      () =>
        api.POST('/api/v1/tenants/{tenantId}/imports', {
          params: { path: { tenantId }, query: { dryRun: upload.dryRun ? 'true' : 'false' } },
          // The typed body is the file's text; a stream stands for it, and goes out as it is.
          body: body as unknown as string,
          bodySerializer: (stream: unknown) => stream as BodyInit,
          headers: { 'content-type': upload.mediaType },
          // Node's fetch sends a stream only half-duplex, and says so; the DOM's RequestInit type has no such field.
          ...({ duplex: 'half' } as object),
        }),
      { 403: IMPORTERS_ONLY, 404: 'This tenant does not exist, or you have no access to it.' },
    );
  } catch (cause) {
    // The browser's side broke, not the API: the connection went away, or the console's own size limit stopped it.
    if (broken !== null) throw interruptedUpload(broken, cause);
    throw cause;
  }
}

/**
 * The upload, read for fetch, noting why it broke if it does. A fetch that stops reading (the API answered before the
 * end, as it does when the first megabyte already shows a bad header) leaves the rest to Node, which discards it once
 * the console has answered: cancelling it would reset the browser's connection before it reads that answer.
 */
function passOn(source: ReadableStream<Uint8Array>, onBreak: (cause: unknown) => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (cause) {
        onBreak(cause);
        controller.error(cause);
      }
    },
    cancel() {
      // Left to Node, as said above.
    },
  });
}

function interruptedUpload(broken: unknown, cause: unknown): ServiceError {
  const status = (broken as { status?: unknown } | null)?.status;
  if (status === 413) {
    // adapter-node's BODY_SIZE_LIMIT is below the API's 512 MB: the deployment's setting, not the file, is at fault.
    return new ServiceError(
      'invalid',
      413,
      'The file is larger than this console lets through (its BODY_SIZE_LIMIT setting); ask whoever runs Roster to ' +
        'raise it to 512M, or import through the API.',
      {},
      null,
      { cause },
    );
  }
  return new ServiceError(
    'invalid',
    400,
    'The upload broke off before the whole file arrived; nothing was imported. Try again.',
    {},
    null,
    { cause },
  );
}

/** The tenant's imports, newest first, without their errors. */
export function listImports(api: RosterClient, tenantId: string, query: ImportListQuery): Promise<Page<ImportSummary>> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/imports', { params: { path: { tenantId }, query } }), {
    403: IMPORTERS_ONLY,
    404: 'This tenant does not exist, or you have no access to it.',
  });
}

/** One import: its state, prediction or outcome, and its first errors. */
export function getImport(api: RosterClient, tenantId: string, importId: string): Promise<Import> {
  return callApi(
    () => api.GET('/api/v1/tenants/{tenantId}/imports/{importId}', { params: { path: { tenantId, importId } } }),
    { 403: IMPORTERS_ONLY, 404: IMPORT_NOT_FOUND },
  );
}

/** Applies a validated dry run; 409 (the API names the state) from any other state. */
export async function applyImport(api: RosterClient, tenantId: string, importId: string): Promise<void> {
  await callApi(
    () => api.POST('/api/v1/tenants/{tenantId}/imports/{importId}/apply', { params: { path: { tenantId, importId } } }),
    {
      404: IMPORT_NOT_FOUND,
      409: 'Only a checked dry run can be applied; reload the page to see where the import is.',
      503: 'The import could not be queued right now (the job queue is unavailable). Try again in a moment.',
    },
  );
}

/** Cancels a running import (batches applied before stay applied); 409 once it has finished. */
export function cancelImport(api: RosterClient, tenantId: string, importId: string): Promise<Import> {
  return callApi(
    () =>
      api.POST('/api/v1/tenants/{tenantId}/imports/{importId}/cancel', { params: { path: { tenantId, importId } } }),
    { 404: IMPORT_NOT_FOUND, 409: 'The import has finished already; there is nothing to cancel.' },
  );
}

/**
 * Every error of the import as CSV (line, field, message), as the API streams it. Resolves once the API has answered
 * with the head of the file; `api` must be a streaming client (apiClient's `streaming`).
 */
export function importErrorReport(api: RosterClient, tenantId: string, importId: string): Promise<StreamedFile> {
  return streamedFile(
    () =>
      api.GET('/api/v1/tenants/{tenantId}/imports/{importId}/errors', {
        params: { path: { tenantId, importId }, query: { format: 'csv' } },
        parseAs: 'stream',
      }),
    { 403: IMPORTERS_ONLY, 404: IMPORT_NOT_FOUND },
    { contentType: 'text/csv; charset=utf-8', fileName: `import-${importId}-errors.csv` },
  );
}
