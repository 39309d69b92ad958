/**
 * SCIM 2.0 Users through HTTP (issue 17): tokens, the shapes Entra ID and Okta really send (each test named
 * after its source), ETags, tenant isolation, and that every change goes through the unit of work (audit with
 * the SCIM token as actor, licensing class). Real API, PostgreSQL and Redis.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingRecountRequests, takeRecountRequests } from './recount-requests.js';
import { expectStatus, type TestApp, startTestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let scimToken: string;
let otherTenantToken: string;
let usageQueue: Queue;

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const base = () => `/scim/v2/tenants/${w.tenantId}`;
const scim = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token = scimToken) =>
  t.request(method, `${base()}${path}`, {
    token,
    body,
    headers: body === undefined ? headers : { 'content-type': 'application/scim+json', ...headers },
  });

async function createToken(
  tenantId: string,
  name: string,
  token = w.tokens.admin,
): Promise<{ id: string; token: string }> {
  return expectStatus(await t.request('POST', `/tenants/${tenantId}/scim-tokens`, { token, body: { name } }), 201).body;
}

/** Okta's documented create-user request (Okta SCIM 2.0 guide), with its password, locale and empty groups. */
const oktaUser = (userName: string) => ({
  schemas: [CORE],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Ada Lovelace',
  locale: 'en-US',
  externalId: '00u1dhhb1fkIGP7RL1d8',
  groups: [],
  password: 'a long enough password 1',
  active: true,
});

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  scimToken = (await createToken(w.tenantId, 'Entra ID')).token;
  otherTenantToken = (await createToken(w.otherTenantId, 'Okta')).token;
  usageQueue = new Queue('usage', { connection: { url: t.config.redisUrl }, prefix: t.config.queuePrefix });
});
afterAll(async () => {
  await usageQueue?.close();
  await t.close();
});

describe('SCIM tokens', () => {
  it('are shown once, listed without the secret, for owners and admins only', async () => {
    const created = await createToken(w.tenantId, 'JumpCloud', w.tokens.owner);
    expect(created.token).toMatch(/^rst_scim_/);
    const list = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/scim-tokens`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(list.items.map((item: { name: string }) => item.name)).toEqual(['Entra ID', 'JumpCloud']);
    expect(JSON.stringify(list)).not.toContain(created.token);
    const refused = await t.request('POST', `/tenants/${w.tenantId}/scim-tokens`, {
      token: w.tokens['tenant-admin'],
      body: { name: 'x' },
    });
    expect(refused.status).toBe(403);
    const duplicate = await t.request('POST', `/tenants/${w.tenantId}/scim-tokens`, {
      token: w.tokens.admin,
      body: { name: 'entra id' },
    });
    expect(duplicate.status).toBe(409);
    const keys = expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/api-keys`, { token: w.tokens.owner }),
      200,
    ).body;
    expect(keys.items.some((key: { name: string }) => key.name === 'Entra ID')).toBe(false);
  });

  it('does not work on the users API, and an API key does not work on SCIM', async () => {
    const users = await t.request('GET', `/tenants/${w.tenantId}/users`, { token: scimToken });
    expect(users.status).toBe(403);
    expect(users.body.detail).toMatch(/SCIM token/);
    const withKey = await scim('GET', '/Users', undefined, {}, w.keys.admin);
    expect(withKey.status).toBe(403);
    expect(withKey.headers['content-type']).toBe('application/scim+json');
    expect(withKey.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  it('of tenant A finds no user or group of tenant B by id, and cannot make B’s user a member', async () => {
    const otherUser = expectStatus(
      await t.request('POST', `/tenants/${w.otherTenantId}/users`, {
        token: w.tokens.admin,
        body: { username: 'theirs' },
      }),
      201,
    ).body.id;
    const otherGroup = expectStatus(
      await t.request('POST', `/tenants/${w.otherTenantId}/groups`, {
        token: w.tokens.admin,
        body: { name: 'Theirs' },
      }),
      201,
    ).body.id;
    expect((await scim('GET', `/Users/${otherUser}`)).status).toBe(404);
    expect(
      (
        await scim('PATCH', `/Users/${otherUser}`, {
          schemas: [PATCH],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        })
      ).status,
    ).toBe(404);
    expect((await scim('DELETE', `/Users/${otherUser}`)).status).toBe(404);
    expect((await scim('GET', `/Groups/${otherGroup}`)).status).toBe(404);
    const filter = encodeURIComponent(`id eq "${otherUser}"`);
    expect((await scim('GET', `/Users?filter=${filter}`)).body.totalResults).toBe(0);
    const group = expectStatus(
      await scim('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Ours',
        members: [{ value: otherUser }],
      }),
      400,
    ).body;
    expect(group.detail).toContain(otherUser);
    const theirs = expectStatus(
      await t.request('GET', `/tenants/${w.otherTenantId}/users/${otherUser}`, { token: w.tokens.admin }),
      200,
    );
    expect(theirs.body.isActive).toBe(true);
  });

  it('of tenant A sees nothing of tenant B (404), and a revoked token stops at once', async () => {
    const other = await t.request('GET', `/scim/v2/tenants/${w.tenantId}/Users`, { token: otherTenantToken });
    expect(other.status).toBe(404);
    const revocable = await createToken(w.tenantId, 'Revocable');
    expect((await scim('GET', '/Users', undefined, {}, revocable.token)).status).toBe(200);
    expectStatus(await t.request('DELETE', `/scim-tokens/${revocable.id}`, { token: w.tokens.admin }), 204);
    const after = await scim('GET', '/Users', undefined, {}, revocable.token);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ status: '401' });
  });
});

