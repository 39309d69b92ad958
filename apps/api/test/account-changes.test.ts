/**
 * The changes each account-level route records (DESIGN.md §5) — accounts, environments, tenants and
 * applications — and that each audit row says exactly what its change says (expectChanges checks both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectChanges } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const asAdmin = (method: string, url: string, body?: unknown) =>
  t.request(method, url, { token: w.tokens.admin, body });
const asPlatform = (method: string, url: string, body?: unknown) =>
  t.request(method, url, { token: t.adminToken, body });

describe('account routes record their changes', () => {
  it('create, rename, a new subscription and deletion record account.created/updated/deleted', async () => {
    let id = '';
    const [created] = await expectChanges(t, async () => {
      id = expectStatus(
        await asPlatform('POST', '/accounts', { name: unique('acct'), subscription: { model: 'named' } }),
        201,
      ).body.id;
    }, [{ type: 'account.created', before: null }]);
    expect(created).toMatchObject({ subject: { type: 'account', id }, accountId: id, tenantId: null });
    await expectChanges(
      t,
      async () => expectStatus(await asPlatform('PATCH', `/accounts/${id}`, { name: 'Renamed' }), 200),
      [{ type: 'account.updated', after: expect.objectContaining({ name: 'Renamed' }) }],
    );
    await expectChanges(
      t,
      async () => expectStatus(await asPlatform('PATCH', `/accounts/${id}`, { subscription: { namedLimit: 10 } }), 200),
      [
        {
          type: 'account.updated',
          after: expect.objectContaining({ subscription: expect.objectContaining({ namedLimit: 10 }) }),
        },
      ],
    );
    await expectChanges(t, async () => expectStatus(await asPlatform('DELETE', `/accounts/${id}`), 204), [
      { type: 'account.deleted', subject: { type: 'account', id }, after: null },
    ]);
  });

  it('a refused change records nothing', async () => {
    await expectChanges(
      t,
      async () =>
        expectStatus(
          await t.request('PATCH', `/accounts/${w.accountId}`, {
            token: w.tokens.owner,
            body: { subscription: { namedLimit: 1 } },
          }),
          403,
        ),
      [],
    );
  });
});

describe('environment routes record their changes', () => {
  it('create, update, domains and delete record environment.* in the account, with no tenant', async () => {
    let id = '';
    await expectChanges(t, async () => {
      id = expectStatus(
        await asAdmin('POST', `/accounts/${w.accountId}/environments`, { name: unique('env'), kind: 'non-production' }),
        201,
      ).body.id;
    }, [{ type: 'environment.created', accountId: w.accountId, tenantId: null, before: null }]);
    await expectChanges(
      t,
      async () => expectStatus(await asAdmin('PATCH', `/environments/${id}`, { kind: 'production' }), 200),
      [
        {
          type: 'environment.updated',
          subject: { type: 'environment', id },
          before: expect.objectContaining({ kind: 'non-production' }),
          after: expect.objectContaining({ kind: 'production' }),
        },
      ],
    );
    await expectChanges(
      t,
      async () =>
        expectStatus(await asAdmin('PUT', `/environments/${id}/internal-domains`, { domains: ['acme.com'] }), 200),
      [{ type: 'environment.internal-domains.replaced', before: { domains: [] }, after: { domains: ['acme.com'] } }],
    );
    await expectChanges(t, async () => expectStatus(await asAdmin('DELETE', `/environments/${id}`), 204), [
      { type: 'environment.deleted', subject: { type: 'environment', id }, after: null },
    ]);
  });

  it('a delete refused while tenants exist records nothing', async () => {
    await expectChanges(
      t,
      async () => expectStatus(await asAdmin('DELETE', `/environments/${w.environmentId}`), 409),
      [],
    );
  });
});

describe('tenant routes record their changes', () => {
  it('create, rename, domains and delete record tenant.* on the tenant', async () => {
    let id = '';
    await expectChanges(t, async () => {
      id = expectStatus(
        await asAdmin('POST', `/environments/${w.environmentId}/tenants`, { name: unique('tenant') }),
        201,
      ).body.id;
    }, [{ type: 'tenant.created', before: null }]);
    const changes = await expectChanges(t, async () => {
      expectStatus(await asAdmin('PATCH', `/tenants/${id}`, { name: 'Renamed tenant' }), 200);
      expectStatus(await asAdmin('PUT', `/tenants/${id}/internal-domains`, { domains: ['client.example'] }), 200);
      expectStatus(await asAdmin('DELETE', `/tenants/${id}`), 204);
    }, [
      { type: 'tenant.updated', after: expect.objectContaining({ name: 'Renamed tenant' }) },
      { type: 'tenant.internal-domains.replaced', after: { domains: ['client.example'] } },
      { type: 'tenant.deleted', after: null },
    ]);
    for (const change of changes) expect(change).toMatchObject({ subject: { type: 'tenant', id }, tenantId: id });
  });
});

describe('application routes record their changes', () => {
  it('a first declaration records application.declared, a later one application.redeclared', async () => {
    const key = unique('app')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const url = `/environments/${w.environmentId}/applications/${key}`;
    const body = { name: 'App', roles: [{ key: `${key}.read`, name: 'Read' }] };
    await expectChanges(t, async () => expectStatus(await asAdmin('PUT', url, body), 201), [
      { type: 'application.declared', environmentId: w.environmentId, before: null },
    ]);
    await expectChanges(t, async () => expectStatus(await asAdmin('PUT', url, { ...body, roles: [] }), 200), [
      {
        type: 'application.redeclared',
        before: expect.objectContaining({ roles: [expect.objectContaining({ isActive: true })] }),
        after: expect.objectContaining({ roles: [expect.objectContaining({ isActive: false })] }),
      },
    ]);
  });
});
