import { type JsonObject, ScimError } from '@roster/domain';
import type { FastifyReply } from 'fastify';

/** A single resource as a route answers it, with its ETag (RFC 7644 §3.14). */
export interface ScimAnswer {
  resource: JsonObject;
  /** The ETag, as the header and meta.version carry it. */
  version: string;
}

/** A single resource: its ETag in the header too, projected as the query asks (attributes, excludedAttributes). */
export function respond(reply: FastifyReply, answer: ScimAnswer, project: (resource: JsonObject) => JsonObject) {
  void reply.header('etag', answer.version);
  return project(answer.resource);
}

/** A body that is not a JSON object is a syntax error in SCIM's terms. */
export function asObject(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ScimError(400, 'invalidSyntax', 'The request body must be a JSON object.');
}
