/**
 * End to end: an account owner's day in the console, against a fresh database, the real API and
 * worker, the built console and real Chromium — users, search, deactivation, groups and inherited
 * roles, bulk actions, internal domains moving the usage after a recount and what each user counts as
 * (shown and filtered in the users list), and a tenant-admin kept out of another tenant. Screenshots of
 * every main page land in test-results/ (1280 and 400 px).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, apiToken, openPage, screenshots, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;
const TENANT_ADMIN = `ta-${randomId()}`;

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', staging: '', northwind: '', contoso: '', contosoUser: '' };
/** Users of Northwind by username → id. */
const users = new Map<string, string>();

const path = {
  users: () => `/tenants/${ids.northwind}/users`,
  user: (username: string) => `/tenants/${ids.northwind}/users/${users.get(username)}`,
};

async function go(to: string): Promise<void> {
  await page.goto(`${stack.adminUrl}${to}`);
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  const account = await api(stack, admin, 'POST', '/accounts', {
    name: 'Northwind Traders',
    subscription: { model: 'internal-external', internalLimit: 10, externalLimit: 2 },
  });
  ids.account = account.id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.staging = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, {
      name: 'Staging',
      kind: 'non-production',
    })
  ).id;
  await api(stack, admin, 'PUT', `/environments/${ids.production}/applications/crm`, {
    name: 'CRM',
    roles: [
      { key: 'crm.read', name: 'Reader', description: 'Reads customer records' },
      { key: 'crm.admin', name: 'Administrator' },
    ],
  });
  ids.northwind = (
    await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Northwind' })
  ).id;
  ids.contoso = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Contoso' })).id;

  const seed: [string, string][] = [
    ['bulk.one', 'bulk.one@northwind.example'],
    ['bulk.two', 'bulk.two@northwind.example'],
    ['bulk.three', 'bulk.three@northwind.example'],
    ['bulk.four', 'bulk.four@northwind.example'],
    ['outside.one', 'outside.one@mail.example'],
    ['outside.two', 'outside.two@mail.example'],
  ];
  for (const [username, email] of seed) {
    const user = await api(stack, admin, 'POST', `/tenants/${ids.northwind}/users`, { username, email });
    users.set(username, user.id);
  }
  ids.contosoUser = (
    await api(stack, admin, 'POST', `/tenants/${ids.contoso}/users`, {
      username: 'contoso.user',
      email: 'someone@contoso.example',
    })
  ).id;

  await api(stack, admin, 'POST', `/accounts/${ids.account}/operators`, {
    username: OWNER,
    password: PASSWORD,
    role: 'owner',
  });
  await api(stack, admin, 'POST', `/accounts/${ids.account}/operators`, {
    username: TENANT_ADMIN,
    password: PASSWORD,
    role: 'tenant-admin',
    tenantIds: [ids.northwind],
  });
  page = await openPage(stack);
});

afterAll(async () => {
  await stack?.stop();
});

