/**
 * Who holds a role in a tenant (the console's role page): the groups granting it
 * (`GET /groups?roleKey=`) and the users holding it directly or through a group (`roleSource`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
const users: Record<'direct' | 'viaGroup' | 'both' | 'none', string> = { direct: '', viaGroup: '', both: '', none: '' };
const groups: Record<'granting' | 'other', string> = { granting: '', other: '' };

type Options = { token?: string; body?: unknown };
const call = (method: string, url: string, options: Options = {}) =>
  t.request(method, url, { token: w.tokens.admin, ...options });
const tenant = `/tenants/`;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  expectStatus(
    await call('PUT', `/environments/${w.environmentId}/applications/crm`, {
      body: {
        name: 'CRM',
        roles: [
          { key: 'crm.read', name: 'Read' },
          { key: 'crm.write', name: 'Write' },
        ],
      },
    }),
    201,
  );
  const base = `${tenant}${w.tenantId}`;
  for (const name of Object.keys(users) as (keyof typeof users)[]) {
    users[name] = expectStatus(await call('POST', `${base}/users`, { body: { username: unique(name) } }), 201).body.id;
  }
  for (const name of Object.keys(groups) as (keyof typeof groups)[]) {
    groups[name] = expectStatus(await call('POST', `${base}/groups`, { body: { name: unique(name) } }), 201).body.id;
  }
  expectStatus(await call('PUT', `${base}/groups/${groups.granting}/roles/crm.read`), 204);
  expectStatus(await call('PUT', `${base}/groups/${groups.other}/roles/crm.write`), 204);
  for (const member of [users.viaGroup, users.both]) {
    expectStatus(await call('PUT', `${base}/groups/${groups.granting}/members/${member}`), 204);
  }
  expectStatus(await call('PUT', `${base}/groups/${groups.other}/members/${users.none}`), 204);
  for (const holder of [users.direct, users.both]) {
    expectStatus(await call('PUT', `${base}/users/${holder}/roles/crm.read`), 204);
  }
}, 60_000);
afterAll(async () => t?.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();

describe('groups granting a role', () => {
  it('lists only the groups that grant it', async () => {
    const { body } = expectStatus(await call('GET', `${tenant}${w.tenantId}/groups?roleKey=crm.read`), 200);
    expect(ids(body)).toEqual([groups.granting]);
    expect(body.items[0].memberCount).toBe(2);
  });

  it('is empty in a tenant where no group grants it', async () => {
    const { body } = expectStatus(await call('GET', `${tenant}${w.otherTenantId}/groups?roleKey=crm.read`), 200);
    expect(body.items).toEqual([]);
  });

  it('answers 404 for an unknown role key and 400 for a malformed one', async () => {
    expect((await call('GET', `${tenant}${w.tenantId}/groups?roleKey=nope`)).status).toBe(404);
    const malformed = await call('GET', `${tenant}${w.tenantId}/groups?roleKey=${encodeURIComponent('not a key')}`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('roleKey');
  });
});

describe('users holding a role, by source', () => {
  const holders = async (query: string) =>
    ids(expectStatus(await call('GET', `${tenant}${w.tenantId}/users?roleKey=crm.read${query}`), 200).body);

  it('counts a user once whichever ways it holds the role', async () => {
    expect(await holders('')).toEqual([users.direct, users.viaGroup, users.both].sort());
  });

  it('narrows to direct grants', async () => {
    expect(await holders('&roleSource=direct')).toEqual([users.direct, users.both].sort());
  });

  it('narrows to grants through groups', async () => {
    expect(await holders('&roleSource=group')).toEqual([users.viaGroup, users.both].sort());
  });

  it('refuses roleSource without roleKey, and an unknown source', async () => {
    const alone = await call('GET', `${tenant}${w.tenantId}/users?roleSource=direct`);
    expect(alone.status).toBe(400);
    expect(alone.body.errors).toEqual([{ field: 'roleSource', message: 'needs roleKey' }]);
    const unknown = await call('GET', `${tenant}${w.tenantId}/users?roleKey=crm.read&roleSource=everyone`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('roleSource');
  });

  it('narrows a group’s members the same way', async () => {
    const { body } = expectStatus(
      await call('GET', `${tenant}${w.tenantId}/groups/${groups.granting}/members?roleKey=crm.read&roleSource=direct`),
      200,
    );
    expect(ids(body)).toEqual([users.both]);
  });

  it('is allowed to the tenant-admin of the tenant only', async () => {
    const own = await call('GET', `${tenant}${w.tenantId}/groups?roleKey=crm.read`, {
      token: w.tokens['tenant-admin'],
    });
    expect(own.status).toBe(200);
    const other = await call('GET', `${tenant}${w.otherTenantId}/users?roleKey=crm.read&roleSource=group`, {
      token: w.tokens['tenant-admin'],
    });
    expect(other.status).toBe(404);
  });
});
