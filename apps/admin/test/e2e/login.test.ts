/**
 * End to end: signing in and out, against a fresh database, the real API and worker, the built console and real Chromium.
 * Needs PostgreSQL (127.0.0.1:5432, user postgres), Redis, /usr/bin/chromium (Debian `chromium`),
 * a built API and worker (`pnpm build`) and a built console (`pnpm --filter @roster/admin build`).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, type Service, startService, stopService, waitForHttp } from './harness';
import { adminEnv, NARROW, openPage as openTab, SCREENSHOTS, type Stack, startStack, WIDE } from './stack';

const adminDir = fileURLToPath(new URL('../../', import.meta.url));

let stack: Stack;
let offlineAdmin: Service | undefined;
let adminUrl = '';
let apiUrl = '';
let offlineAdminUrl = '';
let ADMIN_USERNAME = '';
let ADMIN_PASSWORD = '';

const openPage = (viewport: { width: number; height: number }) => openTab(stack, viewport);

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function sessionCookie() {
  const cookies = (await stack.browser.cookies(adminUrl)) ?? [];
  return cookies.find((cookie) => cookie.name === 'roster_session');
}

beforeAll(async () => {
  stack = await startStack();
  ({ adminUrl, apiUrl } = stack);
  ADMIN_USERNAME = stack.adminUsername;
  ADMIN_PASSWORD = stack.adminPassword;

  // A second console whose API is nowhere: the login form must say so instead of crashing.
  // Port 1: nothing listens there, and outside the ephemeral range a connection to it can never
  // become a self-connection (which a free ephemeral port can, and which then hangs instead of failing).
  const [offlinePort] = (await freePorts(1)) as [number];
  offlineAdminUrl = `http://127.0.0.1:${offlinePort}`;
  offlineAdmin = startService('offline admin console', ['server.js'], {
    cwd: adminDir,
    env: adminEnv(offlinePort, 'http://127.0.0.1:1'),
  });
  await waitForHttp(offlineAdmin, `${offlineAdminUrl}/login`, 200, 30_000);
});

afterAll(async () => {
  await stopService(offlineAdmin);
  await stack?.stop();
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

  it('keeps what was typed (or filled in by a password manager) before the page came to life', async () => {
    const page = await openPage(WIDE);
    // The console's scripts are held back until both fields are filled, as on a slow connection.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${adminUrl}/login`, { waitUntil: 'commit' });
    await page.getByLabel('Username').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    release();
    // Quiet network: the scripts have run and the page has hydrated.
    await page.waitForLoadState('networkidle');
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe(ADMIN_USERNAME);
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/accounts');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
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

  it('never leaves the console after signing in, whatever redirectTo holds (issue 14, item 13)', async () => {
    const otherHost = new URL(offlineAdminUrl).host;
    // Raw query values, as an attacker would put them in a link.
    const vectors = [
      `/%09/${otherHost}/`,
      `/%09%5C${otherHost}/`,
      '/%09/other-host/x',
      '/%09%5Cother-host/x',
      `/%0A/${otherHost}/`,
      '/%5C/other-host',
      '/%0D%0A/other-host',
      '/accounts%0D%0ASet-Cookie:%20injected=1',
      '/accounts%E2%80%A8',
      '/%E2%80%A8/other-host',
    ];
    const onConsole = (url: string) => new URL(url).origin === adminUrl;
    const page = await openPage(WIDE);
    for (const vector of vectors) {
      // Signing in through the form (the action's redirect).
      await page.goto(`${adminUrl}/login?redirectTo=${vector}`);
      await page.getByLabel('Username').fill(ADMIN_USERNAME);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Wherever the browser ends (another host, an error page), the assertion below says where.
      await page
        .waitForURL((url) => !onConsole(url.href) || !url.pathname.startsWith('/login'), { timeout: 15_000 })
        .catch(() => undefined);
      await page.waitForLoadState('load');
      expect(page.url(), vector).toBe(`${adminUrl}/accounts`);

      // Already signed in, /login answers with a redirect the browser follows by itself.
      const response = await page.goto(`${adminUrl}/login?redirectTo=${vector}`);
      expect(response?.status(), vector).toBe(200);
      expect(page.url(), vector).toBe(`${adminUrl}/accounts`);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
    }
    expect((await stack.browser.cookies(adminUrl)).map((cookie) => cookie.name)).not.toContain('injected');
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
    await stack.browser.addCookies([
      { name: 'roster_session', value: 'some-token', url: offlineAdminUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    const response = await page.goto(`${offlineAdminUrl}/`);
    expect(response?.status()).toBe(503);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Roster is unavailable');
    await expect(page.getByText(/cannot be reached/i).isVisible()).resolves.toBe(true);
    await screenshot(page, 'api-down-1280');
    // The Chromium console reports the 503 document itself; that is expected here.
    const problems = stack.browserProblems;
    problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('503')));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    const cookies = await stack.browser.cookies(offlineAdminUrl);
    expect(cookies.find((cookie) => cookie.name === 'roster_session')).toBeUndefined();
    await page.close();
  });

  it('logged no errors in the browser (CSP violations, failed scripts)', () => {
    expect(stack.browserProblems).toEqual([]);
  });
});
