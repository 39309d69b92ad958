/**
 * The built API (`node dist/main.js`) as a child process on a free port and a clone of the test
 * template database — for what app.inject() cannot show: signals, sockets, the process's exit.
 * Build first: `pnpm --filter @roster/api build` (the root `pnpm test` does).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, recreateDatabase } from '@roster/db';
import { type ChildExit, watchChild } from '@roster/ops/testing';
import { inject } from 'vitest';
import { ADMIN, type TestApp } from './harness.js';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(API_DIR, 'dist/main.js');

export interface BuiltApi {
  url: string;
  /** Its database and BullMQ prefix: start a second replica (or a worker) on the same ones. */
  databaseUrl: string;
  queuePrefix: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code and signal once the process is gone. */
  exited: Promise<ChildExit>;
  /** SIGKILLs the process if still running, drops its database. */
  cleanup(): Promise<void>;
}

/** A clear failure instead of a test of yesterday's build. */
function assertBuildIsFresh(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`pnpm --filter @roster/api build\` first`);
  const built = statSync(MAIN).mtimeMs;
  const sources = readdirSync(join(API_DIR, 'src'), { recursive: true, encoding: 'utf8' });
  const newer = sources.find(
    (file) =>
      file.endsWith('.ts') && !file.endsWith('.test.ts') && statSync(join(API_DIR, 'src', file)).mtimeMs > built,
  );
  if (newer) throw new Error(`dist/ is older than src/${newer}: run \`pnpm --filter @roster/api build\` first`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the built API and resolves once GET /api/health/ready answers 200. On a clone of the template database
 * of its own, dropped by cleanup(), unless `databaseUrl` names one (e.g. a TestApp's, to start on its data).
 */
export async function startBuiltApi(
  env: Record<string, string>,
  options: { databaseUrl?: string } = {},
): Promise<BuiltApi> {
  assertBuildIsFresh();
  const { server, template, runId } = inject('testDatabase');
  const databaseUrl = options.databaseUrl ?? `${server}/roster_test_${runId}_${randomBytes(4).toString('hex')}`;
  if (!options.databaseUrl) await recreateDatabase(databaseUrl, template);
  const port = await freePort();
  const queuePrefix = env.ROSTER_QUEUE_PREFIX ?? `test-${runId}-${databaseUrl.slice(-8)}`;
  const child = spawn(process.execPath, [MAIN], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      API_PORT: String(port),
      ROSTER_QUEUE_PREFIX: queuePrefix,
      ROSTER_ADMIN_USERNAME: ADMIN.username,
      ROSTER_ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = watchChild(child);
  const url = `http://127.0.0.1:${port}`;
  const api: BuiltApi = {
    url,
    databaseUrl,
    queuePrefix,
    child,
    output,
    exited,
    async cleanup() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      if (!options.databaseUrl) await dropDatabase(databaseUrl);
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}) during start-up:\n${output()}`);
    const status = await fetch(`${url}/api/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return api;
    if (Date.now() > deadline) {
      await api.cleanup();
      throw new Error(`The API was not ready within 30 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What TestApp offers its requests, over real HTTP to a built API (createAccountWorld and the like take it). */
export type HttpClient = Pick<TestApp, 'request' | 'login'>;

/** TestApp's request and login against `api.url` (no remoteAddress: every request comes from 127.0.0.1). */
export function httpClient(api: Pick<BuiltApi, 'url'>): HttpClient {
  const request: TestApp['request'] = async (method, url, options = {}) => {
    if (options.remoteAddress) throw new Error('httpClient: a real connection cannot choose its address');
    const path = url.startsWith('/api/') || url.startsWith('/scim/') ? url : `/api/v1${url}`;
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        ...options.headers,
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const json = /json/.test(response.headers.get('content-type') ?? 'application/json');
    return {
      status: response.status,
      body: text ? (json ? JSON.parse(text) : text) : undefined,
      headers: Object.fromEntries(response.headers),
    };
  };
  const login = async (username: string, password: string) => {
    const response = await request('POST', '/auth/login', { body: { username, password } });
    if (response.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  };
  return { request, login };
}
