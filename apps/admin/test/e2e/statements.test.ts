/**
 * End to end: billing statements. The account gets one closed statement, stored in the run's database the way
 * the worker's usage.close-statements job writes it (a period ends only once a month, so the test does not wait
 * for one); an owner finds it from the Usage page, opens it, and downloads its CSV, which the console proxies
 * from the API with the owner's session. Real API, built console, real Chromium.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, openPage, screenshots, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;
const FROM = '2026-10-01T00:00:00.000Z';
const TO = '2026-11-01T00:00:00.000Z';

let stack: Stack;
let page: Page;
const ids = { account: '', production: '' };
const TENANTS = { contoso: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', fabrikam: '8b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e' };

const figures = (peak: number | null, p95: number | null, average: number | null, end: number | null) => ({
  peak,
  p95,
  average,
  end,
});

/** A statement as close-statements.handler.ts builds it (buildStatement), for the account's production environment. */
function statement() {
  return {
    id: '6f1d2c3b-4a5e-5f60-8a7b-9c0d1e2f3a4b',
    accountId: ids.account,
    period: { from: FROM, to: TO },
    billingDay: 1,
    model: 'named',
    aggregation: 'sum',
    limits: { internal: null, external: null, named: 1000 },
    status: { internal: null, external: null, named: 'exceeded' },
    account: {
      internal: figures(900, 880, 850.5, 870),
      external: figures(null, null, null, null),
      named: figures(1250, 1200, 1100.25, 1180),
    },
    environments: [
      {
        environmentId: ids.production,
        name: 'Production',
        internal: figures(900, 880, 850.5, 870),
        external: figures(null, null, null, null),
        named: figures(1250, 1200, 1100.25, 1180),
      },
    ],
    // Each client tenant of a production environment with a licensed user in the period, by name.
    tenants: [
      {
        tenantId: TENANTS.contoso,
        environmentId: ids.production,
        name: 'Contoso',
        internal: figures(600, 590, 575.75, 580),
        external: figures(null, null, null, null),
        named: figures(830, 800, 760.5, 790),
      },
      {
        tenantId: TENANTS.fabrikam,
        environmentId: ids.production,
        name: 'Fabrikam',
        internal: figures(300, 290, 274.75, 290),
        external: figures(null, null, null, null),
        named: figures(420, 400, 339.75, 390),
      },
    ],
  };
}

