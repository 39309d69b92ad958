import type { Readable } from 'node:stream';
import { IMPORT_MEDIA_TYPES } from '@roster/domain';
import { errorCodes, type FastifyInstance } from 'fastify';
import { badRequest, Problem, TITLES } from '../common/problems.js';

/** The most an import upload may weigh (API.md §10): far above a million users' CSV (about 100 MB). */
export const IMPORT_BODY_LIMIT_BYTES = 512 * 1024 * 1024;
/** The pieces an upload is stored in (user_import_chunks): large enough for few rows, small enough to hold. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/** The route config key (Nest's @RouteConfig) of the one route whose body arrives as a stream. */
export const STREAMED_BODY = 'streamedBody';

export const uploadTooLarge = () =>
  new Problem(
    413,
    TITLES[413]!,
    `The file is larger than ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MB, the most one import takes; split it ` +
      'into several files (each CSV file with its header row).',
  );

/**
 * Parses the import media types (text/csv, application/x-ndjson) by handing the request's stream through
 * unread: the import route stores it piece by piece (never the whole file in memory), and enforces its own size
 * limit, far above the JSON routes' (Fastify applies no bodyLimit to a parser that reads nothing). On any other
 * route these types are refused like every non-JSON body (415).
 */
export function acceptImportBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(Object.keys(IMPORT_MEDIA_TYPES), (request, payload, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[STREAMED_BODY] !== true) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      return;
    }
    if (Number(request.headers['content-length']) > IMPORT_BODY_LIMIT_BYTES) {
      done(uploadTooLarge(), undefined);
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
 * IMPORT_BODY_LIMIT_BYTES (a body sent without a length, or with a false one).
 */
export async function* uploadChunks(stream: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  for await (const data of stream) {
    const piece = Buffer.isBuffer(data) ? data : Buffer.from(data as string);
    total += piece.length;
    if (total > IMPORT_BODY_LIMIT_BYTES) {
      stream.destroy();
      throw uploadTooLarge();
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
