import { type Actor, PLATFORM_ADMIN } from '@roster/domain';
import type { Logger } from '@roster/logging';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ContextStore, RequestContext } from '../common/request-context.js';

/** The request context (which the access guard fills in with the actor and the scope), kept beside the request. */
const contexts = new WeakMap<FastifyRequest, Readonly<ContextStore>>();
/** An unexpected error that made a request fail: logged once, on its request line. */
const failures = new WeakMap<FastifyReply, Error>();

/**
 * Routes polled by probes and scrapers: a successful call is logged at debug, not once every few seconds
 * at info. Prefixes, so /api/health/live and /api/health/ready count too.
 */
const QUIET_ROUTES = ['/api/health', '/metrics', '/api/metrics'];

/**
 * One line per request when its response is sent: `requestId`, `method`, `route`, `status`, `durationMs`,
 * and, once the access guard resolved them, `actorType`, `actorId`, `accountId`, `environmentId`,
 * `tenantId`; at level error with `err` (its stack) for a 5xx; `request aborted` when the client went away
 * first. Every other line logged while the request is handled carries its `requestId` (the logger's mixin,
 * api-logger.ts). Headers and bodies are never logged. Written by hand in two Fastify hooks rather than
 * with pino-http, whose child logger and listeners per request cost a cached request a third of its time.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  // Registered after the hook that opens the request context, so this one runs inside it.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context = RequestContext.current();
    if (context) contexts.set(request, context);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const err = failures.get(reply);
    const line = { requestId: request.id, ...requestLine(request, status, reply.elapsedTime), ...(err ? { err } : {}) };
    if (status >= 500) logger.error(line, 'request errored');
    else if (status < 400 && QUIET_ROUTES.some((prefix) => (request.routeOptions.url ?? '').startsWith(prefix))) {
      logger.debug(line, 'request completed');
    } else logger.info(line, 'request completed');
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    logger.info({ requestId: request.id, ...requestLine(request, null, null) }, 'request aborted');
    done();
  });
}

/**
 * Has the request line carry an unexpected error with its stack: the one place it is logged (the
 * problem filter answers 500 and calls this).
 */
export function logWithRequest(reply: FastifyReply, error: unknown): void {
  failures.set(reply, error instanceof Error ? error : new Error(String(error)));
}

function requestLine(
  request: FastifyRequest,
  status: number | null,
  elapsedMs: number | null,
): Record<string, unknown> {
  const route = request.routeOptions.url;
  const context = contexts.get(request);
  const scope = context?.scope ?? undefined;
  return {
    method: request.method,
    route: route ?? null,
    // Without a route (a 404 for an unknown path) the path is all there is; never the query string.
    ...(route ? {} : { path: request.url.split('?')[0] }),
    ...(status === null ? {} : { status }),
    ...(elapsedMs === null ? {} : { durationMs: Math.round(elapsedMs * 10) / 10 }),
    ...actorFields(context?.actor),
    ...definedOnly({
      accountId: scope?.accountId ?? context?.actor?.accountId ?? undefined,
      environmentId: scope?.environmentId,
      tenantId: scope?.tenantId,
    }),
  };
}

function actorFields(actor: Actor | undefined): Record<string, string> {
  if (!actor) return {};
  return { actorType: actor.role === PLATFORM_ADMIN ? 'platform-admin' : actor.kind, actorId: actor.id };
}

function definedOnly(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
}
