import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { dropDatabase, recreateDatabase } from '@roster/db';
import type { DestinationStream } from '@roster/logging';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../src/app.factory.js';
import { type Config, loadConfig } from '../src/config/config.js';
import { createApiLogger } from '../src/logging/api-logger.js';

export const ADMIN = { username: 'root-admin', password: 'platform-admin-password' };

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: Config;
  /** A direct connection to this file's database, for setting up what the API cannot (expired sessions …). */
  db: pg.Pool;
  request<T = any>(
    method: string,
    url: string,
    options?: {
      token?: string | null;
      body?: unknown;
      headers?: Record<string, string>;
      /** The client's address as the server sees the connection (default 127.0.0.1). */
      remoteAddress?: string;
    },
  ): Promise<Response<T>>;
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  close(): Promise<void>;
}

/** Starts the real API on a fresh clone of the migrated template database, with a Redis prefix per run. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    signIn?: boolean;
    /** Where the app's log lines go instead of stdout (always JSON), for a test that reads them. */
    logDestination?: DestinationStream;
  } = {},
): Promise<TestApp> {
  const { server, template, runId } = inject('testDatabase');
  const databaseUrl = `${server}/roster_test_${runId}_${randomBytes(4).toString('hex')}`;
  await recreateDatabase(databaseUrl, template);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Per app, so Redis state (queues, login counters) never leaks between test files.
    ROSTER_QUEUE_PREFIX: `test-${runId}-${databaseUrl.slice(-8)}`,
    ROSTER_ADMIN_USERNAME: ADMIN.username,
    ROSTER_ADMIN_PASSWORD: ADMIN.password,
    NODE_ENV: 'test',
    // Quiet unless asked (many tests provoke failures on purpose): LOG_LEVEL=error pnpm test shows them.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app = await createApp(config, { logger: await createApiLogger(config, options.logDestination) });
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });

  const request: TestApp['request'] = async (method, url, options = {}) => {
    const response = await app.inject({
      method: method as 'GET',
      url: url.startsWith('/api/') || url.startsWith('/scim/') ? url : `/api/v1${url}`,
      headers: { ...options.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
    const text = response.body;
    // JSON (and problem+json) parsed; anything else (a CSV) as the text it is.
    const json = /json/.test(String(response.headers['content-type'] ?? 'application/json'));
    return {
      status: response.statusCode,
      body: text ? (json ? JSON.parse(text) : text) : undefined,
      headers: response.headers,
    };
  };
  const login = async (username: string, password: string) => {
    const response = await request('POST', '/auth/login', { body: { username, password } });
    if (response.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  };

  return {
    app,
    config,
    db,
    request,
    login,
    // An app started without Redis cannot sign anyone in (logins fail closed).
    adminToken: options.signIn === false ? '' : await login(ADMIN.username, ADMIN.password),
    async close() {
      await app.close();
      await db.end();
      await dropDatabase(databaseUrl);
    },
  };
}

let counter = 0;
/** A name no other test in this run uses. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Fails the test with the response body when the status is not what was expected. */
export function expectStatus<T>(response: Response<T>, status: number): Response<T> {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** Calls `read` until `done` holds for its value; fails with the last value after `timeoutMs`. */
export async function pollUntil<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