describe('SCIM tokens of a deleted tenant', () => {
  it('are deleted with it', async () => {
    const doomed = expectStatus(
      await t.request('POST', `/environments/${w.environmentId}/tenants`, {
        token: w.tokens.admin,
        body: { name: 'Doomed' },
      }),
      201,
    ).body.id;
    const token = await createToken(doomed, 'Short-lived');
    expectStatus(await t.request('DELETE', `/tenants/${doomed}`, { token: w.tokens.admin }), 204);
    const left = await t.db.query('SELECT count(*)::int AS n FROM api_keys WHERE id = $1', [token.id]);
    expect(left.rows[0].n).toBe(0);
    expect((await t.request('GET', `/scim/v2/tenants/${doomed}/Users`, { token: token.token })).status).toBe(401);
  });
});

describe('SCIM Users', () => {
  it('Okta: creates a user, with its password, and answers 201 with Location and ETag', async () => {
    const created = await scim('POST', '/Users', oktaUser('ada@example.com'));
    expect(created.status).toBe(201);
    // Exactly the registered type: it has no parameters (IANA), and strict clients compare it whole.
    expect(created.headers['content-type']).toBe('application/scim+json');
    const read = await scim('GET', `/Users/${created.body.id}`);
    expect(read.headers['content-type']).toBe('application/scim+json');
    expect(created.body).toMatchObject({
      schemas: [CORE],
      userName: 'ada@example.com',
      displayName: 'Ada Lovelace',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      locale: 'en-US',
      active: true,
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      meta: { resourceType: 'User', version: created.headers.etag },
    });
    expect(created.body).not.toHaveProperty('password');
    // groups are returned on request (/Schemas says so): not by default, and empty when asked for.
    expect(created.body).not.toHaveProperty('groups');
    expect((await scim('GET', `/Users/${created.body.id}?attributes=groups`)).body).toEqual({
      schemas: [CORE],
      id: created.body.id,
      groups: [],
    });
    expect(created.headers.location).toBe(created.body.meta.location);
    expect(created.body.meta.location).toMatch(new RegExp(`/scim/v2/tenants/${w.tenantId}/Users/${created.body.id}$`));
    const audit = await t.db.query('SELECT action, actor_type, actor_id FROM audit_events WHERE target_id = $1', [
      created.body.id,
    ]);
    expect(audit.rows).toEqual([expect.objectContaining({ action: 'user.created', actor_type: 'scim-token' })]);
    const login = await t.request('POST', `/tenants/${w.tenantId}/auth/login`, {
      body: { username: 'ada@example.com', password: 'a long enough password 1' },
    });
    expect([200, 201]).toContain(login.status);
  });

  it('Okta: the duplicate check filter=userName eq finds the user ignoring case, and a second create is 409 uniqueness', async () => {
    const found = expectStatus(
      await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "ADA@example.com"')}`),
      200,
    ).body;
    expect(found).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.Resources[0].userName).toBe('ada@example.com');
    const again = await scim('POST', '/Users', oktaUser('Ada@Example.com'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
  });

  it('Okta: the connection test GET /Users?startIndex=1&count=2 pages', async () => {
    await scim('POST', '/Users', oktaUser('grace@example.com'));
    await scim('POST', '/Users', oktaUser('linus@example.com'));
    const page = expectStatus(await scim('GET', '/Users?startIndex=1&count=2'), 200).body;
    expect(page).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      itemsPerPage: 2,
      startIndex: 1,
    });
    const rest = expectStatus(await scim('GET', '/Users?startIndex=3&count=2'), 200).body;
    expect(rest.Resources.map((user: { userName: string }) => user.userName)).toEqual(['linus@example.com']);
  });

  it('RFC 9865: pages by cursor', async () => {
    const first = expectStatus(await scim('GET', '/Users?cursor=&count=2'), 200).body;
    expect(first.Resources).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = expectStatus(await scim('GET', `/Users?cursor=${first.nextCursor}&count=2`), 200).body;
    expect(second.Resources).toHaveLength(1);
    expect(second).not.toHaveProperty('nextCursor');
    const bad = await scim('GET', '/Users?cursor=nonsense');
    expect(bad.body).toMatchObject({ status: '400', scimType: 'invalidCursor' });
  });

  it('Entra ID: deactivates with "active": "False" and a capitalised op, freeing the seat; reactivates', async () => {
    const user = (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "grace@example.com"')}`)).body
      .Resources[0];
    const off = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const rest = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/users/${user.id}`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(rest).toMatchObject({ isActive: false, licenseClass: 'inactive' });
    const audit = await t.db.query('SELECT action, actor_type FROM audit_events WHERE target_id = $1 ORDER BY id', [
      user.id,
    ]);
    expect(audit.rows.at(-1)).toEqual({ action: 'user.deactivated', actor_type: 'scim-token' });
    const on = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(on.body.active).toBe(true);
  });

  it('a deactivation by SCIM asks for the account’s recount at once, as any change of a count does', async () => {
    const pending = async () => (await pendingRecountRequests(usageQueue, w.accountId)).length > 0;
    await takeRecountRequests(usageQueue, w.accountId);
    expect(await pending()).toBe(false);
    const user = (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "grace@example.com"')}`)).body
      .Resources[0];
    const off = { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] };
    expectStatus(await scim('PATCH', `/Users/${user.id}`, off), 200);
    await expect.poll(pending, { timeout: 5_000 }).toBe(true);
    const on = { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: true }] };
    expectStatus(await scim('PATCH', `/Users/${user.id}`, on), 200);
  });

  it('Entra ID: PATCH add/replace with paths, value filters and the enterprise extension', async () => {
    const user = (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "linus@example.com"')}`)).body
      .Resources[0];
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const patched = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'linus@kernel.example' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
        { op: 'Replace', path: 'name.givenName', value: 'Linus' },
        { op: 'Add', path: `${enterprise}:department`, value: 'Kernel' },
        { op: 'Add', path: `${enterprise}:manager`, value: 'manager-id' },
        { op: 'Replace', value: { displayName: 'Linus T.', 'name.familyName': 'Torvalds' } },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      displayName: 'Linus T.',
      name: { givenName: 'Linus', familyName: 'Torvalds' },
      emails: [{ value: 'linus@kernel.example', type: 'work', primary: true }],
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile', primary: true }],
      [enterprise]: { department: 'Kernel', manager: { value: 'manager-id' } },
    });
    expect(patched.body.schemas).toContain(enterprise);
    const byRest = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/users/${user.id}`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(byRest).toMatchObject({ name: 'Linus T.', email: 'linus@kernel.example', mobilePhone: '+1 555 0100' });
  });

  it('lists each user exactly as its own GET shows it, with its groups when asked (read in one join for a page)', async () => {
    // Some users in groups, one in two (listed by name, whatever their case).
    const [first, second] = expectStatus(await scim('GET', '/Users?count=2'), 200).body.Resources as { id: string }[];
    const group = (displayName: string, members: { id: string }[]) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName,
      members: members.map((member) => ({ value: member.id })),
    });
    expectStatus(await scim('POST', '/Groups', group('zeta listers', [first!, second!])), 201);
    expectStatus(await scim('POST', '/Groups', group('Alpha listers', [first!])), 201);
    const list = expectStatus(await scim('GET', '/Users?count=100'), 200);
    expect(list.body.Resources.every((user: object) => !('groups' in user))).toBe(true);
    const all = `attributes=${encodeURIComponent('groups,userName,displayName,active,meta')}`;
    const withGroups = expectStatus(await scim('GET', `/Users?count=100&${all}`), 200);
    expect(withGroups.body.Resources[0].groups.map((g: { display: string }) => g.display)).toEqual([
      'Alpha listers',
      'zeta listers',
    ]);
    expect(withGroups.body.Resources[1].groups).toHaveLength(1);
    for (const user of withGroups.body.Resources) {
      expect(user).toEqual((await scim('GET', `/Users/${user.id}?${all}`)).body);
    }
    const searched = await scim('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      attributes: ['groups'],
      count: 1,
    });
    expect(expectStatus(searched, 200).body.Resources[0].groups).toHaveLength(2);
    expect(list.headers['content-type']).toBe('application/scim+json');
    expect(list.body.Resources.length).toBeGreaterThan(2);
    expect(
      list.body.Resources.some((user: Record<string, unknown>) =>
        Object.keys(user).some((key) => key.includes('enterprise')),
      ),
    ).toBe(true);
    for (const user of list.body.Resources) {
      expect(user).toEqual((await scim('GET', `/Users/${user.id}`)).body);
    }
    const sorted = expectStatus(await scim('GET', '/Users?sortBy=userName&sortOrder=descending&startIndex=2'), 200);
    const names = list.body.Resources.map((user: { userName: string }) => user.userName.toLowerCase());
    expect(sorted.body.Resources.map((user: { userName: string }) => user.userName.toLowerCase())).toEqual(
      names.sort().reverse().slice(1),
    );
    // A write answers with the groups when asked too (and the name goes back for the tests after).
    const rename = (displayName: unknown) =>
      scim('PATCH', `/Users/${first!.id}?attributes=groups.display`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'displayName', value: displayName }],
      });
    const { displayName } = (await scim('GET', `/Users/${first!.id}`)).body;
    expect(expectStatus(await rename('First lister'), 200).body.groups).toEqual([
      { display: 'Alpha listers' },
      { display: 'zeta listers' },
    ]);
    expectStatus(await rename(displayName), 200);
  });

  it('Okta: a full PUT without active leaves the user active, and clears what it leaves out', async () => {
    const user = (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "ada@example.com"')}`)).body
      .Resources[0];
    const { active: _active, password: _password, locale: _locale, ...withoutActive } = oktaUser('ada@example.com');
    const put = await scim('PUT', `/Users/${user.id}`, { ...withoutActive, id: user.id, displayName: 'Ada King' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ active: true, displayName: 'Ada King' });
    expect(put.body).not.toHaveProperty('locale');
  });

  it('refuses an unknown attribute (invalidSyntax) and a PATCH of a read-only one (mutability), writing nothing', async () => {
    const unknown = await scim('POST', '/Users', { ...oktaUser('new@example.com'), shoeSize: 44 });
    expect(unknown.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect(unknown.body.detail).toContain('shoeSize');
    const user = (await scim('GET', '/Users?count=1')).body.Resources[0];
    const readOnly = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'id', value: 'x' }],
    });
    expect(readOnly.body).toMatchObject({ status: '400', scimType: 'mutability' });
    const badFilter = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq')}`);
    expect(badFilter.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    const missing = await scim('GET', '/Users/not-a-uuid');
    expect(missing.body).toMatchObject({ status: '404' });
  });

  it('ETags: two PUTs with the same If-Match, one wins and one gets 412; If-None-Match answers 304', async () => {
    const read = await scim('GET', '/Users?count=1');
    const user = read.body.Resources[0];
    const etag = user.meta.version as string;
    const body = (displayName: string) => ({ schemas: [CORE], userName: user.userName, displayName });
    const results = await Promise.all([
      scim('PUT', `/Users/${user.id}`, body('First'), { 'if-match': etag }),
      scim('PUT', `/Users/${user.id}`, body('Second'), { 'if-match': etag }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 412]);
    const fresh = await scim('GET', `/Users/${user.id}`);
    expect(fresh.headers.etag).not.toBe(etag);
    // The winner answered with the version the write gave the row (sent with the COMMIT, not read back).
    const winner = results.find((result) => result.status === 200)!;
    expect(winner.headers.etag).toBe(fresh.headers.etag);
    expect(winner.body.meta.version).toBe(fresh.headers.etag);
    const cached = await scim('GET', `/Users/${user.id}`, undefined, { 'if-none-match': String(fresh.headers.etag) });
    expect(cached.status).toBe(304);
    const patched = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Third' }],
    });
    expect(patched.headers.etag).toBe((await scim('GET', `/Users/${user.id}`)).headers.etag);
  });

  it('supports attributes, excludedAttributes and POST /.search', async () => {
    const only = expectStatus(await scim('GET', '/Users?attributes=userName&count=1'), 200).body.Resources[0];
    expect(Object.keys(only).sort()).toEqual(['id', 'schemas', 'userName']);
    const without = expectStatus(await scim('GET', '/Users?excludedAttributes=groups,meta&count=1'), 200).body
      .Resources[0];
    expect(without).not.toHaveProperty('groups');
    expect(without).not.toHaveProperty('meta');
    const search = await scim('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'emails[type eq "work" and value co "@example.com"]',
      sortBy: 'userName',
      sortOrder: 'descending',
      attributes: ['userName'],
    });
    expect(search.status).toBe(200);
    // Ada's address went with the ETag test's PUT, Linus's moved to kernel.example: Grace alone matches.
    expect(search.body.Resources).toEqual([{ schemas: [CORE], id: expect.any(String), userName: 'grace@example.com' }]);
  });

  it('deletes a user (204), then it is gone (404)', async () => {
    const user = (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "grace@example.com"')}`)).body
      .Resources[0];
    expect((await scim('DELETE', `/Users/${user.id}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${user.id}`)).status).toBe(404);
  });
});