describe('the admin console, end to end', () => {
  it('signs the owner in to the account overview', async () => {
    await signIn(stack, page, OWNER, PASSWORD);
    expect(new URL(page.url()).pathname).toBe(`/accounts/${ids.account}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Northwind Traders');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const section of [
      'Overview',
      'Environments',
      'Tenants',
      'Usage',
      'Operators',
      'API keys',
      'Webhooks',
      'Audit log',
    ]) {
      await expect(nav.getByRole('link', { name: section, exact: true }).isVisible()).resolves.toBe(true);
    }
    await screenshots(page, 'overview');
  });

  it('creates a user in a tenant with the form, and shows the API’s field errors first', async () => {
    await go(`/accounts/${ids.account}/tenants`);
    await page.getByRole('link', { name: /^Northwind\b/ }).click();
    await page.waitForURL((url) => url.pathname === path.users());
    await page.getByTestId('new-user').click();
    await page.waitForURL((url) => url.pathname.endsWith('/users/new'));

    // A username that exists already: the API's 409 shows at the username field, the values stay.
    await page.locator('#field-username').fill('BULK.ONE');
    await page.locator('#field-name').fill('Grace Hopper');
    await page.locator('#field-email').fill('grace@northwind.example');
    await page.getByTestId('user-form-submit').click();
    await page.locator('#field-username-error').waitFor();
    await expect(page.locator('#field-username-error').textContent()).resolves.toMatch(/username already exists/);
    await expect(page.locator('#field-name').inputValue()).resolves.toBe('Grace Hopper');

    await page.locator('#field-username').fill('grace.hopper');
    await page.locator('#field-password').fill('a strong passphrase');
    await page.getByTestId('user-form-submit').click();
    await page.waitForURL((url) => /\/users\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('toast').filter({ hasText: 'User created.' }).waitFor();
    users.set('grace.hopper', new URL(page.url()).pathname.split('/').pop()!);
    await expect(page.getByTestId('user-status').textContent()).resolves.toContain('Active');

    const stored = await api(stack, stack.adminToken, 'GET', path.user('grace.hopper'));
    expect(stored).toMatchObject({ username: 'grace.hopper', name: 'Grace Hopper', email: 'grace@northwind.example' });
  });

  it('finds the user by searching as you type', async () => {
    await go(path.users());
    await page.getByLabel('Search users by username, name or email').fill('hopp');
    await page.waitForURL((url) => url.searchParams.get('search') === 'hopp');
    const rows = page.getByTestId('user-row');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 1);
    await expect(rows.first().textContent()).resolves.toContain('grace.hopper');
    // The search box kept the focus while the list changed under it.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('filter-search');
    await screenshots(page, 'users-search');
  });

  it('deactivates the user, which suspends every role, and reactivates it', async () => {
    await go(path.user('grace.hopper'));
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByRole('button', { name: 'Deactivate user' }).click();
    await page.getByTestId('user-inactive').waitFor();
    await expect(page.getByTestId('user-status').textContent()).resolves.toContain('Inactive');
    await expect(page.getByTestId('roles-suspended').isVisible()).resolves.toBe(true);
    expect((await api(stack, stack.adminToken, 'GET', path.user('grace.hopper'))).isActive).toBe(false);

    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.getByRole('button', { name: 'Activate user' }).click();
    await page.getByTestId('user-inactive').waitFor({ state: 'detached' });
    await expect(page.getByTestId('user-status').textContent()).resolves.toContain('Active');
    expect((await api(stack, stack.adminToken, 'GET', path.user('grace.hopper'))).isActive).toBe(true);
  });

  it('creates a group with a role, adds the user, and shows the inherited role on the user page', async () => {
    await go(`/tenants/${ids.northwind}/groups`);
    await page.getByTestId('new-group').click();
    const form = page.getByTestId('create-group-form');
    await form.getByLabel('Name').fill('Readers');
    await form.getByLabel('Description').fill('Read customer records');
    await form.getByRole('button', { name: 'Create group' }).click();
    await page.waitForURL((url) => /\/groups\/[0-9a-f-]{36}$/.test(url.pathname));

    await page.getByLabel('Grant a role').selectOption('crm.read');
    await page.getByTestId('grant-role-form').getByRole('button', { name: 'Grant' }).click();
    await page.getByTestId('group-role-crm.read').waitFor();

    const picker = page.getByRole('combobox', { name: 'Add a member' });
    await picker.fill('grace');
    await page.getByRole('option', { name: /grace\.hopper/ }).click();
    await page.getByTestId('add-member-form').getByRole('button', { name: 'Add' }).click();
    await page.getByTestId('members-table').getByText('grace.hopper').waitFor();
    await expect(page.getByTestId('group-member-count').textContent()).resolves.toContain('1');
    await screenshots(page, 'group');

    await go(path.user('grace.hopper'));
    const row = page.locator('[data-testid="effective-roles"] [data-role-key="crm.read"]');
    await row.waitFor();
    await expect(row.getByTestId('inherited-from').textContent()).resolves.toContain('Readers');
    await screenshots(page, 'user');

    // Suspended by a deactivation, the role is still listed with where it comes from, and comes back.
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByRole('button', { name: 'Deactivate user' }).click();
    await page.getByTestId('roles-suspended').waitFor();
    await expect(row.getByTestId('inherited-from').textContent()).resolves.toContain('Readers');
    await api(stack, stack.adminToken, 'POST', `${path.user('grace.hopper')}/activate`, undefined, 200);
  });

  it('deactivates several users at once and sums up the result', async () => {
    await go(`${path.users()}?search=bulk`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 4);
    for (const username of ['bulk.one', 'bulk.two', 'bulk.three']) {
      await page.getByRole('checkbox', { name: `Select ${username}` }).check();
    }
    await expect(page.getByTestId('selection-count').textContent()).resolves.toContain('3');
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByTestId('bulk-result').waitFor();
    await expect(page.getByTestId('bulk-result-headline').textContent()).resolves.toMatch(/Deactivated 3 users/);
    await screenshots(page, 'users-bulk');

    for (const username of ['bulk.one', 'bulk.two', 'bulk.three']) {
      expect((await api(stack, stack.adminToken, 'GET', path.user(username))).isActive).toBe(false);
    }
    expect((await api(stack, stack.adminToken, 'GET', path.user('bulk.four'))).isActive).toBe(true);
  });

  it('moves the usage after internal domains change and a recount', async () => {
    const readCount = async (key: 'internal' | 'external') =>
      Number((await page.getByTestId(`usage-count-${key}`).textContent())?.replace(/\D/g, ''));
    /** The time of the count shown, or null before the first one. */
    const computedAt = () =>
      page.evaluate(() => document.querySelector('[data-testid="usage-computed-at"] time')?.getAttribute('datetime'));
    const recount = async () => {
      const before = (await computedAt()) ?? null;
      await page.getByRole('button', { name: 'Recount now' }).click();
      // The page follows the job, then reloads its data: a newer count replaces the one shown.
      await page.waitForFunction(
        (previous) => {
          const shown = document.querySelector('[data-testid="usage-computed-at"] time')?.getAttribute('datetime');
          return shown !== undefined && shown !== null && shown !== previous;
        },
        before,
        { timeout: 30_000 },
      );
    };

    // With no internal domain anywhere, every active registered user counts as internal.
    await go(`/accounts/${ids.account}/usage`);
    await recount();
    // Active: grace.hopper, bulk.four, outside.one, outside.two (Northwind) and contoso.user.
    expect(await readCount('internal')).toBe(5);
    expect(await readCount('external')).toBe(0);

    await go(`/environments/${ids.production}`);
    const editor = page.getByTestId('domain-editor');
    await editor.getByLabel('Add a domain').fill('northwind.example');
    await editor.getByRole('button', { name: 'Add' }).click();
    await editor.getByRole('button', { name: 'Save domains' }).click();
    await page
      .getByTestId('toast')
      .filter({ hasText: /domain/i })
      .first()
      .waitFor();
    expect(await api(stack, stack.adminToken, 'GET', `/environments/${ids.production}/internal-domains`)).toEqual({
      domains: ['northwind.example'],
    });
    await screenshots(page, 'environment');

    await go(`/accounts/${ids.account}/usage`);
    await recount();
    expect(await readCount('internal')).toBe(2);
    expect(await readCount('external')).toBe(3);
    // Three external users against a limit of two: over the limit, said in words, not colour alone.
    await expect(page.getByTestId('usage-status-external').textContent()).resolves.toMatch(/over/i);
    await screenshots(page, 'usage');
  });

  it('shows what each user counts as, and filters the list on it through the URL', async () => {
    // Since the domain change: northwind.example is internal, mail.example is not; bulk.one–three are inactive.
    await go(path.users());
    const classOf = (username: string) =>
      page
        .getByTestId('user-row')
        .filter({ has: page.getByRole('link', { name: username, exact: true }) })
        .getByTestId('license-class');
    await expect(classOf('grace.hopper').textContent()).resolves.toBe('Internal');
    await expect(classOf('outside.one').textContent()).resolves.toBe('External');
    await expect(classOf('bulk.one').textContent()).resolves.toBe('Not counted');
    await expect(classOf('outside.one').getAttribute('class')).resolves.toContain('badge');

    await page.getByTestId('filter-class').selectOption('external');
    await page.waitForURL((url) => url.searchParams.get('licenseClass') === 'external');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 2);
    const shown = await page.getByTestId('user-row').getByRole('link').allTextContents();
    expect(shown.sort()).toEqual(['outside.one', 'outside.two']);
    await screenshots(page, 'users-class');

    // The URL alone brings the filter back, with the select showing it, and combines with the others.
    await go(`${path.users()}?licenseClass=inactive&search=bulk`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 3);
    await expect(page.getByTestId('filter-class').inputValue()).resolves.toBe('inactive');
    await page.getByTestId('clear-filters').click();
    await page.waitForURL((url) => url.search === '');
    await expect(page.getByTestId('filter-class').inputValue()).resolves.toBe('');
  });

  it('saves a screenshot of every other main page, each fitting a narrow window', async () => {
    const groupId = (await api(stack, stack.adminToken, 'GET', `/tenants/${ids.northwind}/groups`)).items[0].id;
    const pages: [string, string][] = [
      ['environments', `/accounts/${ids.account}/environments`],
      ['tenants', `/accounts/${ids.account}/tenants`],
      ['operators', `/accounts/${ids.account}/operators`],
      ['api-keys', `/accounts/${ids.account}/api-keys`],
      ['webhooks', `/accounts/${ids.account}/webhooks`],
      ['webhook-new', `/accounts/${ids.account}/webhooks/new`],
      ['audit-log', `/accounts/${ids.account}/audit`],
      ['users', path.users()],
      ['user-new', `${path.users()}/new`],
      ['user-edit', `${path.user('grace.hopper')}/edit`],
      ['groups', `/tenants/${ids.northwind}/groups`],
      ['group-page', `/tenants/${ids.northwind}/groups/${groupId}`],
      ['roles', `/tenants/${ids.northwind}/roles`],
      ['role', `/tenants/${ids.northwind}/roles/crm.read`],
      ['tenant-audit', `/tenants/${ids.northwind}/audit`],
      ['tenant-settings', `/tenants/${ids.northwind}/settings`],
    ];
    for (const [name, to] of pages) {
      const response = await page.goto(`${stack.adminUrl}${to}`);
      expect(response?.status(), `${name} answered ${response?.status()}`).toBe(200);
      await page.waitForLoadState('networkidle');
      await screenshots(page, name);
    }
  });

  it('keeps a tenant-admin inside the assigned tenant', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(stack, page, TENANT_ADMIN, PASSWORD);
    expect(new URL(page.url()).pathname).toBe(`/accounts/${ids.account}/tenants`);

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect((await nav.getByRole('link').allTextContents()).map((text) => text.trim())).toEqual(['Tenants']);
    await expect(page.getByRole('link', { name: /^Northwind\b/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: /^Contoso\b/ }).count()).resolves.toBe(0);
    await screenshots(page, 'tenant-admin-tenants');

    // Another tenant of the same account, its user, and account pages: not found or not allowed.
    for (const to of [`/tenants/${ids.contoso}/users`, `/tenants/${ids.contoso}/users/${ids.contosoUser}`]) {
      const response = await page.goto(`${stack.adminUrl}${to}`);
      expect(response?.status(), to).toBe(404);
      await expect(page.getByTestId('error-page').getByRole('heading').textContent()).resolves.toBe('Not found');
      // Shown inside the console's frame: the navigation is still there.
      await expect(nav.getByRole('link', { name: 'Tenants' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText('Contoso').count()).resolves.toBe(0);
    }
    await screenshots(page, 'tenant-admin-other-tenant');
    const operators = await page.goto(`${stack.adminUrl}/accounts/${ids.account}/operators`);
    expect(operators?.status()).toBe(403);
    await expect(page.getByTestId('error-page').getByRole('heading').textContent()).resolves.toBe('Not allowed');

    // Its own tenant works as usual.
    const own = await page.goto(`${stack.adminUrl}${path.users()}`);
    expect(own?.status()).toBe(200);
    await page.getByTestId('users-table').waitFor();

    // The API agrees: the console hid nothing the API would have given.
    const token = await apiToken(stack.apiUrl, TENANT_ADMIN, PASSWORD);
    await api(stack, token, 'GET', `/tenants/${ids.contoso}/users`, undefined, 404);
  });

  it('logged no errors in the browser (CSP violations, failed scripts)', () => {
    // The deliberate 404 and 403 documents above are reported by Chromium as failed loads.
    const unexpected = stack.browserProblems.filter((problem) => !/status of 40[34]/.test(problem));
    expect(unexpected).toEqual([]);
  });
});
