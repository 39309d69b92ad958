/**
 * End to end: exporting a tenant's users from its Users page. An owner filters the list, opens Export and
 * downloads CSV and JSON Lines holding exactly the users the filters show, through the console's server, which
 * passes the API's stream on with the owner's session. Real API, built console, real Chromium.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from './harness';
import { api, openAsNewOwner, screenshots, type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple';
const OWNER = `owner-${randomId()}`;
const HEADER =
  'id,username,name,email,mobilePhone,externalId,kind,isActive,licenseClass,createdAt,updatedAt,lastLoginAt,groups,roles';

let stack: Stack;
let page: Page;
const ids = { account: '', production: '', tenant: '', group: '' };
const users = new Map<string, string>();
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  const admin = stack.adminToken;
  ids.account = (
    await api(stack, admin, 'POST', '/accounts', {
      name: 'Export Ltd',
      subscription: { model: 'named', namedLimit: 50 },
    })
  ).id;
  ids.production = (
    await api(stack, admin, 'POST', `/accounts/${ids.account}/environments`, { name: 'Production', kind: 'production' })
  ).id;
  await api(stack, admin, 'PUT', `/environments/${ids.production}/applications/crm`, {
    name: 'CRM',
    roles: [{ key: 'crm.read', name: 'Reader' }],
  });
  ids.tenant = (
    await api(stack, admin, 'POST', `/environments/${ids.production}/tenants`, { name: 'Fabrikam Zürich' })
  ).id;
  const seed: Record<string, unknown>[] = [
    { username: 'ada', name: 'Ada, "the first"', email: 'ada@fabrikam.example', mobilePhone: '+41 44 000 00 00' },
    { username: 'bob', name: 'Bob Inactive', isActive: false },
    { username: 'carla', name: 'Carla Čapek', email: 'carla@fabrikam.example' },
  ];
  for (const body of seed) {
    const user = await api(stack, admin, 'POST', `/tenants/${ids.tenant}/users`, body);
    users.set(body.username as string, user.id);
  }
  ids.group = (await api(stack, admin, 'POST', `/tenants/${ids.tenant}/groups`, { name: 'Ops; Night' })).id;
  await api(stack, admin, 'PUT', `/tenants/${ids.tenant}/groups/${ids.group}/members/${users.get('carla')}`);
  await api(stack, admin, 'PUT', `/tenants/${ids.tenant}/users/${users.get('ada')}/roles/crm.read`);
  page = await openAsNewOwner(stack, admin, ids.account, OWNER, PASSWORD);
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function download(format: 'csv' | 'jsonl') {
  await page.getByTestId('export-users').locator('summary').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

describe('Exporting users', () => {
  it('offers CSV and JSON Lines of the users the filters show', async () => {
    await page.goto(`${stack.adminUrl}/tenants/${ids.tenant}/users?isActive=true`);
    await page.getByTestId('export-users').locator('summary').click();
    await expect(page.getByTestId('export-scope').textContent()).resolves.toContain('matching the filters');
    await expect(page.getByTestId('export-csv').getAttribute('href')).resolves.toBe(
      `/tenants/${ids.tenant}/users/export?isActive=true&format=csv`,
    );
    await screenshots(page, 'users-export');
    await page.keyboard.press('Escape');
  });

  it('downloads the CSV, named after the tenant, with a header and a row per user shown', async () => {
    const file = await download('csv');
    expect(file.name).toBe(`users-fabrikam-zurich-${today()}.csv`);
    const lines = file.text.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(4); // the header, ada and carla, and the end of the last line
    expect(lines[1]).toMatch(
      new RegExp(
        `^${users.get('ada')},"ada","Ada, ""the first""","ada@fabrikam\\.example","'\\+41 44 000 00 00",,` +
          'registered,true,(internal|external),[^,]+,[^,]+,,,"crm\\.read"$',
      ),
    );
    expect(lines[2]).toContain(`${users.get('carla')},"carla","Carla Čapek"`);
    expect(lines[2]).toMatch(/,"Ops\\; Night",$/);
    expect(file.text).not.toContain('bob');
  });

  it('downloads the JSON Lines with the same filters', async () => {
    const file = await download('jsonl');
    expect(file.name).toBe(`users-fabrikam-zurich-${today()}.jsonl`);
    const exported = file.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { username: string; groups: string[]; roles: string[]; mobilePhone: string });
    expect(exported.map((user) => [user.username, user.groups, user.roles])).toEqual([
      ['ada', [], ['crm.read']],
      ['carla', ['Ops; Night'], []],
    ]);
    expect(exported[0]!.mobilePhone).toBe('+41 44 000 00 00');
  });

  it('streams the API’s file through the console with its type and name, and refuses what the API refuses', async () => {
    const url = `${stack.adminUrl}/tenants/${ids.tenant}/users/export?sort=-username&format=csv`;
    const response = await page.request.get(url);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers()['content-disposition']).toBe(
      `attachment; filename="users-fabrikam-zurich-${today()}.csv"`,
    );
    expect(response.headers()['cache-control']).toBe('private, no-store');
    const usernames = (await response.text())
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[1]);
    expect(usernames).toEqual(['"carla"', '"bob"', '"ada"']);

    const gone = await page.request.get(
      `${stack.adminUrl}/tenants/${ids.tenant}/users/export?groupId=00000000-0000-7000-8000-000000000000`,
    );
    expect(gone.status()).toBe(404);
    expect(stack.browserProblems).toEqual([]);
  });
});
