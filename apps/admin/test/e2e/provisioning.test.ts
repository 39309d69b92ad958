/**
 * End to end: a tenant's Provisioning page (issue 17). An owner reads the SCIM base URL, creates a SCIM token and
 * sees it once, an identity provider (this test, with fetch) provisions a user with it, the request shows in the
 * latest SCIM requests with its outcome, and a revoked token stops at once. Real API, built console, real Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, screenshots, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;

let stack: Stack;
let page: Page;
let token = '';
const ids = { account: '', production: '', tenant: '' };

/** A SCIM request as an identity provider makes it. */
async function scim(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const response = await fetch(`${stack.apiUrl}/scim/v2/tenants/${ids.tenant}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token ?? token}`,
      ...(init.body ? { 'content-type': 'application/scim+json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

/** Readies the page for a screenshot: the mouse away from hover styles, scrolled to the top (see webhooks.test.ts). */
async function settle(): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', { name: 'Provisioned Ltd', subscription: { model: 'named' } })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.tenant = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Contoso' })).id;
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('Provisioning page', () => {
  it('is a tab of the tenant, with the base URL to paste and no token yet', async () => {
    await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/users`);
    await page.getByRole('link', { name: 'Provisioning' }).click();
    await page.waitForURL(`**/tenants/${ids.tenant}/provisioning`);
    await expect(page.getByTestId('scim-base-url').textContent()).resolves.toBe(
      `${stack.apiUrl}/scim/v2/tenants/${ids.tenant}`,
    );
    // The console's own address to the API was shown: it says how to show the public one.
    await expect(page.getByTestId('base-url-warning').isVisible()).resolves.toBe(true);
    await expect(page.getByText('No SCIM tokens yet').isVisible()).resolves.toBe(true);
    await expect(page.getByText('No SCIM requests yet').isVisible()).resolves.toBe(true);
  });

  it('creates a token and shows it once', async () => {
    await page.getByRole('button', { name: 'Create SCIM token' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByText('Name the token after the identity provider').waitFor();
    await dialog.getByLabel('Name').fill('Entra ID');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('new-scim-token').waitFor();
    token = await page.getByTestId('new-scim-token-value').inputValue();
    expect(token).toMatch(/^rst_scim_/);
    await expect(page.getByTestId('scim-tokens-table').textContent()).resolves.toContain('Entra ID');
    await settle();
    await screenshots(page, 'provisioning-token');
    await page.getByRole('button', { name: 'I have stored the token' }).click();
    await page.reload();
    await expect(page.content()).resolves.not.toContain(token);
  });

  it('lists the identity provider’s requests with their outcome', async () => {
    const created = await scim('/Users', {
      method: 'POST',
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@contoso.example' },
    });
    expect(created.status).toBe(201);
    const refused = await scim('/Users', {
      method: 'POST',
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
    });
    expect(refused.status).toBe(400);
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('scim-request-row').count();
      })
      .toBe(2);
    const rows = page.getByTestId('scim-request-row');
    await expect(rows.nth(0).textContent()).resolves.toMatch(
      /POST[\s\S]*\/Users[\s\S]*400[\s\S]*invalidValue[\s\S]*Entra ID/,
    );
    await expect(rows.nth(1).textContent()).resolves.toMatch(/POST[\s\S]*\/Users[\s\S]*201/);
    await settle();
    await screenshots(page, 'provisioning-requests');
  });

  it('revokes the token, which stops at once', async () => {
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('No SCIM tokens yet').waitFor();
    expect((await scim('/Users')).status).toBe(401);
    // Its requests stay listed, now from a token without a name.
    await expect(page.getByTestId('scim-request-row').nth(0).textContent()).resolves.toContain('revoked token');
    expect(stack.browserProblems).toEqual([]);
  });

  it('is not offered to a tenant-admin', async () => {
    const username = await signInAs('tenant-admin');
    await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/users`);
    await expect(page.getByRole('link', { name: 'Provisioning' }).count()).resolves.toBe(0);
    const response = await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/provisioning`);
    expect(response?.status(), username).toBe(403);
  });

  it('is not offered to billing', async () => {
    await signInAs('billing');
    const response = await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/provisioning`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('link', { name: 'Provisioning' }).count()).resolves.toBe(0);
  });
});

/** Signs the page out, then in as a new operator of the account with this role (a tenant-admin of the tenant). */
async function signInAs(role: 'tenant-admin' | 'billing'): Promise<string> {
  const username = `${role}-${randomId()}`;
  await api(stack, stack.adminToken, 'POST', `/accounts/${ids.account}/operators`, {
    username,
    password: PASSWORD,
    role,
    ...(role === 'tenant-admin' ? { tenantIds: [ids.tenant] } : {}),
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await signIn(stack, page, username, PASSWORD);
  return username;
}
