/**
 * End to end: expiring role grants in the console (issue 18). On a user's page, a group's page and in the Users
 * page's bulk "Grant role" dialog a role is granted with an optional end (a UTC date and time); the expiry shows
 * beside the grant, the API holds it, an end in the past is refused at its field, and a grant without one shows none
 * (a bulk grant without one takes a held grant's end away, as its dialog says). Screenshots land in test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, screenshots, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', tenant: '', user: '', group: '' };
/** Users for the bulk grant; team.one holds crm.read until HELD_UNTIL before it. */
const team: Record<string, string> = {};
const HELD_UNTIL = new Date(Math.ceil((Date.now() + 20 * 86_400_000) / 60_000) * 60_000).toISOString();

/** A whole minute `days` from now, as a datetime-local field takes it (UTC) and as the API answers it. */
function daysAhead(days: number): { field: string; iso: string } {
  const at = new Date(Math.ceil((Date.now() + days * 86_400_000) / 60_000) * 60_000);
  return { field: at.toISOString().slice(0, 16), iso: at.toISOString() };
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', {
      name: `Expiry ${randomId()}`,
      subscription: { model: 'internal-external' },
    })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  await api(stack, admin, 'PUT', `/environments/${ids.production}/applications/crm`, {
    name: 'CRM',
    roles: [
      { key: 'crm.read', name: 'Reader' },
      { key: 'crm.audit', name: 'Auditor' },
      { key: 'crm.admin', name: 'Administrator' },
    ],
  });
  ids.tenant = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Northwind' })).id;
  ids.user = (await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, { username: 'ada.temp' })).id;
  ids.group = (await api(stack, admin, 'POST', `/tenants/${ids.tenant}/groups`, { name: 'Auditors' })).id;
  await api(stack, admin, 'PUT', `/tenants/${ids.tenant}/groups/${ids.group}/members/${ids.user}`);
  for (const username of ['team.one', 'team.two']) {
    team[username] = (await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, { username })).id;
  }
  await api(
    stack,
    admin,
    'PUT',
    `/tenants/${ids.tenant}/users/${team['team.one']}/roles/crm.read`,
    { expiresAt: HELD_UNTIL },
    204,
  );
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const effectiveRoles = () =>
  api(stack, stack.adminToken, 'GET', `/tenants/${ids.tenant}/users/${ids.user}/roles`) as Promise<{
    items: { key: string; sources: { type: string; expiresAt?: string }[] }[];
  }>;

