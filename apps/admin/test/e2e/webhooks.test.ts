/**
 * End to end: the Webhooks page. An owner adds an endpoint pointing at a receiver this test runs on 127.0.0.1,
 * sees the signing secret once, sends a test ping and watches it arrive in the delivery log (delivered by the
 * real worker); the receiver checks the request's signature with the `standardwebhooks` package and the secret
 * the console showed. Real API and worker, built console, real Chromium.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, screenshots, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let stack: Stack;
let page: Page;
let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
const ids = { account: '', production: '', northwind: '', webhook: '' };

/** Answers every POST with 200 and keeps what came, as a receiver that verifies later would. */
async function startReceiver(): Promise<void> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/roster-events`;
}

/**
 * Readies the page for a screenshot: toasts closed (they hide the rows under them), the mouse away from any
 * hover style, and scrolled to the top (a full-page shot of a scrolled page draws the sticky top bar mid-page).
 */
async function settle(): Promise<void> {
  for (const button of await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).all()) {
    await button.click();
  }
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

beforeAll(async () => {
  await startReceiver();
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', { name: 'Hooks Inc', subscription: { model: 'named' } })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.northwind = (
    await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Northwind' })
  ).id;
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
  // A step that cannot happen fails in seconds, not after the 30 s default.
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('Webhooks page', () => {
  it('starts empty, in the owner’s navigation', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(`**/accounts/${ids.account}/webhooks`);
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('No webhook endpoints yet').isVisible()).resolves.toBe(true);
  });

  it('checks the form in the browser before sending it', async () => {
    await page.getByRole('link', { name: 'Add endpoint' }).first().click();
    await page.waitForURL('**/webhooks/new');
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Endpoint URL').fill('ftp://example.com/hook');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    await expect(page.getByText('Must start with https:// or http://.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Choose at least one event to send.').isVisible()).resolves.toBe(true);
    expect(page.url()).toMatch(/\/webhooks\/new$/);
    await page.getByRole('radio', { name: /Only some tenants/ }).check();
    await settle();
    await screenshots(page, 'webhook-new-form');
    await page.getByRole('radio', { name: /Every tenant/ }).check();
  });

  it('creates an endpoint and shows its secret once', async () => {
    await page.getByLabel('Endpoint URL').fill(receiverUrl);
    await page.getByRole('textbox', { name: /^Description/ }).fill('E2E receiver');
    await page.getByRole('button', { name: 'Select all users events' }).click();
    await page.getByLabel(/roster\.tenant\.created/).check();
    await expect(
      page
        .getByTestId('event-picker')
        .getByText(/selected/)
        .textContent(),
    ).resolves.toMatch(/^8 of \d+/);
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    const box = page.getByTestId('webhook-secret');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain('it will not be shown again');
    const secret = await page.getByTestId('webhook-secret-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await settle();
    await screenshots(page, 'webhooks-created-secret');

    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
    ids.webhook = page.url().split('/').at(-1) ?? '';
    // Gone for good: the endpoint's page never shows it.
    await expect(page.getByTestId('webhook-secret').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain(secret);
    (globalThis as { webhookSecret?: string }).webhookSecret = secret;
  });

  it('lists the endpoint', async () => {
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/webhooks`);
    const row = page.getByTestId('webhooks-table').getByRole('row').nth(1);
    await expect(row.textContent()).resolves.toContain(receiverUrl);
    await expect(row.textContent()).resolves.toContain('8 events');
    await expect(row.textContent()).resolves.toContain('All tenants');
    await expect(row.textContent()).resolves.toContain('Enabled');
    await settle();
    await screenshots(page, 'webhooks-list');
  });

  it('sends a test ping that shows as delivered in the log, signed with the secret shown', async () => {
    await page.getByRole('link', { name: receiverUrl }).click();
    await page.waitForURL(`**/webhooks/${ids.webhook}`);
    await page.waitForLoadState('networkidle');
    await expect(page.getByText('No deliveries yet').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Send test ping' }).click();

    // The page looks again by itself until the attempt is logged.
    const row = page.getByTestId('delivery-row').first();
    await row.waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toMatch(/roster\.ping[\s\S]*succeeded[\s\S]*200/);
    await expect(row.textContent()).resolves.toContain('thanks');

    const ping = received.find((request) => request.body.includes('"roster.ping"'));
    expect(ping, 'the receiver got the ping').toBeDefined();
    const secret = (globalThis as { webhookSecret?: string }).webhookSecret ?? '';
    const headers = Object.fromEntries(Object.entries(ping!.headers).map(([name, value]) => [name, String(value)]));
    const event = new Webhook(secret).verify(ping!.body, headers) as { id: string; type: string };
    expect(event.type).toBe('roster.ping');
    await expect(row.textContent()).resolves.toContain(event.id);
    expect(() =>
      new Webhook(`whsec_${Buffer.from('not the secret').toString('base64')}`).verify(ping!.body, headers),
    ).toThrow();
    await settle();
    await screenshots(page, 'webhook-detail');
  });

  it('filters the log and redelivers an event', async () => {
    // A filter clicked while the log still looks for a new ping must win, even when its page loads slowly:
    // a refresh started meanwhile would cancel the navigation (SvelteKit keeps only the latest load).
    const slowFilter = (url: URL) =>
      url.pathname.endsWith('/__data.json') && url.searchParams.get('status') === 'failed';
    await page.route(slowFilter, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Send test ping' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Test ping sent' }).waitFor();
    await page.getByRole('link', { name: 'Failed', exact: true }).click();
    await page.waitForURL('**?status=failed');
    await page.unroute(slowFilter);
    await expect(page.getByText('No failed deliveries').isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'All', exact: true }).click();
    await page.waitForURL(`**/webhooks/${ids.webhook}`);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return page.getByTestId('delivery-row').count();
        },
        { timeout: 20_000 },
      )
      .toBe(2);
    const before = received.length;
    await page
      .getByRole('button', { name: /^Redeliver roster\.ping/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('delivery-row').count(), { timeout: 20_000 }).toBe(3);
    expect(received.length).toBe(before + 1);
  });

  it('pages through a long log, 25 attempts a page', async () => {
    // Three attempts so far (two pings and a redelivery): 23 more pings make a second page of one.
    for (let i = 0; i < 23; i += 1)
      await api(stack, stack.adminToken, 'POST', `/webhooks/${ids.webhook}/ping`, {}, 202);
    await expect
      .poll(
        async () =>
          (await api(stack, stack.adminToken, 'GET', `/webhooks/${ids.webhook}/deliveries?limit=100`)).items.length,
        { timeout: 30_000, interval: 500 },
      )
      .toBe(26);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(25);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/cursor=/);
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(25);
  });

  it('edits the endpoint: another description, one tenant only, with the API’s refusals at their field', async () => {
    const doomed = (
      await api(stack, stack.adminToken, 'POST', `/environments/${ids.production}/tenants`, { name: 'Doomed' })
    ).id as string;
    await page.reload();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Description/ }).fill('CRM sync');
    await dialog.getByRole('radio', { name: /Only some tenants/ }).check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    // Nothing ticked: the console says so at the tenants, and nothing is sent.
    await dialog.getByText('Choose at least one tenant').waitFor();

    // A tenant deleted while the form was open: the API's refusal shows at the tenants, the values stay.
    await dialog.getByLabel('Doomed').check();
    await api(stack, stack.adminToken, 'DELETE', `/tenants/${doomed}`);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText(`${doomed} is not a tenant of this account.`).waitFor();
    await expect(dialog.getByRole('textbox', { name: /^Description/ }).inputValue()).resolves.toBe('CRM sync');
    await dialog.getByLabel('Doomed').uncheck();
    await dialog.getByLabel('Northwind').check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'CRM sync' }).waitFor();
    const stored = await api(stack, stack.adminToken, 'GET', `/webhooks/${ids.webhook}`);
    expect(stored).toMatchObject({ description: 'CRM sync', tenantIds: [ids.northwind], enabled: true });
    await expect(page.getByTestId('delivery-log').isVisible()).resolves.toBe(true);
  });

  it('shows why Roster disabled an endpoint, in the list and on its page', async () => {
    const reason = 'Deliveries failed for 3 days in a row (last: HTTP 500).';
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      // The worker disables an endpoint only after days of failures: the test sets the outcome directly.
      await client.query('UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2 WHERE id = $1', [
        ids.webhook,
        reason,
      ]);
    } finally {
      await client.end();
    }
    await page.goto(`${stack.adminUrl}/accounts/${ids.account}/webhooks`);
    const row = page.getByTestId('webhooks-table').getByRole('row').nth(1);
    await expect(row.textContent()).resolves.toContain('Disabled by Roster');
    await expect(row.textContent()).resolves.toContain(reason);
    await expect(row.textContent()).resolves.toContain('Northwind');
    await settle();
    await screenshots(page, 'webhooks-list-disabled');
    await page.getByRole('link', { name: receiverUrl }).click();
    await expect(page.getByTestId('disabled-reason').textContent()).resolves.toContain(reason);
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByRole('button', { name: 'Disable', exact: true }).waitFor();
    await expect(page.getByTestId('disabled-reason').count()).resolves.toBe(0);
  });

  it('disables and enables the endpoint, rotates the secret once, and deletes it', async () => {
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('button', { name: 'Enable', exact: true }).waitFor();
    await expect(page.getByText('Disabled', { exact: true }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByRole('button', { name: 'Disable', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.getByTestId('webhook-secret-value').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe((globalThis as { webhookSecret?: string }).webhookSecret);
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await expect(page.getByTestId('webhook-secret').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
    await page.waitForURL(`**/accounts/${ids.account}/webhooks`);
    await expect(page.getByText('No webhook endpoints yet').isVisible()).resolves.toBe(true);
    expect(stack.browserProblems).toEqual([]);
  });

  it('is not offered to a billing operator', async () => {
    const username = `billing-${randomId()}`;
    await api(stack, stack.adminToken, 'POST', `/accounts/${ids.account}/operators`, {
      username,
      password: PASSWORD,
      role: 'billing',
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(stack, page, username, PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Webhooks' }).count()).resolves.toBe(0);
    const response = await page.goto(`${stack.adminUrl}/accounts/${ids.account}/webhooks`);
    expect(response?.status()).toBe(403);
  });
});
