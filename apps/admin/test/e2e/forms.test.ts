/**
 * End to end: how the console's forms and dialogs speak — errors at their field in one way (the API's
 * duplicate names, the console's own checks instead of browser bubbles, messages that go once the value
 * changes), honest notices, page totals, Unicode email domains, grouped numbers, where the keyboard
 * starts in a dialog, Escape in the account switcher, and a question before unsaved edits are lost.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, openPage, screenshots, signIn, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;
/** More than one page of users (50 a page), so the list has a second page. */
const USER_COUNT = 57;

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', tenant: '', idnUser: '', ada: '' };

async function go(to: string): Promise<void> {
  await page.goto(`${stack.adminUrl}${to}`);
}

/**
 * Opens a page and waits until it is quiet, so it has hydrated: an edit typed before hydration is lost, the form
 * is then not dirty, and a test waiting for the question about leaving would wait forever.
 */
async function goSettled(target: Page, to: string): Promise<void> {
  await target.goto(`${stack.adminUrl}${to}`, { waitUntil: 'networkidle' });
}

/** The element that has the keyboard focus, by id or, failing that, by its text. */
function focused(): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element?.id || element?.textContent?.trim() || element?.tagName || '';
  });
}

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', {
      name: `Forms ${randomId()}`,
      subscription: { model: 'internal-external', internalLimit: 2000, externalLimit: 50 },
    })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  ids.tenant = (await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Fabrikam' })).id;
  for (let start = 0; start < USER_COUNT; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, USER_COUNT - start) }, (_, i) =>
        api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, {
          username: `user.${String(start + i).padStart(2, '0')}`,
        }),
      ),
    );
  }
  ids.ada = (
    await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, { username: 'ada', email: 'ada@fabrikam.example' })
  ).id;
  ids.idnUser = (
    await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, {
      username: 'jorg',
      email: 'jorg@xn--mnchen-3ya.example',
    })
  ).id;
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
});

afterAll(async () => {
  await stack?.stop();
});

