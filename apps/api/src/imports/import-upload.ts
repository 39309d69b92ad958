import type { Readable } from 'node:stream';
import { IMPORT_MEDIA_TYPES } from '@roster/domain';
import { errorCodes, type FastifyInstance } from 'fastify';
import { badRequest, Problem, TITLES } from '../common/problems.js';

/** The pieces an upload is stored in (user_import_chunks): large enough for few rows, small enough to hold. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/** The route config key (Nest's @RouteConfig) of the one route whose body arrives as a stream. */
export const STREAMED_BODY = 'streamedBody';

/** A size as the messages give it: `512 MB`, `64 KB`, `1 GB`, or bytes when no unit divides it (units of 1024). */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** The 413 of an upload over the limit (IMPORT_MAX_SIZE, Config.importMaxBytes), naming it. */
export const uploadTooLarge = (limitBytes: number) =>
  new Problem(
    413,
    TITLES[413]!,
    `The file is larger than ${formatSize(limitBytes)}, the most one import takes; split it into several files ` +
      '(each CSV file with its header row).',
  );

/**
 * Parses the import media types (text/csv, application/x-ndjson) by handing the request's stream through
 * unread: the import route stores it piece by piece (never the whole file in memory), and enforces its own size
 * limit, `limitBytes` (IMPORT_MAX_SIZE), far above the JSON routes' (Fastify applies no bodyLimit to a parser that
 * reads nothing): a Content-Length over it is refused here, before anything is read. On any other route these
 * types are refused like every non-JSON body (415).
 */
export function acceptImportBodies(fastify: FastifyInstance, limitBytes: number): void {
  fastify.addContentTypeParser(Object.keys(IMPORT_MEDIA_TYPES), (request, payload, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[STREAMED_BODY] !== true) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      return;
    }
    if (Number(request.headers['content-length']) > limitBytes) {
      done(uploadTooLarge(limitBytes), undefined);
      return;
    }
    done(null, payload);
  });
}

/** Whether a request body is the stream acceptImportBodies handed through. */
export function isStreamedBody(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function';
}

/**
 * The upload in pieces of IMPORT_CHUNK_BYTES (the last one smaller), failing with 413 once it passes
 * `limitBytes` (a body sent without a length, or with a false one). The request is not destroyed on the way out
 * (as leaving a for-await of it would): that resets the connection before the 413 can be sent. Reading just stops;
 * the 413 goes out with `Connection: close` (ProblemFilter), so the rest of the body is never read.
 */
export async function* uploadChunks(stream: Readable, limitBytes: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  for await (const data of stream.iterator({ destroyOnReturn: false })) {
    const piece = Buffer.isBuffer(data) ? data : Buffer.from(data as string);
    total += piece.length;
    if (total > limitBytes) {
      stream.pause();
      throw uploadTooLarge(limitBytes);
    }
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= IMPORT_CHUNK_BYTES) {
      const joined = Buffer.concat(pending, pendingBytes);
      yield joined.subarray(0, IMPORT_CHUNK_BYTES);
      const rest = joined.subarray(IMPORT_CHUNK_BYTES);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/** The media type of a Content-Type header, and whether its charset (if any) is UTF-8. */
export function importMediaType(contentType: string | undefined): keyof typeof IMPORT_MEDIA_TYPES {
  const [type = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim());
  const essence = type.toLowerCase();
  if (!(essence in IMPORT_MEDIA_TYPES)) {
    throw new Problem(
      415,
      TITLES[415]!,
      `An import is a CSV file (Content-Type: text/csv) or JSON Lines (Content-Type: application/x-ndjson), ` +
        `not ${essence === '' ? 'a body without a Content-Type' : essence}.`,
    );
  }
  const charset = parameters
    .map((parameter) => /^charset=(.*)$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined)
    ?.replaceAll('"', '')
    .toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new Problem(
      415,
      TITLES[415]!,
      `An import file must be UTF-8 text, not ${charset}; convert it and send again.`,
    );
  }
  return essence as keyof typeof IMPORT_MEDIA_TYPES;
}

export const emptyUpload = () =>
  badRequest('The file is empty: send a CSV file with a header row and one user per line, or JSON Lines.');
