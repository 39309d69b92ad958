/**
 * End to end: destructive actions say exactly what they destroy. A bulk selection never outlives the
 * search or filters it was made under; deleting users lists every one of them (those on other pages too)
 * and, for more than a few, asks for their number to be typed; deleting a tenant asks for its name, as
 * deleting an account does — and the console's server checks both, not only the dialog.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, SCREENSHOTS, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;
/** One more than a page of the users list (50). */
const MEMBERS = Array.from({ length: 55 }, (_, index) => `member.${String(index + 1).padStart(2, '0')}`);
const OUTSIDERS = ['outside.one', 'outside.two', 'outside.three'];

let stack: Stack;
let page: Page;
const ids = { account: '', tenant: '', doomedTenant: '' };
const users = new Map<string, string>();

const usersPath = () => `/tenants/${ids.tenant}/users`;

async function go(to: string): Promise<void> {
  const response = await page.goto(`${stack.adminUrl}${to}`);
  expect(response?.status(), to).toBe(200);
}

async function rowCount(count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="user-row"]').length === n, count);
}

/** Posts a form action as the signed-in operator, the way a form without the dialog's checks would. */
async function postAction(path: string, fields: Record<string, string>): Promise<{ type: string; status?: number }> {
  return page.evaluate(
    async ({ path, fields }) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      const response = await fetch(path, { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } });
      return (await response.json()) as { type: string; status?: number };
    },
    { path, fields },
  );
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', {
      name: 'Northwind Traders',
      subscription: { model: 'internal-external', internalLimit: 500, externalLimit: 500 },
    })
  ).id;
  const production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.tenant = (await api(stack, admin, 'POST', `/environments/${production}/tenants`, { name: 'Northwind' })).id;
  ids.doomedTenant = (await api(stack, admin, 'POST', `/environments/${production}/tenants`, { name: 'Contoso' })).id;
  for (const username of [...MEMBERS, ...OUTSIDERS]) {
    users.set(username, (await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, { username })).id);
  }
  await api(stack, admin, 'POST', `/tenants/${ids.doomedTenant}/users`, { username: 'contoso.user' });
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
});

afterAll(async () => {
  await stack?.stop();
});

