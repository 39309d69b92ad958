/**
 * End to end: layout at 1280 px with the longest values the API accepts — the users table keeps every
 * column in the window, the audit trail's before → after values read on a line, and typed text in every
 * input (dialogs included) is text-colored while placeholders stay grey. Screenshots land in test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, SCREENSHOTS, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;
/** As long as a username may be (250), with no space to break at. */
const LONG_USERNAME = `maximiliana.${'x'.repeat(250 - 'maximiliana.'.length - '.wolfeschlegel'.length)}.wolfeschlegel`;
/** As long as a name may be (200), in words. */
const LONG_NAME = 'Maximiliana Adelheid Wolfeschlegelsteinhausenbergerdorff '.repeat(4).slice(0, 200).trim();
const LONG_EMAIL = `${'very.long.address.'.repeat(5)}person@subdivision.northwind-traders.example`;
/** The text color of the design tokens (--color-text, #182032). */
const TEXT_COLOR = 'rgb(24, 32, 50)';

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', tenant: '', user: '', group: '' };

async function go(to: string): Promise<void> {
  const response = await page.goto(`${stack.adminUrl}${to}`);
  expect(response?.status(), to).toBe(200);
  await page.waitForLoadState('networkidle');
}

async function shot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `layout-${name}-1280.png`), fullPage });
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', {
      name: 'Northwind Traders',
      subscription: { model: 'internal-external', internalLimit: 100, externalLimit: 100 },
    })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.tenant = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Northwind' })).id;
  ids.user = (
    await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, {
      username: LONG_USERNAME,
      name: LONG_NAME,
      email: LONG_EMAIL,
    })
  ).id;
  for (const username of ['ada.lovelace', 'grace.hopper']) {
    await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, { username, name: 'Someone Ordinary' });
  }
  // A few changes for the user's audit trail: short values, and the long ones.
  const user = `/tenants/${ids.tenant}/users/${ids.user}`;
  await api(stack, admin, 'PATCH', user, { name: 'Grace Hopper', mobilePhone: '+442079460000' });
  await api(stack, admin, 'PATCH', user, { name: 'Grace Brewster Murray Hopper', mobilePhone: '+12125550100' });
  await api(stack, admin, 'PATCH', user, { name: LONG_NAME });
  ids.group = (await api(stack, admin, 'POST', `/tenants/${ids.tenant}/groups`, { name: 'Readers' })).id;
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
});

afterAll(async () => {
  await stack?.stop();
});

