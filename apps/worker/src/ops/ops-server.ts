import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { bearerMatches } from '@roster/ops';
import type { WorkerConfig } from '../config/config.js';
import { readiness } from './readiness.js';
import { WorkerMetrics } from './worker-metrics.js';

export interface OpsServer {
  /** The port listened on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

type OpsServerOptions = Pick<WorkerConfig, 'workerHost' | 'workerPort' | 'metricsToken'>;

const PROBLEM = 'application/problem+json';

function send(response: ServerResponse, status: number, type: string, body: string, headers = {}): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
}

function problem(response: ServerResponse, status: 401 | 404, title: string, detail: string): void {
  const body = JSON.stringify({ type: `https://roster.dev/problems/${status}`, title, status, detail });
  send(response, status, PROBLEM, body, status === 401 ? { 'www-authenticate': 'Bearer' } : {});
}

/**
 * The worker's small ops HTTP server, on WORKER_HOST:WORKER_PORT (an internal port: 127.0.0.1 by
 * default, the pod's address in a cluster):
 * - GET /metrics: Prometheus text; with METRICS_TOKEN set it asks for it as a bearer token, without
 *   one it answers anyone who reaches the port;
 * - GET /health/live: 200 while the process runs;
 * - GET /health/ready: 200 when PostgreSQL and Redis answer and every BullMQ Worker runs, else 503.
 */
export async function startOpsServer(context: INestApplicationContext, options: OpsServerOptions): Promise<OpsServer> {
  const metrics = context.get(WorkerMetrics);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://ops.invalid').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return problem(response, 404, 'Not found', 'The ops server answers GET only.');
    }
    switch (path) {
      case '/metrics':
        if (options.metricsToken !== null && !bearerMatches(options.metricsToken, request.headers.authorization)) {
          return problem(response, 401, 'Not authenticated', 'Send METRICS_TOKEN as Authorization: Bearer <token>.');
        }
        return send(response, 200, metrics.registry.contentType, await metrics.registry.metrics());
      case '/health/live':
        return send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
      case '/health/ready': {
        const state = await readiness(context);
        return send(response, state.status === 'ready' ? 200 : 503, 'application/json', JSON.stringify(state));
      }
      default:
        return problem(response, 404, 'Not found', 'The ops server serves /metrics, /health/live and /health/ready.');
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.workerPort, options.workerHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
