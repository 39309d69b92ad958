import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import { ApiMetrics } from './api-metrics.js';
import { metricsRefusal } from './metrics-access.js';

/** Top level, not under /api/v1 (API.md §11): where Prometheus looks by default. */
export const METRICS_PATH = '/metrics';

/**
 * Times every request by its route pattern and serves GET /metrics on the API's port. Registered on
 * Fastify directly, so the route is no Nest route: it stays out of the OpenAPI document and the
 * access guard (which knows operators and API keys, not the metrics token) never sees it.
 * Call before app.init(), while routes and hooks can still be added.
 */
export function mountMetrics(app: NestFastifyApplication, config: Config): void {
  const metrics = app.get(ApiMetrics);
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;

  // A callback hook, not an async one: no promise per request on the hottest path.
  fastify.addHook('onResponse', (request, reply, done) => {
    // The pattern (/api/v1/tenants/:tenantId/users), never the raw URL: one series per route, not per id.
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  fastify.get(METRICS_PATH, async (request, reply) => {
    const refused = metricsRefusal(config, 'api-port', request.headers.authorization);
    if (refused) {
      if (refused.status === 401) void reply.header('www-authenticate', 'Bearer');
      return reply.status(refused.status).header('content-type', 'application/problem+json').send(refused.body);
    }
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