/** A statement closed before per-tenant counts existed: the API serves its tenants as []. */
function statementWithoutTenants(from: string, to: string) {
  const { tenants: _tenants, ...rest } = statement();
  return { ...rest, id: randomUUID(), period: { from, to } };
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', {
      name: 'Ledger Ltd',
      subscription: { model: 'named', namedLimit: 1000 },
    })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('Billing statements', () => {
  it('explains when the first statement appears', async () => {
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/usage`);
    await page.mouse.move(0, 0);
    await screenshots(page, 'usage-with-statements-link');
    await page.getByTestId('statements-link').click();
    await page.waitForURL(`**/accounts/${ids.account}/usage/statements`);
    await expect(page.getByText('No statements yet').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('empty-state').textContent()).resolves.toContain(
      'after the first billing period ends',
    );
    await expect(page.getByTestId('empty-state').textContent()).resolves.toMatch(/from the\s+1st of the month/);
  });

  it('lists a closed statement, newest first', async () => {
    await screenshots(page, 'statements-empty');
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO usage_statements (account_id, period_from, period_to, id, closed_at, statement)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [ids.account, FROM, TO, statement().id, '2026-11-01T00:12:00.000Z', JSON.stringify(statement())],
      );
    } finally {
      await client.end();
    }
    await page.reload();
    const row = page.getByTestId('statement-row');
    await expect(row.count()).resolves.toBe(1);
    const text = await row.textContent();
    expect(text).toContain('1 Oct 2026 – 31 Oct 2026');
    expect(text).toContain('1,250');
    expect(text).toContain('1,180');
    await page.mouse.move(0, 0);
    await screenshots(page, 'statements-list');
  });

  it('opens the statement with its figures, limits and status', async () => {
    await page.getByRole('link', { name: '1 Oct 2026 – 31 Oct 2026' }).click();
    await page.waitForURL('**/usage/statements/2026-10-01');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('1 Oct 2026 – 31 Oct 2026');
    const account = page.getByTestId('statement-figures').first();
    const named = account.getByRole('row', { name: /Named users/ });
    const text = await named.textContent();
    for (const value of ['1,250', '1,200', '1,100.25', '1,180', '1,000', 'Over limit']) expect(text).toContain(value);
    await expect(account.getByRole('row', { name: /Internal users/ }).textContent()).resolves.toContain('850.50');
    await expect(account.getByRole('row', { name: /External users/ }).textContent()).resolves.toContain('—');
    await expect(page.getByText('no count covered any of the period').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('statement-environment').textContent()).resolves.toContain('Production');
    await page.mouse.move(0, 0);
    await screenshots(page, 'statement-page');
  });

  it('shows each client tenant’s figures, by name, with its environment', async () => {
    const tenants = page.getByTestId('statement-tenant');
    await expect(tenants.count()).resolves.toBe(2);
    await expect(tenants.evaluateAll((groups) => groups.map((group) => group.dataset.tenantId))).resolves.toEqual([
      TENANTS.contoso,
      TENANTS.fabrikam,
    ]);
    const contoso = tenants.first();
    await expect(contoso.locator('th[scope="rowgroup"]').textContent()).resolves.toBe('Contoso');
    await expect(contoso.textContent()).resolves.toContain('Production');
    // The model limits named users: that row comes first, then the others for reference.
    const dimensions = await contoso.locator('th[scope="row"]').allTextContents();
    expect(dimensions).toEqual(['Named users', 'Internal users', 'External users']);
    const cells = async (name: RegExp) =>
      (await contoso.getByRole('row', { name }).locator('td.num').allTextContents()).map((cell) => cell.trim());
    await expect(cells(/Named users/)).resolves.toEqual(['830', '800', '760.50', '790']);
    await expect(cells(/Internal users/)).resolves.toEqual(['600', '590', '575.75', '580']);
    await expect(cells(/External users/)).resolves.toEqual(['—', '—', '—', '—']);
    await expect(
      tenants
        .nth(1)
        .getByRole('row', { name: /Named users/ })
        .textContent(),
    ).resolves.toContain('339.75');
    await expect(page.getByTestId('statement-no-tenants').count()).resolves.toBe(0);
  });

  it('downloads the CSV as an attachment with the API’s file name', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
    expect(download.suggestedFilename()).toBe('statement-2026-10-01.csv');
    const body = await readFile((await download.path())!, 'utf8');
    expect(body).toContain('1250');

    const response = await page.request.get(
      `${stack.adminUrl}/accounts/${ids.account}/usage/statements/2026-10-01/csv`,
    );
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    expect(response.headers()['content-disposition']).toBe('attachment; filename="statement-2026-10-01.csv"');
    expect(await response.text()).toBe(body);
  });

  it('answers 404 for a period without a statement', async () => {
    const response = await page.request.get(
      `${stack.adminUrl}/accounts/${ids.account}/usage/statements/2026-09-01/csv`,
    );
    expect(response.status()).toBe(404);
  });

  it('pages twelve statements at a time, newest first', async () => {
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      // Twelve earlier months (Oct 2025 – Sep 2026), so the list has 13 statements: a full page and one more.
      for (let month = 0; month < 12; month += 1) {
        const from = new Date(Date.UTC(2025, 9 + month, 1)).toISOString();
        const to = new Date(Date.UTC(2025, 10 + month, 1)).toISOString();
        const earlier = statementWithoutTenants(from, to);
        await client.query(
          `INSERT INTO usage_statements (account_id, period_from, period_to, id, closed_at, statement)
           VALUES ($1, $2, $3, $4, $3, $5)`,
          [ids.account, from, to, earlier.id, JSON.stringify(earlier)],
        );
      }
    } finally {
      await client.end();
    }
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/usage/statements`);
    const rows = page.getByTestId('statement-row');
    await expect(rows.count()).resolves.toBe(12);
    await expect(rows.first().textContent()).resolves.toContain('1 Oct 2026 – 31 Oct 2026');
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/cursor=/);
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('1 Oct 2025 – 31 Oct 2025');
  });

  it('says so when a statement has no client tenants', async () => {
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/usage/statements/2026-09-01`);
    await expect(page.getByTestId('statement-no-tenants').textContent()).resolves.toContain(
      'No client tenant of a production environment had a licensed user in this period.',
    );
    await expect(page.getByTestId('statement-tenant').count()).resolves.toBe(0);
    await page.mouse.move(0, 0);
    await screenshots(page, 'statement-without-tenants');
  });

  it('reads for a billing operator, and not for a tenant-admin', async () => {
    const admin = stack.adminToken;
    const statementUrl = `${stack.adminUrl}/accounts/${ids.account}/usage/statements/2026-10-01`;
    const billing = `billing-${randomId()}`;
    await api(stack, admin, 'POST', `/accounts/${ids.account}/operators`, {
      username: billing,
      password: PASSWORD,
      role: 'billing',
    });
    // One browser context holds one session: signing in as another operator starts from no cookie.
    await stack.browser.clearCookies();
    const billingPage = await openPage(stack);
    await signIn(stack, billingPage, billing, PASSWORD);
    await billingPage.goto(statementUrl);
    await expect(billingPage.getByTestId('statement-figures').first().textContent()).resolves.toContain('1,250');
    await expect(billingPage.request.get(`${statementUrl}/csv`).then((r) => r.status())).resolves.toBe(200);
    await billingPage.close();

    const tenant = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Contoso' })).id;
    const tenantAdmin = `tenant-admin-${randomId()}`;
    await api(stack, admin, 'POST', `/accounts/${ids.account}/operators`, {
      username: tenantAdmin,
      password: PASSWORD,
      role: 'tenant-admin',
      tenantIds: [tenant],
    });
    await stack.browser.clearCookies();
    const tenantPage = await openPage(stack);
    await signIn(stack, tenantPage, tenantAdmin, PASSWORD);
    const list = await tenantPage.goto(`${stack.adminUrl}/accounts/${ids.account}/usage/statements`);
    expect(list?.status()).toBe(403);
    await expect(tenantPage.request.get(`${statementUrl}/csv`).then((r) => r.status())).resolves.toBe(403);
    await tenantPage.close();
  });
});
