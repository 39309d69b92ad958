/**
 * Every end user shows its licensing class (API.md §7, DESIGN.md §3) — internal, external, anonymous or
 * inactive — computed from the current settings of its tenant and environment whenever it is read, and the
 * users list filters on it (one class or several, comma-separated), with the other filters and paging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

type Class = 'internal' | 'external' | 'anonymous' | 'inactive';
type UserKey = 'staff' | 'client' | 'partner' | 'kiosk' | 'guest' | 'sleeper' | 'sleepingGuest';

let t: TestApp;
let w: AccountWorld;
let environmentId: string;
let tenantId: string;
const by = {} as Record<UserKey, { id: string; licenseClass: Class }>;

const call = (method: string, url: string, body?: unknown) => t.request(method, url, { token: w.tokens.admin, body });
const users = (suffix = '') => `/tenants/${tenantId}/users${suffix}`;
const createUser = async (body: Record<string, unknown>) => expectStatus(await call('POST', users(), body), 201).body;
const classOf = async (key: UserKey): Promise<Class> =>
  expectStatus(await call('GET', users(`/${by[key].id}`)), 200).body.licenseClass;

/** The users a list query answers, as their keys, sorted; every item must carry the class it was filtered on. */
async function listed(query: string): Promise<string[]> {
  const { body } = expectStatus(await call('GET', users(`?limit=200&${query}`)), 200);
  const keyOf = (id: string) => (Object.keys(by) as UserKey[]).find((key) => by[key].id === id) ?? id;
  return body.items.map((item: { id: string }) => keyOf(item.id)).sort();
}

async function setTenantDomains(domains: string[]) {
  expectStatus(await call('PUT', `/tenants/${tenantId}/internal-domains`, { domains }), 200);
}

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  // An environment of its own, so its settings are this file's to change.
  environmentId = expectStatus(
    await call('POST', `/accounts/${w.accountId}/environments`, { name: unique('env'), kind: 'production' }),
    201,
  ).body.id;
  expectStatus(await call('PUT', `/environments/${environmentId}/internal-domains`, { domains: ['acme.com'] }), 200);
  tenantId = expectStatus(await call('POST', `/environments/${environmentId}/tenants`, { name: 'Client' }), 201).body
    .id;
  by.staff = await createUser({ username: 'staff', email: 'Staff@ACME.com' });
  by.client = await createUser({ username: 'pat', email: 'pat@client.example' });
  // No e-mail: the username is the address checked.
  by.partner = await createUser({ username: 'sam@partner.example' });
  // No valid address at all: internal (rule 2).
  by.kiosk = await createUser({ username: 'kiosk' });
  by.guest = await createUser({ kind: 'anonymous' });
  by.sleeper = await createUser({ username: 'sleeper', email: 'z@client.example', isActive: false });
  by.sleepingGuest = await createUser({ kind: 'anonymous' });
  by.sleepingGuest = expectStatus(await call('POST', users(`/${by.sleepingGuest.id}/deactivate`)), 200).body;
}, 60_000);
afterAll(async () => t?.close());

describe('the licensing class of a user', () => {
  it('is answered by create and deactivate for every class, and GET and the list agree', async () => {
    expect(Object.fromEntries(Object.entries(by).map(([key, user]) => [key, user.licenseClass]))).toEqual({
      staff: 'internal',
      client: 'external',
      partner: 'external',
      kiosk: 'internal',
      guest: 'anonymous',
      sleeper: 'inactive',
      sleepingGuest: 'inactive',
    });
    const { body } = expectStatus(await call('GET', users('?limit=200')), 200);
    for (const item of body.items) {
      expect(item).toEqual(expectStatus(await call('GET', users(`/${item.id}`)), 200).body);
    }
    expect(body.items.map((item: { licenseClass: Class }) => item.licenseClass).sort()).toEqual(
      ['internal', 'external', 'external', 'internal', 'anonymous', 'inactive', 'inactive'].sort(),
    );
  });

  it('follows the tenant’s internal domains as they change, without the user changing', async () => {
    await setTenantDomains(['partner.example']);
    try {
      expect(await classOf('partner')).toBe('internal');
      expect(await listed('licenseClass=internal')).toEqual(['kiosk', 'partner', 'staff']);
      expect(await listed('licenseClass=external')).toEqual(['client']);
    } finally {
      await setTenantDomains([]);
    }
    expect(await classOf('partner')).toBe('external');
  });

  it('follows the environment: every registered active user is internal under classifyAllInternal', async () => {
    expectStatus(await call('PATCH', `/environments/${environmentId}`, { classifyAllInternal: true }), 200);
    try {
      expect(await listed('licenseClass=external')).toEqual([]);
      expect(await listed('licenseClass=internal')).toEqual(['client', 'kiosk', 'partner', 'staff']);
      expect(await classOf('sleeper')).toBe('inactive');
    } finally {
      expectStatus(await call('PATCH', `/environments/${environmentId}`, { classifyAllInternal: false }), 200);
    }
  });

  it('is internal for everyone registered while no internal domain is configured anywhere', async () => {
    expectStatus(await call('PUT', `/environments/${environmentId}/internal-domains`, { domains: [] }), 200);
    try {
      expect(await classOf('client')).toBe('internal');
      expect(await classOf('guest')).toBe('anonymous');
    } finally {
      expectStatus(
        await call('PUT', `/environments/${environmentId}/internal-domains`, { domains: ['acme.com'] }),
        200,
      );
    }
  });

  it('moves with the user’s own changes: activation, deactivation and a new address', async () => {
    const user = await createUser({ username: unique('mover'), email: 'm@client.example' });
    expect(user.licenseClass).toBe('external');
    const url = users(`/${user.id}`);
    expect(expectStatus(await call('POST', `${url}/deactivate`), 200).body.licenseClass).toBe('inactive');
    expect(expectStatus(await call('POST', `${url}/activate`), 200).body.licenseClass).toBe('external');
    const moved = expectStatus(await call('PATCH', url, { email: 'm@acme.com' }), 200).body;
    expect(moved.licenseClass).toBe('internal');
    // The audit trail keeps the class the user had before and after.
    const { body: audit } = expectStatus(
      await call('GET', `/tenants/${tenantId}/audit-events?targetId=${user.id}&action=user.updated`),
      200,
    );
    expect(audit.items[0]).toMatchObject({ before: { licenseClass: 'external' }, after: { licenseClass: 'internal' } });
    expectStatus(await call('DELETE', url), 204);
  });
});

