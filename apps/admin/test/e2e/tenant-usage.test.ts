/**
 * End to end: usage per client tenant (issue 16). An account with tenants in production and staging is counted
 * by the real worker (a recount requested through the API); the owner reads the Usage page's table of tenants,
 * sorts it, filters it and pages it, and opens a tenant's history; a billing operator opens it too. Real API and
 * worker, built console, real Chromium; screenshots land in test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, openPage, screenshots, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', staging: '', adatum: '', zenith: '', sandbox: '' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a completed recount left counts at least as fresh as the data it read: its own, or a newer run's
 * when a debounced recount of the seeding's writes finished first and this one stood aside ('superseded').
 */
const countWritten = (result: { skipped?: boolean; reason?: string } | undefined) =>
  result?.skipped === false || result?.reason === 'superseded';

/** Asks the API for a recount and waits until the worker has completed it (API.md §7). */
async function recount(): Promise<void> {
  const { jobId } = await api<{ jobId: string }>(
    stack,
    stack.adminToken,
    'POST',
    `/accounts/${ids.account}/usage/recount`,
    undefined,
    202,
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const job = await api(stack, stack.adminToken, 'GET', `/jobs/${jobId}`);
    if (job.state === 'failed') throw new Error(`The recount failed: ${job.failedReason}`);
    if (job.state === 'completed' && countWritten(job.result)) return;
    await sleep(100);
  }
  throw new Error('The recount did not complete within 30 s');
}

/**
 * Waits until no count is under way or about to start: the seeding's writes asked for debounced recounts (2 s)
 * of their own, and a tenant created after the last count must stay "not counted yet".
 */
async function settle(): Promise<void> {
  const computedAt = async () =>
    (await api(stack, stack.adminToken, 'GET', `/accounts/${ids.account}/usage`)).computedAt as string | null;
  let last = await computedAt();
  let stableSince = Date.now();
  while (Date.now() - stableSince < 3_000) {
    await sleep(250);
    const now = await computedAt();
    if (now !== last) [last, stableSince] = [now, Date.now()];
  }
}

async function addUser(tenantId: string, user: Record<string, unknown>): Promise<void> {
  await api(stack, stack.adminToken, 'POST', `/tenants/${tenantId}/users`, user);
}

const rows = () => page.getByTestId('tenant-usage-row');
const names = async () => (await rows().locator('td.name').allTextContents()).map((name) => name.trim());
/** The counts of a tenant's row as the table shows them, by column. */
async function countsOf(name: string): Promise<Record<string, string>> {
  const row = rows().filter({ has: page.locator('td.name', { hasText: name }) });
  const counts: Record<string, string> = {};
  for (const field of ['internal', 'external', 'named', 'anonymous', 'inactive']) {
    counts[field] = ((await row.locator(`td[data-field="${field}"]`).textContent()) ?? '').trim();
  }
  return counts;
}

