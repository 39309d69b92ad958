/**
 * End to end: brute-force blocks in the console (issue 14 items 8a and 18) — a user's blocked status with
 * Unblock enabled only while blocked, the right message for an inactive user, and the tenant's list of blocked
 * addresses and (username, address) pairs with Unblock per row. Real API, built console, real Chromium.
 * Every failed login here comes from 127.0.0.1, the address the API sees for this test's requests.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, screenshots, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', northwind: '', contoso: '', active: '', inactive: '' };

/** A failed end-user login through the API (401 expected). */
async function failLogin(tenantId: string, username: string): Promise<void> {
  const response = await fetch(`${stack.apiUrl}/api/v1/tenants/${tenantId}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'not the password' }),
  });
  expect(response.status).toBe(401);
}

async function go(to: string): Promise<void> {
  await page.goto(`${stack.adminUrl}${to}`);
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', { name: 'Blocks Inc', subscription: { model: 'named' } })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.northwind = (
    await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Northwind' })
  ).id;
  ids.contoso = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Contoso' })).id;
  ids.active = (
    await api(stack, admin, 'POST', `/tenants/${ids.northwind}/users`, { username: 'ada.active', password: PASSWORD })
  ).id;
  ids.inactive = (
    await api(stack, admin, 'POST', `/tenants/${ids.northwind}/users`, {
      username: 'ivan.inactive',
      password: PASSWORD,
      isActive: false,
    })
  ).id;
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('login blocks in the console', () => {
  it('shows a user as not blocked, with Unblock disabled', async () => {
    await go(`/tenants/${ids.northwind}/users/${ids.active}`);
    await expect(page.getByTestId('user-block-status').textContent()).resolves.toContain('Not blocked now.');
    await expect(page.getByTestId('unblock-user').isDisabled()).resolves.toBe(true);
  });

  it('shows a blocked user’s address and end, and Unblock lifts it', async () => {
    for (let i = 0; i < 3; i += 1) await failLogin(ids.northwind, 'ada.active');
    await go(`/tenants/${ids.northwind}/users/${ids.active}`);
    const status = page.getByTestId('user-block-status');
    await expect(status.textContent()).resolves.toMatch(
      /Blocked from signing in after repeated failures, from 127\.0\.0\.1, until/,
    );
    await expect(page.getByTestId('unblock-user').isEnabled()).resolves.toBe(true);
    await screenshots(page, 'user-blocked');

    await page.getByTestId('unblock-user').click();
    await page
      .getByTestId('toast')
      .filter({ hasText: 'Login block lifted: the user can sign in again at once.' })
      .waitFor();
    await expect(status.textContent()).resolves.toContain('Not blocked now.');
    await expect(page.getByTestId('unblock-user').isDisabled()).resolves.toBe(true);
    const after = await api(
      stack,
      stack.adminToken,
      'GET',
      `/tenants/${ids.northwind}/users/${ids.active}/login-block`,
    );
    expect(after).toEqual({ blocked: false, until: null, blocks: [] });
  });

  it('does not promise an inactive user can sign in once unblocked', async () => {
    for (let i = 0; i < 3; i += 1) await failLogin(ids.northwind, 'ivan.inactive');
    await go(`/tenants/${ids.northwind}/users/${ids.inactive}`);
    await expect(page.getByTestId('user-block-status').textContent()).resolves.toContain('The user is also inactive.');
    await page.getByTestId('unblock-user').click();
    await page
      .getByTestId('toast')
      .filter({ hasText: 'Login block lifted. The user is inactive, so they still cannot sign in until activated.' })
      .waitFor();
    await expect(page.getByTestId('user-block-status').textContent()).resolves.toContain(
      'Not blocked now, but inactive: the user cannot sign in until activated.',
    );
    await expect(page.getByTestId('unblock-user').isDisabled()).resolves.toBe(true);
  });

  it('lists the tenant’s blocked addresses and pairs, and unblocks one', async () => {
    await go(`/tenants/${ids.contoso}/login-blocks`);
    await page.getByTestId('empty-state').filter({ hasText: 'No login blocks' }).waitFor();

    // Three failures of a name no user has block the pair; seventeen more names bring the address to twenty.
    for (let i = 0; i < 3; i += 1) await failLogin(ids.contoso, 'my secret password');
    for (let i = 0; i < 17; i += 1) await failLogin(ids.contoso, `guess-${i}`);
    await page.reload();
    const rows = page.getByTestId('login-block');
    await expect(rows.count()).resolves.toBe(2);
    const text = await page.getByTestId('login-blocks').textContent();
    expect(text).toContain('unknown username');
    expect(text).toContain('every user');
    expect(text).not.toContain('my secret password');
    await screenshots(page, 'login-blocks');

    await rows.filter({ hasText: 'every user' }).getByTestId('lift-block').click();
    await page.getByTestId('toast').filter({ hasText: 'Block lifted' }).waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('unknown username');
    const { items } = await api(stack, stack.adminToken, 'GET', `/tenants/${ids.contoso}/login-blocks`);
    expect(items.map((block: { kind: string }) => block.kind)).toEqual(['user-address']);
    expect(stack.browserProblems).toEqual([]);
  });
});
