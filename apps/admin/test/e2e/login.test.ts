/**
 * End to end: a fresh database, the real API, the built console and real Chromium.
 * Needs PostgreSQL (127.0.0.1:5432, user postgres), Redis, /usr/bin/chromium (Debian `chromium`),
 * a built API (`pnpm --filter @roster/api build`) and a built console (`pnpm --filter @roster/admin build`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const screenshots = join(adminDir, 'test-results');

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 400, height: 860 };
const ADMIN_USERNAME = 'admin';
const ADMIN_PASSWORD = `e2e-${randomId(8)}-Pw`;

const runId = randomId();
const databaseName = `roster_e2e_${runId}`;
const queuePrefix = `e2e-${runId}`;

let api: Service | undefined;
let admin: Service | undefined;
let offlineAdmin: Service | undefined;
let context: BrowserContext | undefined;
let userDataDir: string | undefined;
let databaseCreated = false;
let apiUrl = '';
let adminUrl = '';
let offlineAdminUrl = '';
/** Console errors and failed page scripts (CSP violations show up here). */
const browserProblems: string[] = [];

function adminEnv(port: number, apiBase: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ADMIN_PORT: String(port), API_URL: apiBase, NODE_ENV: 'production' };
  delete env.ORIGIN;
  delete env.PROTOCOL_HEADER;
  delete env.HOST;
  delete env.ADMIN_HOST;
  return env;
}

async function openPage(viewport: { width: number; height: number }): Promise<Page> {
  if (!context) throw new Error('The browser did not start');
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (message) => {
    if (message.type() === 'error') browserProblems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => browserProblems.push(`${page.url()}: ${error.message}`));
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function sessionCookie() {
  const cookies = (await context?.cookies(adminUrl)) ?? [];
  return cookies.find((cookie) => cookie.name === 'roster_session');
}

beforeAll(async () => {
  requireFile(CHROMIUM_PATH, 'install Chromium with `apt-get install -y chromium` (or set CHROMIUM_PATH)');
  requireFile(apiMain, 'build the API first: `pnpm --filter @roster/api build`');
  requireFile(join(adminDir, 'build/handler.js'), 'build the console first: `pnpm --filter @roster/admin build`');
  mkdirSync(screenshots, { recursive: true });

  const databaseUrl = await createDatabase(databaseName);
  databaseCreated = true;

  const [apiPort, adminPort, offlinePort] = (await freePorts(3)) as [number, number, number];
  // Port 1: nothing listens there, and outside the ephemeral range a connection to it can never
  // become a self-connection (which a free ephemeral port can, and which then hangs instead of failing).
  const nowherePort = 1;
  apiUrl = `http://127.0.0.1:${apiPort}`;
  const apiEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    API_PORT: String(apiPort),
    REDIS_URL,
    ROSTER_QUEUE_PREFIX: queuePrefix,
    ROSTER_ADMIN_USERNAME: ADMIN_USERNAME,
    ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD,
    NODE_ENV: 'test',
  };
  delete apiEnv.API_HOST;
  api = startService('API', [apiMain], { cwd: adminDir, env: apiEnv });

  adminUrl = `http://127.0.0.1:${adminPort}`;
  admin = startService('admin console', ['server.js'], { cwd: adminDir, env: adminEnv(adminPort, apiUrl) });

  // A second console whose API is nowhere: the login form must say so instead of crashing.
  offlineAdminUrl = `http://127.0.0.1:${offlinePort}`;
  offlineAdmin = startService('offline admin console', ['server.js'], {
    cwd: adminDir,
    env: adminEnv(offlinePort, `http://127.0.0.1:${nowherePort}`),
  });

  await Promise.all([
    waitForHttp(api, `${apiUrl}/api/health`, 200, 120_000),
    waitForHttp(admin, `${adminUrl}/login`, 200, 30_000),
    waitForHttp(offlineAdmin, `${offlineAdminUrl}/login`, 200, 30_000),
  ]);

  userDataDir = mkdtempSync(join(tmpdir(), 'roster-e2e-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: WIDE,
  });
});

afterAll(async () => {
  const problems: unknown[] = [];
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      problems.push(new Error(`Clean-up failed (${what}): ${String(error)}`));
    }
  };
  await attempt('browser', async () => context?.close());
  await attempt('admin console', () => stopService(admin));
  await attempt('offline admin console', () => stopService(offlineAdmin));
  await attempt('API', () => stopService(api));
  if (databaseCreated) await attempt('database', () => dropDatabase(databaseName));
  await attempt('redis keys', () => deleteRedisKeys(queuePrefix));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  if (problems.length > 0) throw new AggregateError(problems, 'End-to-end clean-up was incomplete');
});

