import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { USERNAME_MAX_LENGTH } from '@roster/domain';
import { type Logger, NestPinoLogger } from '@roster/logging';
import { AppModule } from './app.module.js';
import {
  acceptJsonBodiesOnly,
  clientErrorHandler,
  frameworkErrorHandler,
  refuseUnstorableText,
} from './common/http-input.js';
import { RequestContext } from './common/request-context.js';
import { acceptImportBodies } from './imports/import-upload.js';
import { scimTokenIdOf } from './scim/scim-access.guard.js';
import { registerScimHttp, registerScimRequestLog } from './scim/scim-http.js';
import { ScimRequestLog } from './scim-tokens/scim-request-log.js';
import type { Config } from './config/config.js';
import { mountMetrics } from './metrics/metrics-http.js';
import { createApiLogger } from './logging/api-logger.js';
import { registerRequestLogging } from './logging/request-log.js';
import { HEALTH_ROUTES } from './health/health.module.js';
import { serveOpenApi } from './openapi/document.js';
import { mountQueueDashboard } from './queue-dashboard/queue-dashboard.js';

export interface CreateAppOptions {
  /** The root logger (default: one made from LOG_LEVEL and LOG_FORMAT, writing to stdout). */
  logger?: Logger;
}

/**
 * Every route lives under /api/v1 except the operational ones under /api (API.md §1): health, docs,
 * the OpenAPI document and the queue dashboard at /api/queues (mounted on Fastify, not a Nest route), and SCIM,
 * whose base URLs are /scim/v2/tenants/{tenantId} (API.md §11).
 */
export function setRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix('api/v1', {
    exclude: [
      ...HEALTH_ROUTES.map((path) => ({ path, method: RequestMethod.GET })),
      { path: 'scim/{*rest}', method: RequestMethod.ALL },
    ],
  });
}

/** Builds the HTTP application (used by main.ts and by the tests, which call app.inject()). */
export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = options.logger ?? (await createApiLogger(config));
  const adapter = new FastifyAdapter({
    bodyLimit: 5 * 1024 * 1024,
    // A request still arriving on an open connection once close() began (a client that ignored the
    // Connection: close of shutdown, see shutdown/) is served, not refused with Fastify's default 503.
    return503OnClosing: false,
    // request.ip is the connection's address, or with trusted proxies the address the outermost one saw
    // (X-Forwarded-For read from the right, so entries a client prepends are ignored).
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // A path segment may hold a whole username (GET …/users/by-username/:username): up to USERNAME_MAX_LENGTH code
    // points, each at most two UTF-16 units once decoded. Fastify's default (100) refused longer ones with a 414.
    routerOptions: { maxParamLength: 2 * USERNAME_MAX_LENGTH },
    // Malformed URLs, over-long path segments and unparseable requests answer problem+json, never echoing the URL.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  acceptJsonBodiesOnly(adapter.getInstance());
  acceptImportBodies(adapter.getInstance(), config.importMaxBytes);
  refuseUnstorableText(adapter.getInstance());
  // Every request runs inside its own context, which the access guard fills in.
  adapter.getInstance().addHook('onRequest', (request, _reply, done) => {
    RequestContext.run({ requestId: request.id }, done);
  });
  registerRequestLogging(adapter.getInstance(), logger);
  registerScimHttp(adapter.getInstance());
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    // Bodies are parsed by acceptJsonBodiesOnly alone (Nest would add form-urlencoded).
    bodyParser: false,
  });
  setRoutePrefix(app);
  registerScimRequestLog(adapter.getInstance(), app.get(ScimRequestLog), scimTokenIdOf);
  serveOpenApi(app);
  await mountQueueDashboard(app, config);
  mountMetrics(app, config);
  await app.init();
  return app;
}
