/** Applications declare their roles; undeclared roles become inactive and come back when declared again. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const declare = (
  environmentId: string,
  key: string,
  roles: { key: string; name: string; description?: string }[],
  name = 'CRM',
) =>
  t.request('PUT', `/environments/${environmentId}/applications/${key}`, {
    token: w.keys.admin,
    body: { name, roles },
  });
const roles = async (environmentId: string) =>
  (await t.request('GET', `/environments/${environmentId}/roles`, { token: w.tokens['tenant-admin'] })).body.items;

describe('role declarations', () => {
  it('creates the application and its roles (201), then re-declares (200)', async () => {
    const first = await declare(w.environmentId, 'crm', [
      { key: 'crm.admin', name: 'Admin', description: 'Everything' },
      { key: 'crm.sales', name: 'Sales' },
    ]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      key: 'crm',
      name: 'CRM',
      roles: [
        { key: 'crm.admin', name: 'Admin', description: 'Everything', applicationKey: 'crm', isActive: true },
        { key: 'crm.sales', name: 'Sales', description: '', applicationKey: 'crm', isActive: true },
      ],
    });
    const again = await declare(
      w.environmentId,
      'crm',
      [
        { key: 'crm.admin', name: 'Administrator' },
        { key: 'crm.sales', name: 'Sales' },
      ],
      'CRM Suite',
    );
    expect(again.status).toBe(200);
    expect(again.body.name).toBe('CRM Suite');
    expect(again.body.roles[0]).toMatchObject({ key: 'crm.admin', name: 'Administrator', description: '' });
  });

  it('marks a role no longer declared inactive and keeps it; declaring it again reactivates it', async () => {
    await declare(w.environmentId, 'crm', [{ key: 'crm.admin', name: 'Admin' }]);
    expect(await roles(w.environmentId)).toEqual([
      expect.objectContaining({ key: 'crm.admin', isActive: true }),
      expect.objectContaining({ key: 'crm.sales', isActive: false }),
    ]);
    const { rows } = await t.db.query(`SELECT id FROM roles WHERE key = 'crm.sales'`);
    await declare(w.environmentId, 'crm', [
      { key: 'crm.admin', name: 'Admin' },
      { key: 'crm.sales', name: 'Sales' },
    ]);
    expect(await roles(w.environmentId)).toEqual([
      expect.objectContaining({ key: 'crm.admin', isActive: true }),
      expect.objectContaining({ key: 'crm.sales', isActive: true }),
    ]);
    // The same role row came back: grants made to it (end users, next issue) survive the round trip.
    expect((await t.db.query(`SELECT id FROM roles WHERE key = 'crm.sales'`)).rows).toEqual(rows);
  });

  it('an application declaring no roles deactivates all of its roles', async () => {
    await declare(w.environmentId, 'reports', [{ key: 'reports.read', name: 'Read' }]);
    const response = await declare(w.environmentId, 'reports', []);
    expect(response.body.roles).toEqual([expect.objectContaining({ key: 'reports.read', isActive: false })]);
  });

  it('refuses a role key another application of the environment uses (409), changing nothing', async () => {
    const before = await roles(w.environmentId);
    const response = await declare(w.environmentId, 'billing-app', [
      { key: 'billing.view', name: 'View' },
      { key: 'crm.admin', name: 'Stolen' },
    ]);
    expect(response.status).toBe(409);
    expect(response.body.detail).toContain('"crm.admin" (application "crm")');
    expect(await roles(w.environmentId)).toEqual(before);
    const apps = (await t.request('GET', `/environments/${w.environmentId}/applications`, { token: w.tokens.admin }))
      .body.items;
    expect(apps.map((a: { key: string }) => a.key)).not.toContain('billing-app');
  });

  it('also refuses a key held by an inactive role of another application', async () => {
    // reports.read is inactive (declared by no one) but still belongs to "reports".
    const response = await declare(w.environmentId, 'other', [{ key: 'reports.read', name: 'Read' }]);
    expect(response.status).toBe(409);
  });

  it('allows the same role key in another environment', async () => {
    const response = await declare(w.otherEnvironmentId, 'crm', [{ key: 'crm.admin', name: 'Admin' }]);
    expect(response.status).toBe(201);
  });

  it('lists applications with their roles, inactive ones marked', async () => {
    const { body } = await t.request('GET', `/environments/${w.environmentId}/applications`, { token: w.tokens.owner });
    expect(body.items.map((a: { key: string }) => a.key)).toEqual(['crm', 'reports']);
    expect(body.items[1].roles).toEqual([expect.objectContaining({ key: 'reports.read', isActive: false })]);
  });
});