/** Clicks a column's sort link and waits for the page to follow the URL. */
async function sortBy(label: string, sort: string): Promise<void> {
  await page.getByTestId('tenant-usage').locator('thead a', { hasText: label }).click();
  await page.waitForURL((url) => url.searchParams.get('sort') === sort);
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', {
      name: 'Tailspin Partners',
      subscription: { model: 'internal-external', internalLimit: 100, externalLimit: 50 },
    })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.staging = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, {
      name: 'Staging',
      kind: 'non-production',
    })
  ).id;
  await api(stack, admin, 'PUT', `/environments/${ids.production}/internal-domains`, {
    domains: ['tailspin.example'],
  });
  const tenant = async (environmentId: string, name: string) =>
    (await api(stack, admin, 'POST', `/environments/${environmentId}/tenants`, { name })).id as string;
  ids.adatum = await tenant(ids.production, 'Adatum');
  ids.zenith = await tenant(ids.production, 'Zenith Airways');
  ids.sandbox = await tenant(ids.staging, 'Sandbox');

  // Adatum: one internal user, one deactivated. Zenith: two internal, two external, one anonymous.
  await addUser(ids.adatum, { username: 'ada', email: 'ada@tailspin.example' });
  await addUser(ids.adatum, { username: 'gone', email: 'gone@tailspin.example', isActive: false });
  await addUser(ids.zenith, { username: 'zoe', email: 'zoe@tailspin.example' });
  await addUser(ids.zenith, { username: 'zak', email: 'zak@tailspin.example' });
  await addUser(ids.zenith, { username: 'pilot.one', email: 'pilot.one@zenith.example' });
  await addUser(ids.zenith, { username: 'pilot.two', email: 'pilot.two@zenith.example' });
  await addUser(ids.zenith, { kind: 'anonymous', externalId: 'guest-1' });
  await addUser(ids.sandbox, { username: 'tester', email: 'tester@zenith.example' });
  await recount();
  await settle();

  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('usage per client tenant', () => {
  it('shows each production tenant with its counts, the most named users first', async () => {
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/usage`);
    await expect(names()).resolves.toEqual(['Zenith Airways', 'Adatum']);
    await expect(countsOf('Zenith Airways')).resolves.toEqual({
      internal: '2',
      external: '2',
      named: '4',
      anonymous: '1',
      inactive: '0',
    });
    await expect(countsOf('Adatum')).resolves.toEqual({
      internal: '1',
      external: '0',
      named: '1',
      anonymous: '0',
      inactive: '1',
    });
    const zenith = rows().first();
    await expect(zenith.locator('.environment').textContent()).resolves.toMatch(/Production\s*Production/);
    await expect(zenith.locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Under aggregation "sum" the sentence says the production tenants add up to the account's total.
    await expect(page.getByTestId('tenant-attribution').textContent()).resolves.toContain(
      'add up to the account total',
    );
    await expect(page.getByTestId('tenant-usage-panel').getByTestId('pager').textContent()).resolves.toContain(
      '1–2 of 2 tenants',
    );
  });

  it('sorts by a column through the URL, either way', async () => {
    await sortBy('Tenant', 'name');
    await expect.poll(names).toEqual(['Adatum', 'Zenith Airways']);
    await sortBy('Inactive', 'inactive');
    await expect.poll(names).toEqual(['Zenith Airways', 'Adatum']);
    await sortBy('Inactive', '-inactive');
    await expect.poll(names).toEqual(['Adatum', 'Zenith Airways']);
    const header = page.getByTestId('tenant-usage').locator('th', { hasText: 'Inactive' });
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    // The sort survives a reload: it lives in the URL, and the API sorts.
    await page.reload();
    await expect(names()).resolves.toEqual(['Adatum', 'Zenith Airways']);
  });

  it('filters to non-production or all environments, production by default', async () => {
    const filter = page.getByRole('navigation', { name: 'Tenants of which environments' });
    await filter.getByRole('link', { name: 'Non-production' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'non-production');
    await expect.poll(names).toEqual(['Sandbox']);
    await expect(rows().first().locator('.environment').textContent()).resolves.toMatch(/Staging\s*Non-production/);
    // Staging has no internal domain: every registered user there is internal.
    await expect(countsOf('Sandbox')).resolves.toMatchObject({ internal: '1', external: '0', named: '1' });
    await filter.getByRole('link', { name: 'All' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'all');
    await expect.poll(names).toEqual(['Adatum', 'Sandbox', 'Zenith Airways']);
    await filter.getByRole('link', { name: 'Production', exact: true }).click();
    await page.waitForURL((url) => !url.searchParams.has('kind'));
    await expect.poll(names).toEqual(['Adatum', 'Zenith Airways']);
  });

  it('pages 25 tenants at a time, and says which were not counted yet', async () => {
    // Tenants created after the last count: 26 production tenants in all, the new ones without counts.
    for (let i = 1; i <= 24; i += 1) {
      await api(stack, stack.adminToken, 'POST', `/environments/${ids.production}/tenants`, {
        name: `New client ${String(i).padStart(2, '0')}`,
      });
    }
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/usage?sort=-named`);
    await expect(rows().count()).resolves.toBe(25);
    // Descending, tenants not counted yet come last.
    await expect(names().then((all) => all.slice(0, 2))).resolves.toEqual(['Zenith Airways', 'Adatum']);
    const pager = page.getByTestId('tenant-usage-panel').getByTestId('pager');
    await expect(pager.textContent()).resolves.toContain('1–25 of 26 tenants');
    const fresh = rows().filter({ hasText: 'Not counted yet' });
    await expect(fresh.count()).resolves.toBe(23);
    await expect(fresh.first().textContent()).resolves.toContain('New client');
    await expect(fresh.locator('td[data-field]').count()).resolves.toBe(0);

    await pager.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL((url) => url.searchParams.has('cursor'));
    await expect.poll(() => rows().count()).toBe(1);
    await expect(pager.textContent()).resolves.toContain('26–26 of 26 tenants');
    await expect(rows().first().textContent()).resolves.toContain('Not counted yet');
    await pager.getByRole('button', { name: 'Previous' }).click();
    await page.waitForURL((url) => !url.searchParams.has('cursor'));
    await expect.poll(() => rows().count()).toBe(25);
  });

  it('opens a tenant’s history, with today’s peak, by day and by hour', async () => {
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/usage`);
    await page.mouse.move(0, 0);
    await screenshots(page, 'usage-tenants');
    await page.getByTestId('tenant-usage').getByRole('link', { name: 'Zenith Airways' }).click();
    await page.waitForURL(`**/accounts/${ids.account}/usage/tenants/${ids.zenith}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Zenith Airways');
    await expect(page.getByTestId('tenant-latest').textContent()).resolves.toMatch(/Internal\s*2\s*External\s*2/);

    const history = page.getByTestId('tenant-history');
    const newest = async () => {
      const details = history.locator('details');
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
      const cells = await details.locator('tbody tr').first().locator('td').allTextContents();
      return cells.map((cell) => cell.trim());
    };
    // The newest bucket is the one of the latest count: today's, unless the clock has just passed midnight (UTC).
    const counted = new Date((await page.getByTestId('tenant-computed-at').locator('time').getAttribute('datetime'))!);
    expect(Date.now() - counted.getTime()).toBeLessThan(5 * 60_000);
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(counted);
    // By day over 30 days (the default): a row for today with the peak of the two lines, internal and external.
    await expect(page.getByText('Peak counts per day over the last 30 days').isVisible()).resolves.toBe(true);
    await expect(newest()).resolves.toEqual([day, '2', '2']);
    await page.mouse.move(0, 0);
    // Opening the numbers scrolled the page: a full-page shot starts from the top, or the sticky bar lands mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    // And the chart gets the moment it takes to lay out again, as in screenshots() for the narrow window.
    await page.waitForTimeout(300);
    await screenshots(page, 'tenant-usage-history');

    await page.getByRole('navigation', { name: 'History range' }).getByRole('link', { name: '48 hours' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === '48h');
    await page.getByText('Peak counts per hour over the last 48 hours').waitFor();
    const hour = `${String(counted.getUTCHours()).padStart(2, '0')}:00`;
    await expect(newest()).resolves.toEqual([`${day}, ${hour}`, '2', '2']);

    await page.getByRole('link', { name: 'Usage', exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === `/accounts/${ids.account}/usage`);
  });

  it('opens a tenant’s history for a billing operator, who may not open the tenant itself', async () => {
    const billing = `billing-${randomId()}`;
    await api(stack, stack.adminToken, 'POST', `/accounts/${ids.account}/operators`, {
      username: billing,
      password: PASSWORD,
      role: 'billing',
    });
    await stack.browser.clearCookies();
    const billingPage = await openPage(stack);
    await signIn(stack, billingPage, billing, PASSWORD);
    await billingPage.goto(`${stack.adminUrl}/accounts/${ids.account}/usage/tenants/${ids.adatum}`);
    await expect(billingPage.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Adatum');
    await expect(billingPage.getByText('Open the tenant’s users').count()).resolves.toBe(0);
    const missing = await billingPage.goto(
      `${stack.adminUrl}/accounts/${ids.account}/usage/tenants/01930000-0000-7000-8000-000000000000`,
    );
    expect(missing?.status()).toBe(404);
    await billingPage.close();
  });

  it('left no error in the browser console but the 404 it asked for', () => {
    expect(stack.browserProblems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
  });
});
