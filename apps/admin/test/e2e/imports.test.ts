/**
 * End to end: importing users from the console (issue 18). An owner opens Import from the Users page, uploads a CSV
 * file with one bad row as a dry run (streamed through the console's server to the API), sees the prediction and the
 * error row, downloads the error report, applies the import and follows it to the end, and finds the users on the
 * Users page; a file larger than adapter-node's default body limit passes; a failed import says why; a dry run is
 * cancelled; a file the API refuses says why at the form; an import without checking goes straight through; a billing
 * operator gets no upload. Real API, worker and console, real Chromium.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, openPage, screenshots, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;

/** Two new users (one internal, one external), one update, one row with a bad address (line 5). */
const USERS_CSV = [
  'username,name,email,groups,roles',
  'new.bob,Bob New,bob@acme.com,Sales,crm.read',
  'new.cleo,Cleo New,cleo@partner.example,,',
  'existing.ada,Ada Renamed,ada@acme.com,,',
  'new.dan,Dan Broken,not-an-address,,',
  '',
].join('\r\n');

/** One user written straight away (no dry run). */
const DIRECT_CSV = 'username,email\r\ndirect.eve,eve@acme.com\r\n';
/** A dry run cancelled before it is applied. */
const CANCELLED_JSONL = '{"username":"cancel.me","name":"Never Written"}\n';

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', tenant: '' };

async function go(to: string): Promise<void> {
  const response = await page.goto(`${stack.adminUrl}${to}`);
  expect(response?.status(), to).toBe(200);
}

/** Chooses a file in the upload form, as a person would from disk. */
async function choose(name: string, text: string, mimeType = 'text/csv'): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
}

/** Waits until the import's page shows the state (the page follows the import by itself). */
async function inState(label: string, timeout = 45_000): Promise<void> {
  await page.getByTestId('import-state').filter({ hasText: label }).waitFor({ timeout });
}

/** Uploads the chosen file as a dry run and lands on the new import's page. */
async function checkFile(): Promise<string> {
  await page.getByTestId('import-check').click();
  await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** Screenshots at 1280 and 400 px of the page as it rests: toasts dismissed, scrolled to the top. */
async function pictures(name: string): Promise<void> {
  for (const close of await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).all())
    await close.click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, name);
}