describe('errors in one way', () => {
  it('marks the name field when an environment’s name is taken', async () => {
    await go(`/accounts/${ids.account}/environments`);
    await page.getByRole('button', { name: 'New environment' }).click();
    await page.locator('#create-name').fill('PRODUCTION');
    await page.getByRole('dialog').getByRole('button', { name: 'Create environment' }).click();
    const error = page.locator('#create-name-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/environment with this name already exists/);
    await expect(page.locator('#create-name').getAttribute('aria-invalid')).resolves.toBe('true');
    // Said once, at the field; the alert only points at it.
    await expect(page.getByRole('dialog').getByTestId('form-error').textContent()).resolves.toContain(
      'see the marked fields',
    );
    await screenshots(page, 'forms-duplicate-environment');

    // The message was about "PRODUCTION"; once the name changes it goes.
    await page.locator('#create-name').press('End');
    await page.locator('#create-name').pressSequentially(' EU');
    await error.waitFor({ state: 'detached' });
    await expect(page.locator('#create-name').getAttribute('aria-invalid')).resolves.toBeNull();
  });

  it('checks the New group dialog with the console’s message, not the browser’s bubble', async () => {
    await go(`/tenants/${ids.tenant}/groups`);
    await page.getByTestId('new-group').click();
    const form = page.getByTestId('create-group-form');
    await expect(form.evaluate((element) => (element as HTMLFormElement).noValidate)).resolves.toBe(true);
    await form.getByRole('button', { name: 'Create group' }).click();
    const error = page.locator('#create-group-name-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe('Enter a name.');
    await expect(focused()).resolves.toBe('create-group-name');
    // Nothing was sent: still the groups page, the dialog open.
    expect(new URL(page.url()).pathname).toBe(`/tenants/${ids.tenant}/groups`);
    await screenshots(page, 'forms-group-required');

    await page.locator('#create-group-name').fill('Editors');
    await error.waitFor({ state: 'detached' });
  });

  it('clears “username already exists” once the username changes, and names a NUL byte for what it is', async () => {
    await go(`/tenants/${ids.tenant}/users/new`);
    await page.locator('#field-username').fill('ADA');
    await page.getByTestId('user-form-submit').click();
    const error = page.locator('#field-username-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/username already exists/);

    await page.locator('#field-username').pressSequentially('2');
    await error.waitFor({ state: 'detached' });
    await expect(page.locator('#field-username').getAttribute('aria-invalid')).resolves.toBeNull();

    await page.locator('#field-username').fill('ada\u0000lovelace');
    await page.getByTestId('user-form-submit').click();
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/invisible control characters \(such as NUL\)/);
    await expect(error.textContent()).resolves.not.toMatch(/tabs or line breaks/);
    await screenshots(page, 'forms-nul');
  });

  it('marks the name of an API key that the account has already', async () => {
    await go(`/accounts/${ids.account}/api-keys`);
    for (const name of ['Billing export', 'BILLING EXPORT']) {
      await page.getByRole('button', { name: 'Create API key' }).first().click();
      await page.locator('#create-key-name').fill(name);
      await page.getByRole('dialog').getByRole('radio', { name: 'billing', exact: true }).check();
      await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
      if (name === 'Billing export') {
        await page.getByTestId('toast').filter({ hasText: 'created' }).waitFor();
        // The key is shown once, in the box shared with webhook secrets.
        await expect(page.getByTestId('new-api-key').textContent()).resolves.toContain('will not be shown again');
        await expect(page.getByTestId('new-api-key-value').inputValue()).resolves.not.toBe('');
      }
    }
    const error = page.locator('#create-key-name-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/API key with this name already exists/);
    await expect(page.locator('#create-key-name').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshots(page, 'forms-duplicate-api-key');
  });
});

describe('messages that say what happened', () => {
  it('says a user who was in the group already was already a member', async () => {
    const group = await api(stack, stack.adminToken, 'POST', `/tenants/${ids.tenant}/groups`, { name: 'Readers' });
    await go(`/tenants/${ids.tenant}/groups/${group.id}`);
    for (let round = 0; round < 2; round += 1) {
      const picker = page.getByRole('combobox', { name: 'Add a member' });
      await chooseInPicker(picker, 'ada');
      await page.getByTestId('add-member-form').getByRole('button', { name: 'Add' }).click();
      await page
        .getByTestId('toast')
        .filter({ hasText: round === 0 ? '“ada” is now a member' : '“ada” was already a member' })
        .waitFor();
    }
    await screenshots(page, 'forms-already-member');
  });
});

/**
 * Types into a picker and clicks the option named so. On a loaded machine the keys can land before the page
 * has hydrated (or while it re-renders after the previous add), and no list opens: typing again is what a
 * person would do, so the test does that, up to three times.
 */
async function chooseInPicker(picker: Locator, text: string): Promise<void> {
  const option = page.getByRole('option', { name: new RegExp(`^${text}\\b`) });
  for (let attempt = 1; ; attempt += 1) {
    await picker.fill('');
    await picker.pressSequentially(text);
    // The list may be re-rendered under the pointer while the page settles (an option detached mid-click): a
    // click that does not land within a few seconds starts the typing over rather than waiting out 30 s.
    const chosen = await option
      .click({ timeout: 8_000 })
      .then(() => true)
      .catch((error: unknown) => {
        if (attempt === 3) throw error;
        return false;
      });
    if (chosen) return;
  }
}

describe('smaller things', () => {
  it('counts the second page of users out of the total', async () => {
    await go(`/tenants/${ids.tenant}/users`);
    const total = USER_COUNT + 2;
    await expect(page.getByTestId('pager').textContent()).resolves.toContain(`1–50 of ${total} users`);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL((url) => url.searchParams.has('cursor'));
    await expect(page.getByTestId('pager').textContent()).resolves.toContain(`51–${total} of ${total} users`);
  });

  it('shows an internationalised email domain in Unicode', async () => {
    await go(`/tenants/${ids.tenant}/users?search=jorg`);
    const row = page.getByTestId('user-row').filter({ hasText: 'jorg' });
    await expect(row.textContent()).resolves.toContain('jorg@münchen.example');
    await expect(row.textContent()).resolves.not.toContain('xn--');
    await go(`/tenants/${ids.tenant}/users/${ids.idnUser}`);
    await expect(page.locator('main').textContent()).resolves.toContain('jorg@münchen.example');
    await screenshots(page, 'forms-idn-email');
  });

  it('starts the keyboard in a dialog’s first field, or on a confirmation’s action, never on ×', async () => {
    await go(`/tenants/${ids.tenant}/groups`);
    await page.getByTestId('new-group').click();
    await page.getByRole('dialog').waitFor();
    await expect(focused()).resolves.toBe('create-group-name');
    await page.keyboard.press('Escape');

    const group = await api(stack, stack.adminToken, 'POST', `/tenants/${ids.tenant}/groups`, { name: 'Temporary' });
    await go(`/tenants/${ids.tenant}/groups/${group.id}`);
    await page.getByRole('button', { name: 'Delete group' }).click();
    await page.getByRole('dialog').waitFor();
    await expect(focused()).resolves.toBe('Delete group');
    await page.keyboard.press('Escape');
  });

  it('asks before leaving a form with unsaved edits, and leaves when told to', async () => {
    const editPath = `/tenants/${ids.tenant}/users/${ids.ada}/edit`;
    await goSettled(page, editPath);
    const asked: string[] = [];
    let answer = false;
    const onDialog = (dialog: import('playwright-core').Dialog) => {
      asked.push(`${dialog.type()}: ${dialog.message()}`);
      void (answer ? dialog.accept() : dialog.dismiss());
    };
    page.on('dialog', onDialog);
    try {
      // Nothing typed yet: leaving asks nothing.
      await page.getByRole('link', { name: 'Cancel' }).click();
      await page.waitForURL((url) => url.pathname === `/tenants/${ids.tenant}/users/${ids.ada}`);
      expect(asked).toEqual([]);

      await goSettled(page, editPath);
      await page.locator('#field-name').fill('Ada Lovelace');
      await page.getByRole('link', { name: 'Cancel' }).click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toMatch(/^confirm: .*not been saved/);
      expect(new URL(page.url()).pathname).toBe(editPath);
      await expect(page.locator('#field-name').inputValue()).resolves.toBe('Ada Lovelace');

      answer = true;
      await page.getByRole('link', { name: 'Cancel' }).click();
      await page.waitForURL((url) => url.pathname === `/tenants/${ids.tenant}/users/${ids.ada}`);
      expect(asked).toHaveLength(2);

      // Saving is not leaving: no question on the way to the user's page.
      await goSettled(page, editPath);
      await page.locator('#field-name').fill('Ada King');
      await page.getByTestId('user-form-submit').click();
      await page.waitForURL((url) => url.pathname === `/tenants/${ids.tenant}/users/${ids.ada}`);
      expect(asked).toHaveLength(2);
    } finally {
      page.off('dialog', onDialog);
    }

    // Closing the tab with edits: the browser's own question (beforeunload).
    const tab = await openPage(stack);
    await goSettled(tab, editPath);
    await tab.locator('#field-name').fill('Ada Byron');
    const unload = new Promise<string>((resolve, reject) => {
      const silence = setTimeout(() => reject(new Error('Closing the tab with edits asked nothing in 15 s')), 15_000);
      tab.once('dialog', (dialog) => {
        clearTimeout(silence);
        resolve(dialog.type());
        void dialog.accept();
      });
    });
    await tab.close({ runBeforeUnload: true });
    await expect(unload).resolves.toBe('beforeunload');
  });
});

describe('as the platform admin', () => {
  beforeAll(async () => {
    await stack.browser.clearCookies();
    await signIn(stack, page, stack.adminUsername, stack.adminPassword);
  });

  it('shows subscription limits grouped as everywhere else, and takes them back that way', async () => {
    await go(`/accounts/${ids.account}`);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const internal = page.locator('#subscription-internalLimit');
    await expect(internal.inputValue()).resolves.toBe('2,000');
    await internal.fill('1,500');
    await page.locator('#subscription-externalLimit').fill('12000');
    await page.getByRole('button', { name: 'Save subscription' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const account = await api(stack, stack.adminToken, 'GET', `/accounts/${ids.account}`);
    expect(account.subscription).toMatchObject({ internalLimit: 1500, externalLimit: 12000 });
    // The dialog closes as the save answers; the page's data is reloaded after that (slowly on a loaded machine).
    await page.locator('section[aria-labelledby="subscription-title"]').getByText('1,500').first().waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(internal.inputValue()).resolves.toBe('1,500');
    await screenshots(page, 'forms-subscription');
    await page.keyboard.press('Escape');
  });

  it('closes the account switcher on Escape and gives the focus back to it', async () => {
    await go(`/accounts/${ids.account}`);
    const switcher = page.getByTestId('account-switcher');
    await switcher.locator('summary').click();
    await expect(switcher.evaluate((element) => (element as HTMLDetailsElement).open)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(switcher.evaluate((element) => (element as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('SUMMARY');
  });

  it('left no errors in the browser console', () => {
    expect(stack.browserProblems).toEqual([]);
  });
});
