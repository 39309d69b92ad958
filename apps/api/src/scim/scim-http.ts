import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ScimRequestLog } from '../scim-tokens/scim-request-log.js';

/** Where every SCIM route lives (API.md §11): outside /api/v1, one base URL per tenant. */
export const SCIM_ROUTE_PREFIX = 'scim/v2/tenants/:tenantId';
/**
 * Without a charset: IANA's registration of application/scim+json defines no parameters (SCIM is UTF-8 JSON), and
 * strict clients compare the type as a whole (scimverify does).
 */
export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

const isScimRequest = (request: FastifyRequest) => request.url.startsWith('/scim/');

/** The SCIM error body (RFC 7644 §3.12). */
export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: string;
  detail: string;
}

/**
 * The scimType a problem of Roster's own gets when it answers a SCIM request: a uniqueness conflict is the one
 * RFC 7644 §3.12 names for a status other than 400; a 400 of Roster's input checks is an invalid value.
 */
function scimTypeOf(status: number): string | undefined {
  if (status === 409) return 'uniqueness';
  if (status === 400) return 'invalidValue';
  if (status === 413) return 'tooMany';
  return undefined;
}

/** A problem (RFC 9457) of Roster's own in SCIM's error schema: the one translation, for replies and Bulk. */
export function scimErrorOf(problem: { status: number; detail?: string; title?: string }): ScimErrorBody {
  const scimType = scimTypeOf(problem.status);
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(problem.status),
    ...(scimType ? { scimType } : {}),
    detail: problem.detail ?? problem.title ?? 'The request failed.',
  };
}

/** What was answered, for the request log: the reply's SCIM error, if it was one. */
export interface ScimOutcome {
  scimType?: string;
  detail?: string;
}

const OUTCOME = Symbol('scim outcome');
type WithOutcome = FastifyReply & { [OUTCOME]?: ScimOutcome };

/** The outcome the reply to a SCIM request carried (set by the onSend hook below). */
export const scimOutcomeOf = (reply: FastifyReply): ScimOutcome => (reply as WithOutcome)[OUTCOME] ?? {};

/**
 * SCIM clients read `application/scim+json` and SCIM's error schema, not problem+json (RFC 7644 §3.1, §3.12). One
 * hook converts every answer to a /scim/ request, whoever produced it: the SCIM routes' own errors, the access
 * and input checks that run before any route (unknown route, malformed JSON, wrong media type, body too large),
 * and the problem filter's answers. The problem's detail becomes the SCIM detail unchanged.
 */
export function registerScimHttp(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!isScimRequest(request)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/problem+json') && typeof payload === 'string') {
      const body = scimErrorOf(JSON.parse(payload) as { status: number; detail?: string; title?: string });
      (reply as WithOutcome)[OUTCOME] = { scimType: body.scimType, detail: body.detail };
      void reply.header('content-type', SCIM_CONTENT_TYPE);
      return JSON.stringify(body);
    }
    // Fastify adds a charset to JSON it serializes; SCIM's type has none (SCIM_CONTENT_TYPE).
    if (type.startsWith('application/json') || type.startsWith('application/scim+json')) {
      void reply.header('content-type', SCIM_CONTENT_TYPE);
    }
    if (reply.statusCode >= 400 && typeof payload === 'string' && type.includes('json')) {
      const body = JSON.parse(payload) as Partial<ScimErrorBody>;
      (reply as WithOutcome)[OUTCOME] = { scimType: body.scimType, detail: body.detail };
    }
    return payload;
  });
}

/**
 * The tenant's SCIM base URL as the client reached it (meta.location and Location headers), behind trusted
 * proxies the address the outermost one saw (X-Forwarded-Proto and -Host, see trustProxy in app.factory.ts).
 */
export function scimBaseUrl(request: FastifyRequest): string {
  const { tenantId } = request.params as { tenantId: string };
  return `${request.protocol}://${request.host}/scim/v2/tenants/${tenantId}`;
}

const TENANT_PATH = /^\/scim\/v2\/tenants\/([^/?]+)(.*)$/;

/**
 * Logs every authenticated SCIM request of a tenant, with its outcome, in the tenant's request log (the
 * Provisioning page shows it). `tokenIdOf` says which token authenticated it (null: not authenticated, not kept).
 */
export function registerScimRequestLog(
  fastify: FastifyInstance,
  log: ScimRequestLog,
  tokenIdOf: (request: FastifyRequest) => string | null,
): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const tokenId = tokenIdOf(request);
    const match = TENANT_PATH.exec(request.url);
    if (!tokenId || !match) return;
    const { scimType, detail } = scimOutcomeOf(reply);
    log.record(match[1]!, {
      at: new Date().toISOString(),
      method: request.method,
      path: (match[2] || '/').slice(0, 500),
      status: reply.statusCode,
      ...(scimType ? { scimType } : {}),
      ...(detail ? { detail: detail.slice(0, 500) } : {}),
      tokenId,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    });
  });
}
