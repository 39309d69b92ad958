import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { ApiMetrics } from './api-metrics.js';
import { metricsRefusal } from './metrics-access.js';
import { METRICS_PATH } from './metrics-http.js';

/**
 * METRICS_PORT: a second listener on API_HOST that serves GET /metrics and nothing else, so a
 * deployment can keep metrics off the public port (only the cluster's Prometheus reaches this one).
 * Started with the app and closed with it; nothing when METRICS_PORT is unset.
 */
@Injectable()
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly metrics: ApiMetrics,
  ) {}

  /** The port it listens on (METRICS_PORT=0 picks a free one), or null when it does not run. */
  get port(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === null) return;
    const server = createServer((request, response) => {
      void this.answer(request.method, request.url, request.headers.authorization).then(
        ({ status, type, body }) => {
          const challenge = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
          const headers = { 'content-type': type, 'cache-control': 'no-store', 'x-request-id': requestId(request) };
          response.writeHead(status, { ...headers, ...challenge }).end(body);
        },
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort!, this.config.apiHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Metrics on http://${this.config.apiHost}:${this.port}${METRICS_PATH}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(method: string | undefined, url: string | undefined, authorization: string | undefined) {
    const path = new URL(url ?? '/', 'http://metrics.invalid').pathname;
    if (path !== METRICS_PATH || (method !== 'GET' && method !== 'HEAD')) {
      const detail = `This port serves only GET ${METRICS_PATH}.`;
      return problem(404, { type: 'https://roster.dev/problems/404', title: 'Not found', status: 404, detail });
    }
    const refused = metricsRefusal(this.config, 'metrics-port', authorization);
    if (refused) return problem(refused.status, refused.body);
    const body = method === 'HEAD' ? '' : await this.metrics.registry.metrics();
    return { status: 200, type: this.metrics.registry.contentType, body };
  }
}

/** API.md §11: every response carries X-Request-Id, the caller's (as the API accepts it) or a new one. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

const problem = (status: number, body: object) => ({
  status,
  type: 'application/problem+json',
  body: JSON.stringify(body),
});