async function text(testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', { name: 'Import Co', subscription: { model: 'named' } })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  await api(stack, admin, 'PUT', `/environments/${ids.production}/internal-domains`, { domains: ['acme.com'] });
  await api(stack, admin, 'PUT', `/environments/${ids.production}/applications/crm`, {
    name: 'CRM',
    roles: [{ key: 'crm.read', name: 'Reader' }],
  });
  ids.tenant = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Contoso' })).id;
  await api(stack, admin, 'POST', `/tenants/${ids.tenant}/groups`, { name: 'Sales' });
  await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, {
    username: 'existing.ada',
    name: 'Ada Before',
    email: 'ada@acme.com',
  });
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('importing users in the console', () => {
  it('opens Import from the Users page, with the upload form and an empty list', async () => {
    await go(`/tenants/${ids.tenant}/users`);
    await page.getByTestId('import-users').click();
    await page.waitForURL((url) => url.pathname === `/tenants/${ids.tenant}/imports`);
    await expect(page.getByRole('link', { name: 'Users', exact: true }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    await page.getByText('No imports yet').waitFor();
    await expect(page.getByTestId('import-check').textContent()).resolves.toContain('Check (dry run)');
    await pictures('imports-empty');
  });

  it('says at the form why the API refuses a file, before any import exists', async () => {
    await choose('colours.csv', 'username,favouriteColour\r\nada,blue\r\n');
    await page.getByTestId('import-check').click();
    await page.getByTestId('form-error').waitFor();
    expect(await text('form-error')).toMatch(/favouriteColour/);
    expect(page.url()).toBe(`${stack.adminUrl}/tenants/${ids.tenant}/imports`);
    // The console's own check: a name that says no format, with none chosen.
    await choose('users.txt', 'username\r\nada\r\n', 'text/plain');
    await page.getByTestId('import-check').click();
    await page.getByText('choose its format').waitFor();
  });

  it('checks a file as a dry run: the prediction, the licensing effect and the bad row', async () => {
    await choose('users.csv', USERS_CSV);
    await checkFile();
    await inState('Ready to apply');
    expect(await text('import-created')).toBe('2 users created');
    expect(await text('import-updated')).toBe('1 user updated');
    expect(await text('import-unchanged')).toBe('0 rows unchanged');
    expect(await text('import-failed')).toBe('1 row with errors');
    expect(await text('import-license-effect')).toMatch(/\+1 internal \+1 external/);
    const errors = page.getByTestId('import-error');
    await expect(errors.count()).resolves.toBe(1);
    const row = (await errors.first().textContent()) ?? '';
    expect(row).toMatch(/^\s*5\s*email/);
    // Nothing is written by a dry run.
    const listed = await api(stack, stack.adminToken, 'GET', `/tenants/${ids.tenant}/users?search=new.`);
    expect(listed.items).toEqual([]);
    await pictures('import-validated');
  });

  it('downloads the error report through the console', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-error-report').click()]);
    expect(file.suggestedFilename()).toMatch(/^import-[0-9a-f-]{36}-errors\.csv$/);
    const lines = (await readFile((await file.path())!, 'utf8')).trim().split(/\r?\n/);
    expect(lines[0]).toBe('line,field,message');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^5,email,/);
  });

  it('applies the dry run after a confirmation that says what will happen, and follows it to the end', async () => {
    await page.getByRole('button', { name: 'Apply import' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('apply-summary').textContent()).toMatch(
      /2 users created, 1 user updated; 1 row with errors are skipped/,
    );
    await expect(dialog.textContent()).resolves.toMatch(/Licensed users: \+1 internal, \+1 external/);
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    await inState('Completed');
    expect(await text('import-status')).toMatch(/Done/);
    expect(await text('import-created')).toBe('2 users created');
    await expect(page.getByRole('button', { name: 'Apply import' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Cancel import' }).count()).resolves.toBe(0);
    await pictures('import-completed');
  });

  it('shows the imported users on the Users page', async () => {
    await page.getByRole('link', { name: 'See the users' }).click();
    await page.waitForURL((url) => url.pathname === `/tenants/${ids.tenant}/users`);
    const table = (await page.locator('main table').textContent()) ?? '';
    expect(table).toContain('new.bob');
    expect(table).toContain('new.cleo');
    expect(table).toContain('Ada Renamed');
    expect(table).not.toContain('new.dan');
  });

  it('passes a file larger than adapter-node’s default body limit (512K) on to the API', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `bulk.${i},Bulk User ${i},bulk.${i}@acme.com`);
    const large = ['username,name,email', ...rows, ''].join('\r\n');
    expect(large.length).toBeGreaterThan(768 * 1024);
    await go(`/tenants/${ids.tenant}/imports`);
    await choose('large.csv', large);
    await checkFile();
    await inState('Ready to apply', 90_000);
    expect(await text('import-created')).toBe('20,000 users created');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel import' }).click();
    await inState('Cancelled');
  });

  it('shows why an import failed: a key past the first megabyte that no import knows', async () => {
    const good = Array.from({ length: 45_000 }, (_, i) => JSON.stringify({ username: `late.${i}` }));
    const file = [...good, JSON.stringify({ username: 'late.odd', colour: 'blue' }), ''].join('\n');
    expect(file.length).toBeGreaterThan(1024 * 1024);
    await go(`/tenants/${ids.tenant}/imports`);
    await choose('late.jsonl', file, 'application/x-ndjson');
    await checkFile();
    await inState('Failed', 90_000);
    expect(await text('import-failure')).toMatch(/colour/);
    expect(await text('import-status')).toBe('The import failed; nothing was written.');
    expect((await page.getByTestId('import-error').first().textContent()) ?? '').toMatch(/45,001/);
    await expect(page.getByRole('button', { name: 'Cancel import' }).count()).resolves.toBe(0);
    await pictures('import-failed');
  });

  it('cancels a dry run: nothing is written', async () => {
    await go(`/tenants/${ids.tenant}/imports`);
    await choose('later.jsonl', CANCELLED_JSONL, 'application/x-ndjson');
    await checkFile();
    await inState('Ready to apply');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toMatch(/dry run is dropped and nothing is written/);
    await dialog.getByRole('button', { name: 'Cancel import' }).click();
    await inState('Cancelled');
    expect(await text('import-status')).toBe('Cancelled; nothing was written.');
    const listed = await api(stack, stack.adminToken, 'GET', `/tenants/${ids.tenant}/users?search=cancel.me`);
    expect(listed.items).toEqual([]);
  });

  it('imports without checking first, after saying what that means', async () => {
    await go(`/tenants/${ids.tenant}/imports`);
    await choose('direct.csv', DIRECT_CSV);
    await page.getByTestId('import-direct').click();
    await page.getByRole('dialog').getByTestId('import-direct-confirm').click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await inState('Completed');
    expect(await text('import-created')).toBe('1 user created');
    await expect(page.getByText('Dry run first').count()).resolves.toBe(0);
  });

  it('lists the imports, newest first, with their state, counts and who uploaded them', async () => {
    await go(`/tenants/${ids.tenant}/imports`);
    const rows = page.getByTestId('import-row');
    await expect(rows.count()).resolves.toBe(5);
    const cells = async (index: number) =>
      (await rows.nth(index).locator('td').allTextContents()).map((cell) => cell.replace(/\s+/g, ' ').trim());
    const [direct, cancelled, applied] = [await cells(0), await cells(1), await cells(4)];
    expect(direct.slice(1)).toEqual(['Completed', `CSV · ${DIRECT_CSV.length} bytes`, '1', '1', '0', '0', '0', 'You']);
    expect(cancelled.slice(1, 3)).toEqual(['Cancelled dry run first', `JSON Lines · ${CANCELLED_JSONL.length} bytes`]);
    expect(applied.slice(1)).toEqual([
      'Completed dry run first',
      `CSV · ${USERS_CSV.length} bytes`,
      '4',
      '2',
      '1',
      '0',
      '1',
      'You',
    ]);
    await pictures('imports-list');
    await rows.last().getByRole('link').click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await inState('Completed');
  });

  it('offers no upload to a billing operator, whom the API would refuse', async () => {
    const billing = `billing-${randomId()}`;
    await api(stack, stack.adminToken, 'POST', `/accounts/${ids.account}/operators`, {
      username: billing,
      password: PASSWORD,
      role: 'billing',
    });
    await stack.browser.clearCookies();
    const billingPage = await openPage(stack);
    await signIn(stack, billingPage, billing, PASSWORD);
    const response = await billingPage.goto(`${stack.adminUrl}/tenants/${ids.tenant}/imports`);
    expect(response?.status()).toBe(403);
    await expect(billingPage.getByTestId('import-upload').count()).resolves.toBe(0);
    const upload = await billingPage.request.post(
      `${stack.adminUrl}/tenants/${ids.tenant}/imports/upload?dryRun=true`,
      {
        headers: { 'content-type': 'text/csv' },
        data: 'username\r\nmallory\r\n',
      },
    );
    expect(upload.status()).toBe(403);
    await billingPage.close();
  });

  it('left no error in the browser console but the refusals it asked for (the 400 upload, the 403s)', () => {
    expect(stack.browserProblems.filter((problem) => !/status of (400|403)/.test(problem))).toEqual([]);
  });
});