describe('filtering the users list on licenseClass', () => {
  it('keeps the users of one class, or of any of several', async () => {
    expect(await listed('licenseClass=internal')).toEqual(['kiosk', 'staff']);
    expect(await listed('licenseClass=external')).toEqual(['client', 'partner']);
    expect(await listed('licenseClass=anonymous')).toEqual(['guest']);
    expect(await listed('licenseClass=inactive')).toEqual(['sleeper', 'sleepingGuest']);
    expect(await listed('licenseClass=internal,external')).toEqual(['client', 'kiosk', 'partner', 'staff']);
    expect(await listed('licenseClass=anonymous,%20inactive,anonymous')).toEqual(['guest', 'sleeper', 'sleepingGuest']);
    expect(await listed('licenseClass=internal,external,anonymous,inactive')).toHaveLength(7);
    // Given twice, the parameter means what the comma-separated list means.
    expect(await listed('licenseClass=anonymous&licenseClass=inactive')).toEqual(['guest', 'sleeper', 'sleepingGuest']);
  });

  it('combines with the other filters and the search', async () => {
    expect(await listed('licenseClass=inactive&kind=anonymous')).toEqual(['sleepingGuest']);
    expect(await listed('licenseClass=external&search=client.example')).toEqual(['client']);
    expect(await listed('licenseClass=inactive&search=client.example')).toEqual(['sleeper']);
    expect(await listed('licenseClass=anonymous&isActive=false')).toEqual([]);
  });

  it('pages through a class exactly once, in order, with its total, searched or not', async () => {
    for (const query of ['licenseClass=internal,external', 'licenseClass=internal,external&search=a']) {
      const { body: all } = expectStatus(await call('GET', users(`?${query}&limit=200`)), 200);
      const seen: { id: string; licenseClass: Class }[] = [];
      let cursor: string | null = null;
      let first = true;
      do {
        const page: string = `${query}&limit=1${cursor ? `&cursor=${cursor}` : '&includeTotal=true'}`;
        const { body } = expectStatus(await call('GET', users(`?${page}`)), 200);
        if (first) expect(body.total, query).toBe(all.items.length);
        first = false;
        seen.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen, query).toEqual(all.items);
      expect(seen.every((user) => ['internal', 'external'].includes(user.licenseClass))).toBe(true);
    }
  });

  it('filters a group’s members too', async () => {
    const group = expectStatus(await call('POST', `/tenants/${tenantId}/groups`, { name: unique('g') }), 201).body;
    for (const key of ['staff', 'client', 'sleeper'] as const) {
      expectStatus(await call('PUT', `/tenants/${tenantId}/groups/${group.id}/members/${by[key].id}`), 204);
    }
    const { body } = expectStatus(
      await call('GET', `/tenants/${tenantId}/groups/${group.id}/members?licenseClass=external,inactive`),
      200,
    );
    expect(body.items.map((item: { id: string }) => item.id).sort()).toEqual([by.client.id, by.sleeper.id].sort());
  });

  it.each([
    ['robot', '“robot”'],
    ['Internal', '“Internal”'],
    ['internal,', 'an empty value'],
    ['', 'an empty value'],
    ['internal,named', '“named”'],
  ])('refuses licenseClass=%s with a 400 that names the value and the classes', async (value, named) => {
    const response = await call('GET', users(`?licenseClass=${encodeURIComponent(value)}`));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([{ field: 'licenseClass', message: expect.stringContaining(named) }]);
    expect(response.body.errors[0].message).toContain('internal, external, anonymous or inactive');
  });
});