describe('expiring grants in the console', () => {
  it('grants a role directly until a date and time, and shows the expiry beside the grant', async () => {
    await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/users/${ids.user}`, { waitUntil: 'networkidle' });
    const until = daysAhead(3);
    await page.getByLabel('Grant a role directly').selectOption('crm.read');
    await page.getByLabel('Until', { exact: true }).fill(until.field);
    await page.getByRole('button', { name: 'Grant role' }).click();
    const row = page.locator('[data-testid="effective-roles"] [data-role-key="crm.read"]');
    await row.getByTestId('grant-expiry').waitFor();
    await expect(row.getByTestId('grant-expiry').locator('time').getAttribute('datetime')).resolves.toBe(until.iso);
    await expect(row.getByTestId('grant-expiry').textContent()).resolves.toMatch(/^\s*Until .* UTC\s*$/);
    // The field is empty again for the next grant.
    await expect(page.getByLabel('Until', { exact: true }).inputValue()).resolves.toBe('');
    expect((await effectiveRoles()).items).toEqual([
      { ...expectRole('crm.read'), sources: [{ type: 'direct', expiresAt: until.iso }] },
    ]);

    // Without an end, a grant shows none.
    await page.getByLabel('Grant a role directly').selectOption('crm.admin');
    await page.getByRole('button', { name: 'Grant role' }).click();
    const admin = page.locator('[data-testid="effective-roles"] [data-role-key="crm.admin"]');
    await admin.waitFor();
    await expect(admin.getByTestId('grant-expiry').count()).resolves.toBe(0);
    await screenshots(page, 'user-grant-expiry');
  });

  it('refuses an end in the past at its field, and grants nothing', async () => {
    await page.getByLabel('Grant a role directly').selectOption('crm.audit');
    await page.getByLabel('Until', { exact: true }).fill(daysAhead(-1).field);
    await page.getByRole('button', { name: 'Grant role' }).click();
    await page.getByTestId('grant-expires-error').waitFor();
    await expect(page.getByTestId('grant-expires-error').textContent()).resolves.toContain('Must be in the future.');
    await expect(page.getByLabel('Until', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await effectiveRoles()).items.map((item) => item.key)).not.toContain('crm.audit');
  });

  it('grants a role to a group until a date and time: the group lists it, its members hold it until then', async () => {
    await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/groups/${ids.group}`, { waitUntil: 'networkidle' });
    const until = daysAhead(10);
    await page.getByLabel('Grant a role').selectOption('crm.audit');
    await page.getByLabel('Until (UTC, optional)').fill(until.field);
    await page.getByTestId('grant-role-form').getByRole('button', { name: 'Grant' }).click();
    const row = page.getByTestId('group-role-crm.audit');
    await row.getByTestId('group-role-expiry').waitFor();
    await expect(row.getByTestId('group-role-expiry').locator('time').getAttribute('datetime')).resolves.toBe(
      until.iso,
    );
    await expect(page.getByLabel('Until (UTC, optional)').inputValue()).resolves.toBe('');
    await screenshots(page, 'group-grant-expiry');

    const audit = (await effectiveRoles()).items.find((item) => item.key === 'crm.audit');
    expect(audit?.sources).toEqual([
      { type: 'group', groupId: ids.group, groupName: 'Auditors', expiresAt: until.iso },
    ]);
    await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/users/${ids.user}`);
    const inherited = page.locator('[data-testid="effective-roles"] [data-role-key="crm.audit"]');
    await expect(inherited.getByTestId('inherited-from').textContent()).resolves.toContain('Auditors');
    await expect(inherited.getByTestId('grant-expiry').locator('time').getAttribute('datetime')).resolves.toBe(
      until.iso,
    );
    expect(stack.browserProblems).toEqual([]);
  });
});

/** The direct grant of `roleKey` a user holds, as the API answers it (undefined: none). */
async function directGrant(userId: string, roleKey: string): Promise<{ type: string; expiresAt?: string } | undefined> {
  const roles = (await api(stack, stack.adminToken, 'GET', `/tenants/${ids.tenant}/users/${userId}/roles`)) as {
    items: { key: string; sources: { type: string; expiresAt?: string }[] }[];
  };
  return roles.items.find((item) => item.key === roleKey)?.sources.find((source) => source.type === 'direct');
}

/** Opens the bulk "Grant role" dialog for team.one and team.two, and chooses `roleKey` in it. */
async function bulkGrantDialog(roleKey: string) {
  await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/users?search=team`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 2);
  for (const username of ['team.one', 'team.two']) {
    await page.getByRole('checkbox', { name: `Select ${username}` }).check();
  }
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Grant role…' }).click();
  const dialog = page.getByTestId('bulk-dialog');
  await dialog.getByLabel('Role', { exact: true }).selectOption(roleKey);
  return dialog;
}

describe('expiring grants in the bulk "Grant role" dialog', () => {
  it('grants a role to the selected users until a date and time; an end in the past is refused at its field', async () => {
    const dialog = await bulkGrantDialog('crm.audit');
    const until = dialog.getByLabel('Until');
    await expect(until.inputValue()).resolves.toBe('');
    await expect(dialog.getByTestId('bulk-grant-note').textContent()).resolves.toContain('never expire');

    // The API's 400, at the field; nothing is granted and the dialog stays open with the selection.
    await until.fill(daysAhead(-1).field);
    await dialog.getByRole('button', { name: 'Grant role' }).click();
    const error = dialog.locator('#bulk-expires-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('Must be in the future.');
    await expect(until.getAttribute('aria-invalid')).resolves.toBe('true');
    // Said once, at the field: no alert repeats it above the buttons, and no note promises that end.
    await expect(dialog.getByTestId('form-error').count()).resolves.toBe(0);
    await expect(dialog.getByTestId('bulk-grant-note').count()).resolves.toBe(0);
    for (const id of Object.values(team)) await expect(directGrant(id, 'crm.audit')).resolves.toBeUndefined();
    await screenshots(page, 'bulk-grant-expiry-refused');

    const end = daysAhead(5);
    await until.fill(end.field);
    await expect(error.count()).resolves.toBe(0);
    const note = await dialog.getByTestId('bulk-grant-note').textContent();
    expect(note).toMatch(/^Each selected user holds the role until \d+ \w+ \d{4}, \d\d:\d\d:00 UTC; a direct grant/);
    await screenshots(page, 'bulk-grant-expiry');

    await dialog.getByRole('button', { name: 'Grant role' }).click();
    await page.getByTestId('bulk-result').waitFor();
    await expect(page.getByTestId('bulk-result-headline').textContent()).resolves.toMatch(
      /Granted Auditor \(crm\.audit\) to 2 users until .* UTC\./,
    );
    for (const id of Object.values(team)) {
      await expect(directGrant(id, 'crm.audit')).resolves.toEqual({ type: 'direct', expiresAt: end.iso });
    }
  });

  it('grants without an end: a grant held with an end stops expiring, as the dialog says', async () => {
    await expect(directGrant(team['team.one']!, 'crm.read')).resolves.toEqual({
      type: 'direct',
      expiresAt: HELD_UNTIL,
    });
    const dialog = await bulkGrantDialog('crm.read');
    await expect(dialog.getByTestId('bulk-grant-note').textContent()).resolves.toBe(
      'The grants never expire: a direct grant a user holds already with an end stops expiring.',
    );
    await dialog.getByRole('button', { name: 'Grant role' }).click();
    await page.getByTestId('bulk-result').waitFor();
    await expect(page.getByTestId('bulk-result-headline').textContent()).resolves.toMatch(
      /Granted Reader \(crm\.read\) to 2 users\./,
    );
    for (const id of Object.values(team)) {
      const grant = await directGrant(id, 'crm.read');
      expect(grant?.type).toBe('direct');
      expect(grant?.expiresAt ?? null).toBeNull();
    }
    expect(stack.browserProblems).toEqual([]);
  });
});

function expectRole(key: string) {
  return { key, name: expect.any(String), applicationKey: 'crm' };
}
