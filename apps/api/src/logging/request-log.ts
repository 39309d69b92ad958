import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Actor, PLATFORM_ADMIN } from '@roster/domain';
import { type Logger, runWithLogger } from '@roster/logging';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { pinoHttp } from 'pino-http';
import { type ContextStore, RequestContext } from '../common/request-context.js';

/** What the request line needs that only Fastify and the access guard know, kept beside the raw request. */
interface RequestFacts {
  /** The matched route's pattern (`/api/v1/tenants/:tenantId`), undefined when no route matched. */
  route: string | undefined;
  /** The request context, which the access guard fills in with the actor and the resolved scope. */
  context: Readonly<ContextStore> | undefined;
}

const facts = new WeakMap<IncomingMessage, RequestFacts>();

/**
 * Routes polled by probes and scrapers: a successful call is logged at debug, not once every few seconds
 * at info. Prefixes, so /api/health/live and /api/health/ready count too.
 */
const QUIET_ROUTES = ['/api/health', '/metrics', '/api/metrics'];

/**
 * One line per request when its response finishes (pino-http): `requestId`, `method`, `route`, `status`,
 * `durationMs`, and, once the access guard resolved them, `actorType`, `actorId`, `accountId`,
 * `environmentId`, `tenantId`; at level error with `err` (its stack) for a 5xx. Every other line logged
 * while the request is handled carries its `requestId`. Headers and bodies are never logged.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  const logRequest = pinoHttp({
    logger,
    // Lines logged during the request carry only the request id; the request line carries the fields below.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    // Never the headers (Authorization, Cookie, X-Api-Key), even where someone logs the raw request.
    serializers: {
      req: (req: { id: unknown; method: string }) => ({ id: req.id, method: req.method }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      const path = facts.get(req)?.route ?? req.url ?? '';
      return res.statusCode < 400 && QUIET_ROUTES.some((prefix) => path.startsWith(prefix)) ? 'debug' : 'info';
    },
    customSuccessObject: (req, res, value: { durationMs: number }) => requestLine(req, res, value.durationMs),
    customErrorObject: (req, res, error, value: { durationMs: number }) => {
      // pino-http makes up "failed with status code 500" when nothing set res.err; only a real error is logged.
      const err = res.err ?? (error.message.startsWith('failed with status code') ? undefined : error);
      return { ...requestLine(req, res, value.durationMs), ...(err ? { err } : {}) };
    },
  });

  // Registered after the hook that opens the request context, so this one runs inside it.
  fastify.addHook('onRequest', (request, reply, done) => {
    request.raw.id = request.id; // the id Fastify's genReqId chose (a sane X-Request-Id, or a new UUID)
    facts.set(request.raw, { route: request.routeOptions.url, context: RequestContext.current() });
    logRequest(request.raw, reply.raw);
    runWithLogger(request.raw.log, done);
  });
}

/**
 * Has the request line carry an unexpected error with its stack: the one place it is logged (the
 * problem filter answers 500 and calls this).
 */
export function logWithRequest(reply: FastifyReply, error: unknown): void {
  reply.raw.err = error instanceof Error ? error : new Error(String(error));
}

function requestLine(req: IncomingMessage, res: ServerResponse, durationMs: number): Record<string, unknown> {
  const { route, context } = facts.get(req) ?? { route: undefined, context: undefined };
  const scope = context?.scope ?? undefined;
  return {
    method: req.method,
    route: route ?? null,
    // Without a route (a 404 for an unknown path) the path is all there is; never the query string.
    ...(route ? {} : { path: (req.url ?? '').split('?')[0] }),
    status: res.statusCode,
    durationMs,
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
