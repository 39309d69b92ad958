/** Development start-up seeds a demo account that exercises every part of the model. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoData } from '../src/bootstrap/demo-data.js';
import { expectStatus, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ NODE_ENV: 'development' });
}, 60_000);
afterAll(async () => t?.close());

const get = async (url: string) => expectStatus(await t.request('GET', url, { token: t.adminToken }), 200).body;

describe('demo data', () => {
  it('seeds an account with environments, tenants, users, groups and grants', async () => {
    const accounts = await get('/accounts');
    const demo = accounts.items.find((account: { name: string }) => account.name === 'Demo ISV');
    expect(demo).toBeDefined();
    const environments = await get(`/accounts/${demo.id}/environments`);
    const europe = environments.items.find((environment: { name: string }) => environment.name === 'Production EU');
    const tenants = await get(`/environments/${europe.id}/tenants`);
    const acme = tenants.items.find((tenant: { name: string }) => tenant.name === 'Acme Corporation');

    const users = await get(`/tenants/${acme.id}/users?includeTotal=true&limit=1`);
    expect(users.total).toBe(81);
    expect((await get(`/tenants/${acme.id}/users?kind=anonymous&includeTotal=true`)).total).toBe(1);
    expect((await get(`/tenants/${acme.id}/users?isActive=false&includeTotal=true`)).total).toBeGreaterThan(0);

    const groups = await get(`/tenants/${acme.id}/groups`);
    expect(groups.items.map((group: { name: string; memberCount: number }) => [group.name, group.memberCount])).toEqual(
      [
        ['Sales', 53],
        ['Support', 27],
      ],
    );

    const [ada] = (await get(`/tenants/${acme.id}/users?search=ada.lovelace`)).items;
    const roles = await get(`/tenants/${acme.id}/users/${ada.id}/roles`);
    expect(roles.items.map((role: { key: string }) => role.key)).toEqual(['crm.admin', 'crm.viewer']);
  });

  it('is not seeded again into a database that has data', async () => {
    expect(await t.app.get(DemoData).seedIfEmpty()).toBe(false);
    const accounts = await get('/accounts');
    expect(accounts.items.filter((account: { name: string }) => account.name === 'Demo ISV')).toHaveLength(1);
  });
});