describe('signing in to the admin console', () => {
  it('sends a visitor without a session to /login', async () => {
    const page = await openPage(WIDE);
    await page.goto(`${adminUrl}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Password').isVisible()).resolves.toBe(true);
    await screenshot(page, 'login-1280');

    await page.setViewportSize(NARROW);
    await screenshot(page, 'login-400');
    await page.close();
  });

  it('shows an error next to the form for a wrong password', async () => {
    const page = await openPage(WIDE);
    await page.goto(`${adminUrl}/login`);
    await page.getByLabel('Username').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/username or password is incorrect/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    // The username stays, the password is cleared for the next try.
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe(ADMIN_USERNAME);
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
    expect(await sessionCookie()).toBeUndefined();
    await screenshot(page, 'login-error-1280');
    await page.close();
  });

  it('signs in with the keyboard, shows the shell, and signs out', async () => {
    const page = await openPage(WIDE);
    await page.goto(`${adminUrl}/`);
    await page.waitForURL((url) => url.pathname === '/login');

    // The username field has focus on arrival; Tab moves to the password, Enter submits.
    await page.waitForFunction(() => document.activeElement?.id === 'username');
    await page.keyboard.type(ADMIN_USERNAME);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    // The platform admin starts at the list of accounts.
    await page.waitForURL((url) => url.pathname === '/accounts');

    await expect(page.getByTestId('operator-username').textContent()).resolves.toBe('admin');
    await expect(page.getByTestId('operator-role').textContent()).resolves.toBe('platform-admin');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Accounts');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByText('Accounts', { exact: true }).isVisible()).resolves.toBe(true);

    // The token lives in an httpOnly, SameSite=Lax cookie, out of reach of page scripts.
    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    await expect(page.evaluate(() => document.cookie)).resolves.not.toContain('roster_session');
    await expect(
      page.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length),
    ).resolves.toBe(0);
    await screenshot(page, 'shell-1280');

    await page.setViewportSize(NARROW);
    await expect(page.getByTestId('operator-username').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'shell-400');
    await page.setViewportSize(WIDE);

    // Signed in, /login leads home.
    await page.goto(`${adminUrl}/login`);
    await page.waitForURL((url) => url.pathname === '/accounts');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('signed-out').waitFor();
    expect(await sessionCookie()).toBeUndefined();

    // The API no longer accepts the token either.
    const me = await fetch(`${apiUrl}/api/v1/me`, { headers: { authorization: `Bearer ${cookie?.value}` } });
    expect(me.status).toBe(401);

    await page.goto(`${adminUrl}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.close();
  });

  it('brings the operator back to the page they asked for', async () => {
    const page = await openPage(WIDE);
    await page.goto(`${adminUrl}/accounts?from=bookmark`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/accounts?from=bookmark');
    await page.getByLabel('Username').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/accounts' && url.search === '?from=bookmark');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.close();
  });

  it('says clearly when the API cannot be reached', async () => {
    const page = await openPage(WIDE);
    await page.goto(`${offlineAdminUrl}/login`);
    await page.getByLabel('Username').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/cannot be reached/i);
    await page.close();
  });

  it('keeps a session while the API is down, and still lets the operator sign out', async () => {
    const page = await openPage(WIDE);
    await context?.addCookies([
      { name: 'roster_session', value: 'some-token', url: offlineAdminUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    const response = await page.goto(`${offlineAdminUrl}/`);
    expect(response?.status()).toBe(503);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Roster is unavailable');
    await expect(page.getByText(/cannot be reached/i).isVisible()).resolves.toBe(true);
    await screenshot(page, 'api-down-1280');
    // The Chromium console reports the 503 document itself; that is expected here.
    browserProblems.splice(0, browserProblems.length, ...browserProblems.filter((p) => !p.includes('503')));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    const cookies = (await context?.cookies(offlineAdminUrl)) ?? [];
    expect(cookies.find((cookie) => cookie.name === 'roster_session')).toBeUndefined();
    await page.close();
  });

  it('logged no errors in the browser (CSP violations, failed scripts)', () => {
    expect(browserProblems).toEqual([]);
  });
});
