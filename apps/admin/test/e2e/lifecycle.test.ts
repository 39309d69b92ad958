/**
 * End to end: dormant-user policies in the console (issue 18) — an environment's Lifecycle page (policy form with a
 * role exception, the preview with the seats it frees), a tenant's Lifecycle tab (its own policy with a group
 * exception picked by name, "Run now" and the run it makes), and the audit trail naming the policy. Real API, worker
 * and console, real Chromium; the users' last logins are moved back in the database.
 */
import type { Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, screenshots, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', northwind: '', keepers: '' };
const users: Record<string, string> = {};

async function go(to: string): Promise<void> {
  await page.goto(`${stack.adminUrl}${to}`);
}

/** Waits until the element with the test id shows `text` (the page updates after a form's answer). */
async function shows(testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

/** Submits the page's form through its button, and waits for the answer to be shown. */
async function save(label: string | RegExp): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.getByRole('button', { name: label }).click(),
  ]);
  await page.waitForLoadState('networkidle');
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', { name: 'Lifecycle Inc', subscription: { model: 'named' } })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.northwind = (
    await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Northwind' })
  ).id;
  await api(stack, admin, 'PUT', `/environments/${ids.production}/applications/crm`, {
    name: 'CRM',
    roles: [{ key: 'crm.admin', name: 'CRM admin' }],
  });
  ids.keepers = (await api(stack, admin, 'POST', `/tenants/${ids.northwind}/groups`, { name: 'Keepers' })).id;
  for (const name of ['dormant.ada', 'dormant.bob', 'dormant.admin', 'dormant.keeper', 'recent.cleo']) {
    users[name] = (
      await api(stack, admin, 'POST', `/tenants/${ids.northwind}/users`, { username: name, email: `${name}@acme.com` })
    ).id;
  }
  await api(stack, admin, 'PUT', `/tenants/${ids.northwind}/users/${users['dormant.admin']}/roles/crm.admin`, {}, 204);
  await api(stack, admin, 'PUT', `/tenants/${ids.northwind}/groups/${ids.keepers}/members/${users['dormant.keeper']}`);
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE end_users SET created_at = now() - interval '400 days', last_login_at = now() - interval '200 days'
        WHERE tenant_id = $1 AND username LIKE 'dormant.%'`,
      [ids.northwind],
    );
    await db.query(`UPDATE end_users SET last_login_at = now() - interval '2 days' WHERE id = $1`, [
      users['recent.cleo'],
    ]);
  } finally {
    await db.end();
  }
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('dormant-user policies in the console', () => {
  it('sets an environment’s policy with a role exception, and previews it', async () => {
    await go(`/environments/${ids.production}`);
    await shows('environment-lifecycle-summary', 'No dormant-user policy');
    await page.getByRole('link', { name: 'Set a policy' }).click();
    await page.waitForURL(/\/lifecycle$/);

    await page.fill('#environment-policy-deactivate', '90');
    await page.check('#environment-policy-deletes');
    await page.fill('#environment-policy-delete', '30');
    await page.selectOption('#environment-policy-role', 'crm.admin');
    await page.getByRole('button', { name: 'Except role' }).click();
    await page.check('#environment-policy-enabled');
    await save('Save policy');

    await shows('lifecycle-source', 'Enabled');
    // Three dormant users; the CRM admin is excepted.
    await shows('lifecycle-deactivate-count', '3');
    await shows('lifecycle-seats-saved', '3');
    const listed = await page.getByTestId('lifecycle-deactivate-users').locator('tbody tr').allTextContents();
    expect(listed.join(' ')).toMatch(/dormant\.ada/);
    expect(listed.join(' ')).not.toMatch(/dormant\.admin|recent\.cleo/);
    await shows('lifecycle-per-tenant', 'Northwind');
    await screenshots(page, 'environment-lifecycle');
  });

  it('overrides the policy for a tenant with a group exception, runs it, and shows the run', async () => {
    await go(`/tenants/${ids.northwind}/lifecycle`);
    await shows('lifecycle-source', 'Environment’s policy');
    await page.getByRole('combobox', { name: 'Add a group' }).fill('Keep');
    await page.getByRole('option', { name: /Keepers/ }).click();
    await expect(page.getByRole('list', { name: 'Excepted groups' }).textContent()).resolves.toContain('Keepers');
    await save('Save as this tenant’s policy');

    await shows('lifecycle-source', 'This tenant’s own policy');
    await shows('lifecycle-deactivate-count', '2');

    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Run now' }).click();
    // The page follows the run until it ends.
    const runs = page.getByTestId('lifecycle-runs');
    await runs.getByText('Done').waitFor({ timeout: 30_000 });
    const row = await runs.locator('tbody tr').first().textContent();
    expect(row).toMatch(/Run now/);
    expect(row).toMatch(/Tenant’s own/);
    await page.reload();
    await shows('lifecycle-deactivate-count', '0');
    await screenshots(page, 'tenant-lifecycle');
  });

  it('names the policy as the author of the deactivations in the audit trail', async () => {
    await go(`/tenants/${ids.northwind}/audit`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('Dormant-user policy of Northwind');
    expect(text).toContain('User deactivated');
    await screenshots(page, 'tenant-audit-lifecycle');
  });
});
