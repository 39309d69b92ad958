/**
 * The whole of Roster for one end-to-end test file: a throw-away database, the real API and
 * worker, the built console and a headless Chromium, plus the helpers the scenarios share.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  CHROMIUM_PATH,
  createDatabase,
  deleteRedisKeys,
  dropDatabase,
  freePorts,
  randomId,
  REDIS_URL,
  requireFile,
  type Service,
  startService,
  stopService,
  waitForHttp,
} from './harness';

const adminDir = fileURLToPath(new URL('../../', import.meta.url));
const apiMain = fileURLToPath(new URL('../../../api/dist/main.js', import.meta.url));
const workerMain = fileURLToPath(new URL('../../../worker/dist/main.js', import.meta.url));
export const SCREENSHOTS = join(adminDir, 'test-results');

export const WIDE = { width: 1280, height: 800 };
export const NARROW = { width: 400, height: 860 };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Stack {
  apiUrl: string;
  adminUrl: string;
  adminUsername: string;
  adminPassword: string;
  /** A platform-admin session token, for preparing data through the API. */
  adminToken: string;
  /** The run's own database, for the rare state no API call can make (an endpoint Roster disabled). */
  databaseUrl: string;
  browser: BrowserContext;
  /** Console errors and failed page scripts seen so far (CSP violations show up here). */
  browserProblems: string[];
  stop(): Promise<void>;
}

/** Env for the console's server.js: plain HTTP on a chosen port, talking to `apiBase`. */
export function adminEnv(port: number, apiBase: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ADMIN_PORT: String(port),
    API_URL: apiBase,
    NODE_ENV: 'production',
    // As the deployments set it (infra/): import uploads up to the API's 512 MB stream through the console.
    BODY_SIZE_LIMIT: '512M',
  };
  delete env.ORIGIN;
  delete env.PROTOCOL_HEADER;
  delete env.HOST;
  delete env.ADMIN_HOST;
  return env;
}

export async function startStack(): Promise<Stack> {
  requireFile(CHROMIUM_PATH, 'install Chromium with `apt-get install -y chromium` (or set CHROMIUM_PATH)');
  requireFile(apiMain, 'build the API first: `pnpm --filter @roster/api build`');
  requireFile(workerMain, 'build the worker first: `pnpm --filter @roster/worker build`');
  requireFile(join(adminDir, 'build/handler.js'), 'build the console first: `pnpm --filter @roster/admin build`');
  mkdirSync(SCREENSHOTS, { recursive: true });

  const runId = randomId();
  const databaseName = `roster_e2e_${runId}`;
  const queuePrefix = `e2e-${runId}`;
  const adminUsername = 'admin';
  const adminPassword = `e2e-${randomId(8)}-Pw`;
  const services: Service[] = [];
  let databaseCreated = false;
  let userDataDir: string | undefined;
  let browser: BrowserContext | undefined;

  const stop = async () => {
    const problems: unknown[] = [];
    const attempt = async (what: string, step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        problems.push(new Error(`Clean-up failed (${what}): ${String(error)}`));
      }
    };
    await attempt('browser', async () => browser?.close());
    for (const service of services.reverse()) await attempt(service.name, () => stopService(service));
    if (databaseCreated) await attempt('database', () => dropDatabase(databaseName));
    await attempt('redis keys', () => deleteRedisKeys(queuePrefix));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    if (problems.length > 0) throw new AggregateError(problems, 'End-to-end clean-up was incomplete');
  };

  try {
    const databaseUrl = await createDatabase(databaseName);
    databaseCreated = true;
    const [apiPort, adminPort, workerPort] = (await freePorts(3)) as [number, number, number];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const adminUrl = `http://127.0.0.1:${adminPort}`;
    const backendEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      REDIS_URL,
      ROSTER_QUEUE_PREFIX: queuePrefix,
      ROSTER_ADMIN_USERNAME: adminUsername,
      ROSTER_ADMIN_PASSWORD: adminPassword,
      NODE_ENV: 'test',
    };
    delete backendEnv.API_HOST;

    const api = startService('API', [apiMain], { cwd: adminDir, env: backendEnv });
    services.push(api);
    await waitForHttp(api, `${apiUrl}/api/health`, 200, 120_000);
    // The worker checks the schema at start, so it follows the API's migrations.
    const worker = startService('worker', [workerMain], { cwd: adminDir, env: backendEnv });
    services.push(worker);
    const admin = startService('admin console', ['server.js'], { cwd: adminDir, env: adminEnv(adminPort, apiUrl) });
    services.push(admin);
    await waitForHttp(admin, `${adminUrl}/login`, 200, 30_000);

    userDataDir = mkdtempSync(join(tmpdir(), 'roster-e2e-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: WIDE,
    });
    const adminToken = await apiToken(apiUrl, adminUsername, adminPassword);
    return {
      apiUrl,
      adminUrl,
      adminUsername,
      adminPassword,
      adminToken,
      databaseUrl,
      browser,
      browserProblems: [],
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** Signs an operator in through the API and returns the session token. */
export async function apiToken(apiUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`Login of ${username} failed: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Calls the API as `token`; fails the test on any status but `expected`. */
export async function api<T = any>(
  stack: Pick<Stack, 'apiUrl'>,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  expected?: number,
): Promise<T> {
  const response = await fetch(`${stack.apiUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const want = expected ?? (method === 'POST' ? 201 : method === 'DELETE' || method === 'PUT' ? [200, 201, 204] : 200);
  const ok = Array.isArray(want) ? want.includes(response.status) : response.status === want;
  if (!ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A new tab that records console errors and failed scripts into the stack's problems. */
export async function openPage(stack: Stack, viewport = WIDE): Promise<Page> {
  const page = await stack.browser.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (message) => {
    if (message.type() === 'error') stack.browserProblems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => stack.browserProblems.push(`${page.url()}: ${error.message}`));
  return page;
}

/**
 * Signs in through the login form and waits until the console has left /login; if it stays, fails saying what the
 * console answered (its error), or that it answered nothing.
 */
export async function signIn(stack: Stack, page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${stack.adminUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const left = await page
    .waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (left) return;
  const said = await page
    .getByTestId('login-error')
    .textContent({ timeout: 500 })
    .catch(() => null);
  throw new Error(`Signing in as ${username} stayed on /login${said ? `: ${said.trim()}` : ' with no answer'}`);
}

/** Makes an owner of the account (through the API, as the platform admin) and opens a page signed in as it. */
export async function openAsNewOwner(
  stack: Stack,
  adminToken: string,
  accountId: string,
  username: string,
  password: string,
): Promise<Page> {
  await api(stack, adminToken, 'POST', `/accounts/${accountId}/operators`, { username, password, role: 'owner' });
  const page = await openPage(stack);
  await signIn(stack, page, username, password);
  return page;
}

/**
 * Saves the page at 1280 px and at 400 px (`<name>-1280.png`, `<name>-400.png`), checking that the
 * narrow window never scrolls sideways, then restores the wide window.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize(WIDE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize(NARROW);
  // Let resize observers (the usage chart) lay out again, as they would for a person narrowing the window.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows a 400 px window by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-400.png`), fullPage: true });
  await page.setViewportSize(WIDE);
}