describe('layout at 1280 px (issue 14, item 16)', () => {
  it('keeps every column of the users table in the window, cutting long values with the whole on hover', async () => {
    await go(`/tenants/${ids.tenant}/users`);
    await shot('users');
    const layout = await page.evaluate(() => {
      const table = document.querySelector('[data-testid="users-table"]')!;
      const wrap = table.parentElement!;
      const headers = [...table.querySelectorAll('thead th')].map((th) => ({
        text: th.textContent?.trim() ?? '',
        right: th.getBoundingClientRect().right,
      }));
      const row = [...table.querySelectorAll('[data-testid="user-row"]')].find((tr) =>
        tr.textContent?.includes('maximiliana'),
      )!;
      const clipped = [...row.querySelectorAll<HTMLElement>('.clip')].map((element) => ({
        title: element.title,
        text: element.textContent ?? '',
        cut: element.scrollWidth > element.clientWidth,
      }));
      return {
        viewport: window.innerWidth,
        wrapRight: wrap.getBoundingClientRect().right,
        scrollsSideways: wrap.scrollWidth > wrap.clientWidth,
        pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
        headers,
        clipped,
      };
    });
    const created = layout.headers.find((header) => header.text.startsWith('Created'))!;
    const lastLogin = layout.headers.find((header) => header.text.startsWith('Last login'))!;
    expect(created.right).toBeLessThanOrEqual(layout.viewport);
    expect(created.right).toBeLessThanOrEqual(layout.wrapRight + 0.5);
    expect(lastLogin.right).toBeLessThanOrEqual(layout.wrapRight + 0.5);
    expect(layout.scrollsSideways).toBe(false);
    expect(layout.pageScrollsSideways).toBe(false);
    // Username, name and email are cut with an ellipsis, and whole in the title.
    expect(layout.clipped).toEqual([
      { title: LONG_USERNAME, text: LONG_USERNAME, cut: true },
      { title: LONG_NAME, text: LONG_NAME, cut: true },
      { title: LONG_EMAIL, text: LONG_EMAIL, cut: true },
    ]);
  });

  it('shows the audit trail’s before → after values on a line, not two characters per line', async () => {
    await go(`/tenants/${ids.tenant}/users/${ids.user}`);
    const summaries = page.locator('[data-testid="audit-trail"] details > summary');
    for (let index = 0; index < (await summaries.count()); index += 1) await summaries.nth(index).click();
    await shot('user');
    const values = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="audit-diff"] del, [data-testid="audit-diff"] ins')].map(
        (element) => {
          const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 20;
          return {
            text: element.textContent ?? '',
            lines: Math.round(element.getBoundingClientRect().height / lineHeight),
            width: element.getBoundingClientRect().width,
          };
        },
      ),
    );
    const short = values.filter((value) => value.text.length <= 30);
    expect(short.map((value) => value.text)).toEqual(
      expect.arrayContaining(['Grace Hopper', 'Grace Brewster Murray Hopper', '+442079460000', '+12125550100']),
    );
    for (const value of short) expect(value, value.text).toMatchObject({ lines: 1 });
    // A 200-character value wraps, but at a readable measure (at least ~25 characters a line).
    const long = values.find((value) => value.text === LONG_NAME)!;
    expect(long.lines).toBeLessThanOrEqual(8);
  });

  it('gives typed text the text color in every input and dialog, and placeholders their grey', async () => {
    // As a person sees it: a dialog's placeholder, then text typed over it.
    await go(`/environments/${ids.production}`);
    await page.getByRole('button', { name: 'New tenant' }).click();
    const name = page.locator('dialog[open]').getByLabel('Name');
    await shot('dialog-placeholder', false);
    await name.fill('Contoso Pharmaceuticals');
    await shot('dialog-typed', false);
    await expect(name.evaluate((element) => getComputedStyle(element).color)).resolves.toBe(TEXT_COLOR);
    await page.keyboard.press('Escape');

    const pages = [
      `/accounts/${ids.account}`,
      `/accounts/${ids.account}/tenants`,
      `/accounts/${ids.account}/operators`,
      `/accounts/${ids.account}/api-keys`,
      `/accounts/${ids.account}/webhooks/new`,
      `/accounts/${ids.account}/environments`,
      `/environments/${ids.production}`,
      `/tenants/${ids.tenant}/users`,
      `/tenants/${ids.tenant}/users/new`,
      `/tenants/${ids.tenant}/users/${ids.user}`,
      `/tenants/${ids.tenant}/users/${ids.user}/edit`,
      `/tenants/${ids.tenant}/groups`,
      `/tenants/${ids.tenant}/groups/${ids.group}`,
      `/tenants/${ids.tenant}/roles`,
      `/tenants/${ids.tenant}/audit`,
      `/tenants/${ids.tenant}/settings`,
    ];
    let checked = 0;
    let withPlaceholder = 0;
    for (const to of pages) {
      await go(to);
      // Dialogs are in the page while closed: their inputs' styles are computed all the same.
      const inputs = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.input, .select')].map((element) => ({
          id: element.id || element.getAttribute('name') || element.outerHTML.slice(0, 80),
          inDialog: element.closest('dialog') !== null,
          color: getComputedStyle(element).color,
          placeholder: element.hasAttribute('placeholder') ? getComputedStyle(element, '::placeholder').color : null,
        })),
      );
      for (const input of inputs) {
        expect(input.color, `${to} #${input.id}`).toBe(TEXT_COLOR);
        if (input.placeholder === null) continue;
        expect(input.placeholder, `${to} #${input.id}`).not.toBe(input.color);
        withPlaceholder += 1;
      }
      checked += inputs.length;
    }
    expect(checked).toBeGreaterThan(20);
    expect(withPlaceholder).toBeGreaterThan(5);
  });

  it('logged no errors in the browser (CSP violations, failed scripts)', () => {
    expect(stack.browserProblems).toEqual([]);
  });
});