describe('SCIM request log', () => {
  it('lists the tenant’s latest authenticated requests, newest first, with their outcome', async () => {
    await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "log-check"')}`);
    await scim('POST', '/Users', { schemas: [CORE] });
    await t.request('GET', `${base()}/Users`, { token: 'rst_scim_not-a-token' });
    let items: { method: string; path: string; status: number; scimType?: string; tokenId: string }[] = [];
    for (let attempt = 0; attempt < 50 && items[0]?.method !== 'POST'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      items = expectStatus(
        await t.request('GET', `/tenants/${w.tenantId}/scim-requests`, { token: w.tokens.admin }),
        200,
      ).body.items;
    }
    expect(items[0]).toMatchObject({ method: 'POST', path: '/Users', status: 400, scimType: 'invalidValue' });
    expect(items[1]).toMatchObject({
      method: 'GET',
      path: `/Users?filter=${encodeURIComponent('userName eq "log-check"')}`,
      status: 200,
    });
    // The request without a valid token is not kept: nobody but the token's holder can push entries out.
    expect(items.some((item) => item.status === 401)).toBe(false);
    expect(new Set(items.map((item) => item.tokenId)).size).toBeGreaterThan(0);
    const forbidden = await t.request('GET', `/tenants/${w.tenantId}/scim-requests`, {
      token: w.tokens['tenant-admin'],
    });
    expect(forbidden.status).toBe(403);
  });
});
