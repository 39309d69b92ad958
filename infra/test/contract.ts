/**
 * What the deployment files must agree with: the ports, probe paths and environment of each app
 * (issue 13's contract, README's configuration table), and where the files are.
 */
import { fileURLToPath } from 'node:url';
import { API_VARIABLES, MIGRATE_VARIABLES, WORKER_VARIABLES } from '@roster/config';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const INFRA = fileURLToPath(new URL('../', import.meta.url));
export const K8S = `${INFRA}k8s/`;
export const DOCKERFILE = 'infra/docker/Dockerfile';
export const COMPOSE_FILE = `${INFRA}docker-compose.yml`;

export type AppName = 'api' | 'worker' | 'admin';

export interface AppContract {
  /** Dockerfile target, compose service and the component label in Kubernetes. */
  name: AppName;
  /** The Kubernetes Deployment and the image name the kustomize base uses. */
  deployment: string;
  image: string;
  port: number;
  live: string;
  ready: string;
  /** Prometheus scrape: port and path. */
  metrics: { port: number; path: string } | null;
  /** The command the image runs (after tini). */
  command: string[];
  /** Variables a deployment must set itself: defaults meant for a developer's machine would be wrong. */
  required: string[];
  /** Source folders whose `env.X` reads are this app's configuration. */
  sources: string[];
  /** The variables its loader in @roster/config reads (every one is defined there, for all apps at once). */
  configured: readonly string[];
}

const SERVER_SETTINGS = [
  'NODE_ENV',
  'DATABASE_URL',
  'REDIS_URL',
  'ROSTER_QUEUE_PREFIX',
  'LOG_FORMAT',
  'LOG_LEVEL',
  'SHUTDOWN_DELAY',
  'SHUTDOWN_TIMEOUT',
];

export const APPS: AppContract[] = [
  {
    name: 'api',
    deployment: 'roster-api',
    image: 'roster-api',
    port: 3000,
    live: '/api/health/live',
    ready: '/api/health/ready',
    metrics: { port: 9464, path: '/metrics' },
    command: ['node', '--max-old-space-size=192', 'dist/main.js'],
    required: [
      ...SERVER_SETTINGS,
      'API_HOST',
      'API_PORT',
      'METRICS_PORT',
      'TRUST_PROXY',
      'ROSTER_ADMIN_USERNAME',
      'ROSTER_ADMIN_PASSWORD',
      'ENCRYPTION_KEYS',
    ],
    sources: ['apps/api/src', 'packages/db/src', 'packages/domain/src'],
    configured: API_VARIABLES,
  },
  {
    name: 'worker',
    deployment: 'roster-worker',
    image: 'roster-worker',
    port: 3001,
    live: '/health/live',
    ready: '/health/ready',
    metrics: { port: 3001, path: '/metrics' },
    command: ['node', 'dist/main.js'],
    required: [...SERVER_SETTINGS, 'WORKER_HOST', 'WORKER_PORT', 'ENCRYPTION_KEYS'],
    sources: ['apps/worker/src', 'packages/db/src', 'packages/domain/src'],
    configured: WORKER_VARIABLES,
  },
  {
    name: 'admin',
    deployment: 'roster-admin',
    image: 'roster-admin',
    port: 5173,
    live: '/healthz',
    ready: '/healthz',
    metrics: null,
    command: ['node', 'server.js'],
    required: ['NODE_ENV', 'API_URL', 'ADMIN_HOST', 'ADMIN_PORT'],
    sources: ['apps/admin/src', 'apps/admin/server.js'],
    configured: [],
  },
];

/** The migration step: the API image running packages/db's CLI. */
export const MIGRATE = {
  command: ['node', 'node_modules/@roster/db/dist/cli.js', 'migrate'],
  required: ['DATABASE_URL'],
  sources: ['packages/db/src'],
  configured: MIGRATE_VARIABLES,
};

/**
 * Variables the apps read that a deployment may leave at their defaults, and why. A variable an app
 * starts reading that is neither set by the deployment files nor listed here fails the tests.
 */
export const DEFAULT_IS_RIGHT: Record<string, string> = {
  ADMIN_PORT: "the API reads it only to print the console's address in development",
  ACCESS_TOKEN_TTL: 'product default (1h)',
  SIGNING_KEY_ROTATION: 'product default (30d)',
  TOKEN_ISSUER: 'product default (roster)',
  USAGE_RECOUNT_EVERY: 'product default (15m)',
  OUTBOX_RELAY_AFTER:
    'product default (10s): long enough not to race a writer that is about to deliver its own changes',
  JOB_LOCK_DURATION: "product default (30s, BullMQ's): a crashed worker's jobs resume within a minute",
  API_PORT: 'the console reads it only when API_URL is unset, and the deployments set API_URL',
  PORT: 'an alias of ADMIN_PORT, which the deployments set',
  HOST: 'an alias of ADMIN_HOST, which the deployments set',
  ORIGIN: 'only behind a TLS proxy; without it the console takes requests as plain HTTP',
  PROTOCOL_HEADER: 'the alternative to ORIGIN',
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
    'false in production: webhook URLs cannot reach private addresses; set true only for receivers inside the network',
  WEBHOOK_RETRY_BASE: 'product default (30s, doubling to 6 h)',
  WEBHOOK_MAX_ATTEMPTS: 'product default (21: about three days of retries)',
  IMPORT_MAX_SIZE: 'product default (512MB): far above a million users’ CSV',
  REDIS_CLUSTER_NODES: 'unset: one Redis at REDIS_URL; a Redis Cluster sets it instead (docs/deploy.md)',
  METRICS_TOKEN:
    'metrics are scraped on the internal METRICS_PORT (API) and WORKER_PORT (worker), which need no token; set it to make them ask for one',
};
