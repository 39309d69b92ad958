import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { unstorableText } from '@roster/domain';
import { badRequest, type FieldError, problemBody, TITLES } from './problems.js';

/**
 * The media types a request body may have (API.md §6: JSON only, 415 otherwise): JSON, and SCIM's JSON
 * (RFC 7644 §3.1), which SCIM clients send to the SCIM routes. Every other type, form bodies included, is
 * refused before any route sees it.
 */
export const ACCEPTED_BODY_TYPES = ['application/json', 'application/scim+json'] as const;

/**
 * Replaces the parsers Fastify and Nest register (JSON, text/plain, form-urlencoded) with a JSON
 * parser for the accepted types alone: Fastify answers anything else 415 (FST_ERR_CTP_INVALID_MEDIA_TYPE).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    [...ACCEPTED_BODY_TYPES],
    { parseAs: 'string' },
    fastify.getDefaultJsonParser('error', 'error'),
  );
}

function collectUnstorable(value: unknown, path: string[], errors: FieldError[]): void {
  if (typeof value === 'string') {
    const message = unstorableText(value);
    if (message) errors.push({ field: path.length > 0 ? path.join('.') : '(body)', message });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectUnstorable(item, [...path, String(index)], errors));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (unstorableText(key)) errors.push({ field: '(body)', message: 'has a field name that is not valid text' });
      else collectUnstorable(item, [...path, key], errors);
    }
  }
}

/**
 * Refuses, with a 400 naming each field, any path parameter, query parameter or body string that
 * text columns cannot store: before guards and pipes, so no route (nor the login strategies, which
 * read the body before any schema) hands one to PostgreSQL.
 */
export function refuseUnstorableText(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const errors: FieldError[] = [];
    collectUnstorable(request.params, [], errors);
    collectUnstorable(request.query, [], errors);
    // A streamed body (an import's file, see acceptImportBodies) is the route's to read and check, row by row.
    if (!(request.body instanceof Readable)) collectUnstorable(request.body, [], errors);
    if (errors.length > 0) {
      const fields = [...new Set(errors.map((error) => error.field))];
      throw badRequest(`The request has ${errors.length} invalid field(s): ${fields.join(', ')}.`, errors);
    }
  });
}

/** What a person can do about Fastify's routing errors; never the URL itself, which may be huge or hostile. */
const FRAMEWORK_ERRORS: Record<string, { status: number; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, detail: 'The URL is not validly percent-encoded; encode it and try again.' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    detail: 'A path segment of the URL is too long; no resource has an id or key that long.',
  },
};

/** Fastify's `frameworkErrors`: routing errors answered as problem+json. */
export function frameworkErrorHandler(
  error: Error & { code?: string },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = FRAMEWORK_ERRORS[error.code ?? ''] ?? { status: 400, detail: 'The request could not be routed.' };
  void reply
    .status(known.status)
    .header('content-type', 'application/problem+json')
    .send(problemBody(known.status, TITLES[known.status] ?? 'Invalid request', known.detail));
}

/** Errors Node's HTTP parser raises before a request exists, by its code. */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large; send fewer or shorter ones.' },
  HPE_URI_TOO_LONG: { status: 414, detail: 'The URL is too long.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request took too long to arrive.' },
};

/**
 * Fastify's `clientErrorHandler`: a request Node could not parse (headers too large, malformed) is
 * answered as problem+json on the socket, then the connection is closed, as Node itself does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, detail: 'The request is not valid HTTP.' };
  if (socket.writable) {
    const title = TITLES[known.status] ?? 'Invalid request';
    const body = JSON.stringify(problemBody(known.status, title, known.detail));
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
