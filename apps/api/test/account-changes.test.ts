/**
 * The changes each account-level route records (DESIGN.md §5) — accounts, environments, tenants and
 * applications — and that each audit row says exactly what its change says (expectChanges checks both).
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectChanges } from './changes.js';
import { takeRecountRequests } from './recount-requests.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let usageQueue: Queue;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  usageQueue = new Queue('usage', { connection: { url: t.config.redisUrl }, prefix: t.config.queuePrefix });
}, 60_000);
afterAll(async () => {
  await usageQueue?.close();
  await t?.close();
});

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
    }, [{ type: 'tenant.created', accountId: w.accountId, before: null }]);
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
      { type: 'application.declared', accountId: w.accountId, environmentId: w.environmentId, before: null },
    ]);
    await expectChanges(t, async () => expectStatus(await asAdmin('PUT', url, { ...body, roles: [] }), 200), [
      {
        type: 'application.redeclared',
        before: expect.objectContaining({ roles: [expect.objectContaining({ isActive: true })] }),
        after: expect.objectContaining({ roles: [expect.objectContaining({ isActive: false })] }),
      },
    ]);
    // The platform admin acts in no account of its own: the change still belongs to the environment's account.
    await expectChanges(t, async () => expectStatus(await asPlatform('PUT', url, body), 200), [
      { type: 'application.redeclared', accountId: w.accountId, environmentId: w.environmentId },
    ]);
  });
});

describe('refused account-level requests record nothing', () => {
  const asTenantAdmin = (method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: w.tokens['tenant-admin'], body });

  it('the platform admin is refused another account’s name (409): no account.created or account.updated', async () => {
    const name = unique('taken');
    const other = expectStatus(await asPlatform('POST', '/accounts', { name, subscription: { model: 'named' } }), 201);
    await expectChanges(
      t,
      async () =>
        expectStatus(
          await asPlatform('POST', '/accounts', { name: name.toUpperCase(), subscription: { model: 'named' } }),
          409,
        ),
      [],
    );
    await expectChanges(
      t,
      async () => expectStatus(await asPlatform('PATCH', `/accounts/${w.accountId}`, { name }), 409),
      [],
    );
    expectStatus(await asPlatform('DELETE', `/accounts/${other.body.id}`), 204);
  });

  it('a tenant-admin may not create, change or delete environments or tenants (403/404)', async () => {
    await expectChanges(t, async () => {
      expectStatus(
        await asTenantAdmin('POST', `/accounts/${w.accountId}/environments`, {
          name: unique('env'),
          kind: 'production',
        }),
        403,
      );
      expectStatus(await asTenantAdmin('PATCH', `/environments/${w.environmentId}`, { name: 'Mine now' }), 403);
      expectStatus(await asTenantAdmin('POST', `/environments/${w.environmentId}/tenants`, { name: unique('t') }), 403);
      expectStatus(await asTenantAdmin('DELETE', `/tenants/${w.tenantId}`), 403);
      expectStatus(
        await asTenantAdmin('PUT', `/tenants/${w.tenantId}/internal-domains`, { domains: ['x.example'] }),
        403,
      );
    }, []);
  });

  it('a tenant the tenant-admin does not manage is not found, and its deletion records nothing', async () => {
    const other = expectStatus(
      await asAdmin('POST', `/environments/${w.environmentId}/tenants`, { name: unique('other') }),
      201,
    ).body.id as string;
    await expectChanges(t, async () => expectStatus(await asTenantAdmin('DELETE', `/tenants/${other}`), 404), []);
    await expectChanges(t, async () => expectStatus(await asAdmin('DELETE', `/tenants/${other}`), 204), [
      { type: 'tenant.deleted', subject: { type: 'tenant', id: other }, tenantId: other },
    ]);
  });

  it('a tenant name taken in the environment (409) records no tenant.created or tenant.updated', async () => {
    const name = unique('dup');
    const first = expectStatus(await asAdmin('POST', `/environments/${w.environmentId}/tenants`, { name }), 201);
    const second = expectStatus(
      await asAdmin('POST', `/environments/${w.environmentId}/tenants`, { name: unique('dup2') }),
      201,
    );
    await expectChanges(t, async () => {
      expectStatus(
        await asAdmin('POST', `/environments/${w.environmentId}/tenants`, { name: name.toUpperCase() }),
        409,
      );
      expectStatus(await asAdmin('PATCH', `/tenants/${second.body.id}`, { name }), 409);
    }, []);
    for (const id of [first.body.id, second.body.id]) expectStatus(await asAdmin('DELETE', `/tenants/${id}`), 204);
  });

  it('an application declaring another application’s role key (409) records nothing', async () => {
    const key = (suffix: string) =>
      unique(suffix)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
    const owner = key('owner');
    const roleKey = `${owner}.admin`;
    expectStatus(
      await asAdmin('PUT', `/environments/${w.environmentId}/applications/${owner}`, {
        name: 'Owner',
        roles: [{ key: roleKey, name: 'Admin' }],
      }),
      201,
    );
    await expectChanges(
      t,
      async () =>
        expectStatus(
          await asAdmin('PUT', `/environments/${w.environmentId}/applications/${key('thief')}`, {
            name: 'Thief',
            roles: [{ key: roleKey, name: 'Admin' }],
          }),
          409,
        ),
      [],
    );
  });

  it('an unknown environment or tenant is not found, and nothing is recorded', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectChanges(t, async () => {
      expectStatus(await asPlatform('PATCH', `/environments/${missing}`, { name: 'Nothing' }), 404);
      expectStatus(await asPlatform('DELETE', `/tenants/${missing}`), 404);
    }, []);
  });
});

describe('account-level changes ask for a recount exactly when they may move a count (countMoved)', () => {
  /** Whether the account has a pending (debounced) recount request; clears it, so the next step starts afresh. */
  const recountRequested = async (accountId: string) => (await takeRecountRequests(usageQueue, accountId)) > 0;

  it('environment and tenant changes: kind, domains and deletions do; names and creations do not', async () => {
    const world = await createAccountWorld(t);
    const as = (method: string, url: string, body?: unknown) =>
      t.request(method, url, { token: world.tokens.admin, body });
    await recountRequested(world.accountId);

    const environment = expectStatus(
      await as('POST', `/accounts/${world.accountId}/environments`, { name: unique('env'), kind: 'non-production' }),
      201,
    ).body.id as string;
    const tenant = expectStatus(
      await as('POST', `/environments/${environment}/tenants`, { name: unique('tenant') }),
      201,
    ).body.id as string;
    expectStatus(await as('PATCH', `/environments/${environment}`, { name: 'Renamed' }), 200);
    expectStatus(await as('PATCH', `/tenants/${tenant}`, { name: 'Renamed tenant' }), 200);
    expect(await recountRequested(world.accountId)).toBe(false);

    expectStatus(await as('PATCH', `/environments/${environment}`, { kind: 'production' }), 200);
    expect(await recountRequested(world.accountId)).toBe(true);
    expectStatus(await as('PUT', `/environments/${environment}/internal-domains`, { domains: ['a.example'] }), 200);
    expect(await recountRequested(world.accountId)).toBe(true);
    // The same list again reclassifies no one.
    expectStatus(await as('PUT', `/environments/${environment}/internal-domains`, { domains: ['a.example'] }), 200);
    expect(await recountRequested(world.accountId)).toBe(false);
    expectStatus(await as('PUT', `/tenants/${tenant}/internal-domains`, { domains: ['b.example'] }), 200);
    expect(await recountRequested(world.accountId)).toBe(true);
    expectStatus(await as('DELETE', `/tenants/${tenant}`), 204);
    expect(await recountRequested(world.accountId)).toBe(true);
    expectStatus(await as('DELETE', `/environments/${environment}`), 204);
    expect(await recountRequested(world.accountId)).toBe(true);
  });

  it('an account: a new subscription does, a rename does not', async () => {
    const world = await createAccountWorld(t);
    await recountRequested(world.accountId);
    expectStatus(await asPlatform('PATCH', `/accounts/${world.accountId}`, { name: unique('renamed') }), 200);
    expect(await recountRequested(world.accountId)).toBe(false);
    expectStatus(
      await asPlatform('PATCH', `/accounts/${world.accountId}`, { subscription: { model: 'named', namedLimit: 7 } }),
      200,
    );
    expect(await recountRequested(world.accountId)).toBe(true);
  });
});