describe('bulk delete of users (issue 14, item 14)', () => {
  it('clears the selection, and says so, when the search or a filter changes', async () => {
    await go(usersPath());
    await rowCount(50);
    await page.getByTestId('select-page').check();
    await expect(page.getByTestId('selection-count').textContent()).resolves.toContain('50 users selected');

    await page.getByLabel('Search users by username, name or email').fill('outside');
    await page.waitForURL((url) => url.searchParams.get('search') === 'outside');
    await rowCount(3);
    const notice = page.getByTestId('selection-cleared');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('the selection of 50 users was cleared');
    await expect(page.getByTestId('bulk-bar').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'confirm-selection-cleared-1280.png') });

    // A new selection starts from nothing: one row ticked is one user to delete, named.
    await page.getByRole('checkbox', { name: 'Select outside.one' }).check();
    await expect(page.getByTestId('selection-count').textContent()).resolves.toMatch(/^\s*1 user selected\s*·/);
    await expect(notice.count()).resolves.toBe(0);
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.locator('dialog[open]');
    await expect(dialog.getByRole('heading').textContent()).resolves.toBe('Delete 1 user?');
    await expect(dialog.getByTestId('bulk-delete-list').locator('li').allTextContents()).resolves.toEqual([
      'outside.one',
    ]);
    await expect(dialog.getByLabel(/^Type \d+ to confirm/).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // A filter other than the search does the same.
    await page.getByTestId('filter-status').selectOption('true');
    await page.waitForURL((url) => url.searchParams.get('isActive') === 'true');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('the selection of 1 user was cleared');
    await expect(page.getByTestId('bulk-bar').count()).resolves.toBe(0);
  });

  it('keeps the selection across pages, lists every user to delete, and asks for their number', async () => {
    await go(usersPath());
    await rowCount(50);
    await page.getByTestId('select-page').check();
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL((url) => url.searchParams.has('cursor'));
    await page.getByRole('checkbox', { name: 'Select member.51' }).check();
    await expect(page.getByTestId('selection-count').textContent()).resolves.toContain('51 users selected');
    await expect(page.getByTestId('selection-cleared').count()).resolves.toBe(0);

    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.locator('dialog[open]');
    await expect(dialog.getByRole('heading').textContent()).resolves.toBe('Delete 51 users?');
    const list = dialog.getByTestId('bulk-delete-list');
    // Every one of them by name, the 50 not on this page included.
    await expect(list.locator('li').allTextContents()).resolves.toEqual(MEMBERS.slice(0, 51));
    // The list scrolls inside a dialog that fits the window.
    const fits = await list.evaluate((element) => ({
      scrolls: element.scrollHeight > element.clientHeight,
      dialogBottom: element.closest('dialog')!.getBoundingClientRect().bottom,
      viewport: window.innerHeight,
    }));
    expect(fits.scrolls).toBe(true);
    expect(fits.dialogBottom).toBeLessThanOrEqual(fits.viewport);

    const confirm = dialog.getByRole('button', { name: 'Delete 51 users' });
    const typed = dialog.getByLabel('Type 51 to confirm deleting 51 users');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await typed.fill('50');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await typed.fill('51');
    await page.screenshot({ path: join(SCREENSHOTS, 'confirm-bulk-delete-1280.png') });
    await confirm.click();
    await page.getByTestId('bulk-result').waitFor();
    await expect(page.getByTestId('bulk-result-headline').textContent()).resolves.toMatch(/Deleted 51 users/);

    const left = await api(stack, stack.adminToken, 'GET', `/tenants/${ids.tenant}/users`);
    expect(left.items.map((user: { username: string }) => user.username).sort()).toEqual(
      [...MEMBERS.slice(51), ...OUTSIDERS].sort(),
    );
  });

  it('refuses, on the server, to delete more than a few users without their number typed', async () => {
    const remaining = [...MEMBERS.slice(51), ...OUTSIDERS].map((username) => users.get(username)!);
    expect(remaining.length).toBeGreaterThan(5);
    const result = await postAction(`${usersPath()}?/bulk`, { action: 'delete', userIds: remaining.join(',') });
    expect(result).toMatchObject({ type: 'failure', status: 400 });
    const left = await api(stack, stack.adminToken, 'GET', `/tenants/${ids.tenant}/users`);
    expect(left.items).toHaveLength(remaining.length);
  });

  it('names an anonymous user in the list too, though it has no username', async () => {
    await api(stack, stack.adminToken, 'POST', `/tenants/${ids.tenant}/users`, {
      kind: 'anonymous',
      externalId: 'device-7',
    });
    await go(`${usersPath()}?kind=anonymous`);
    await rowCount(1);
    await page.getByRole('checkbox', { name: 'Select anonymous user device-7' }).check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.locator('dialog[open]');
    await expect(dialog.getByTestId('bulk-delete-list').locator('li').allTextContents()).resolves.toEqual([
      'anonymous user device-7',
    ]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('deleting a tenant (issue 14, item 15)', () => {
  it('asks for the tenant’s name to be typed, and checks it on the server too', async () => {
    const settings = `/tenants/${ids.doomedTenant}/settings`;
    await go(settings);
    // Without the typed name, the action refuses and the tenant stays.
    await expect(postAction(`${settings}?/deleteTenant`, {})).resolves.toMatchObject({ type: 'failure', status: 400 });
    await expect(postAction(`${settings}?/deleteTenant`, { confirmName: 'contoso' })).resolves.toMatchObject({
      type: 'failure',
      status: 400,
    });
    await api(stack, stack.adminToken, 'GET', `/tenants/${ids.doomedTenant}`);

    await page.getByRole('button', { name: 'Delete tenant' }).click();
    const dialog = page.locator('dialog[open]');
    await expect(dialog.getByRole('heading').textContent()).resolves.toBe('Delete Contoso?');
    await expect(dialog.textContent()).resolves.toMatch(/every user/);
    const confirm = dialog.getByRole('button', { name: 'Delete tenant and its users' });
    const typed = dialog.getByLabel('Type Contoso to confirm');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await typed.fill('Contos');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await typed.fill('Contoso');
    await page.screenshot({ path: join(SCREENSHOTS, 'confirm-delete-tenant-1280.png') });
    await confirm.click();
    await page.waitForURL((url) => url.pathname === `/accounts/${ids.account}/tenants`);
    await page.getByTestId('toast').filter({ hasText: 'Tenant deleted' }).waitFor();
    await api(stack, stack.adminToken, 'GET', `/tenants/${ids.doomedTenant}`, undefined, 404);
    // The other tenant is untouched.
    await api(stack, stack.adminToken, 'GET', `/tenants/${ids.tenant}`);
  });

  it('deletes an account with the same typed confirmation (the shared dialog)', async () => {
    const fabrikam = await api(stack, stack.adminToken, 'POST', '/accounts', {
      name: 'Fabrikam',
      subscription: { model: 'internal-external', internalLimit: 10, externalLimit: 10 },
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(stack, page, stack.adminUsername, stack.adminPassword);
    await go('/accounts');
    await page.getByRole('button', { name: 'Delete Fabrikam' }).click();
    const dialog = page.locator('dialog[open]');
    const confirm = dialog.getByRole('button', { name: 'Delete account' });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Type Fabrikam to confirm').fill('Fabrikam');
    await confirm.click();
    await page.getByTestId('toast').filter({ hasText: 'Fabrikam' }).waitFor();
    await api(stack, stack.adminToken, 'GET', `/accounts/${fabrikam.id}`, undefined, 404);
    await api(stack, stack.adminToken, 'GET', `/accounts/${ids.account}`);
  });

  it('logged no errors in the browser (CSP violations, failed scripts)', () => {
    // The refused posts above are reported by Chromium as failed loads (400).
    expect(stack.browserProblems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
  });
});
