/**
 * SCIM 2.0 Groups, discovery and Bulk through HTTP (issue 17): the membership PATCHes Entra ID and Okta send
 * (each test named after its source), the RFC 7644 Bulk examples with bulkId references, and discovery that says
 * what is supported. Real API, PostgreSQL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type TestApp, startTestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let token: string;
const users: Record<string, string> = {};

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const scim = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.request(method, `/scim/v2/tenants/${w.tenantId}${path}`, {
    token,
    body,
    headers: body === undefined ? headers : { 'content-type': 'application/scim+json', ...headers },
  });
const members = async (groupId: string) =>
  ((await scim('GET', `/Groups/${groupId}`)).body.members ?? [])
    .map((member: { value: string }) => member.value)
    .sort();

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  token = expectStatus(
    await t.request('POST', `/tenants/${w.tenantId}/scim-tokens`, { token: w.tokens.owner, body: { name: 'IdP' } }),
    201,
  ).body.token;
  for (const name of ['ann', 'bob', 'cid', 'dee']) {
    users[name] = expectStatus(await scim('POST', '/Users', { schemas: [USER], userName: name }), 201).body.id;
  }
});
afterAll(() => t.close());

describe('SCIM Groups', () => {
  let groupId: string;

  it('Okta: creates a group with members, 201 with Location; the members list it in their groups', async () => {
    const created = await scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Pilots',
      externalId: '00g1emaKYZTWRYYRRTSK',
      members: [{ value: users.ann, display: 'ann' }, { value: users.bob }],
    });
    expect(created.status).toBe(201);
    groupId = created.body.id;
    expect(created.body).toMatchObject({
      schemas: [GROUP],
      displayName: 'Pilots',
      externalId: '00g1emaKYZTWRYYRRTSK',
      meta: { resourceType: 'Group', version: created.headers.etag },
    });
    expect(created.headers.location).toBe(created.body.meta.location);
    expect(await members(groupId)).toEqual([users.ann, users.bob].sort());
    const ann = (await scim('GET', `/Users/${users.ann}?attributes=groups`)).body;
    expect(ann.groups).toEqual([expect.objectContaining({ value: groupId, display: 'Pilots', type: 'direct' })]);
    const audit = await t.db.query(
      `SELECT action, actor_type FROM audit_events WHERE action LIKE 'group.%' AND (target_id = $1 OR target_id = ANY($2)) ORDER BY id`,
      [groupId, [users.ann, users.bob]],
    );
    expect(audit.rows.map((row: { action: string }) => row.action)).toEqual([
      'group.created',
      'group.member.added',
      'group.member.added',
    ]);
    expect(audit.rows.every((row: { actor_type: string }) => row.actor_type === 'scim-token')).toBe(true);
  });

  it('lists members’ groups exactly as each user’s own GET shows them', async () => {
    const list = expectStatus(await scim('GET', '/Users?attributes=groups'), 200).body;
    expect(list.Resources.some((user: { groups: unknown[] }) => user.groups.length > 0)).toBe(true);
    for (const user of list.Resources) {
      expect(user).toEqual((await scim('GET', `/Users/${user.id}?attributes=groups`)).body);
    }
  });

  it('Entra ID: checks membership with a filter, and finds the group by displayName', async () => {
    const filter = encodeURIComponent(`id eq "${groupId}" and members[value eq "${users.ann}"]`);
    const found = expectStatus(await scim('GET', `/Groups?filter=${filter}&excludedAttributes=members`), 200).body;
    expect(found).toMatchObject({ totalResults: 1, Resources: [{ id: groupId, displayName: 'Pilots' }] });
    expect(found.Resources[0]).not.toHaveProperty('members');
    const notMember = encodeURIComponent(`id eq "${groupId}" and members[value eq "${users.cid}"]`);
    expect((await scim('GET', `/Groups?filter=${notMember}`)).body.totalResults).toBe(0);
    const byName = (await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "pilots"')}`)).body;
    expect(byName.Resources.map((group: { id: string }) => group.id)).toEqual([groupId]);
  });

  it('Entra ID: adds members with "Add", and removes only the members a "Remove" names in its value', async () => {
    const added = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: users.cid }, { value: users.dee }] }],
    });
    expect(added.status).toBe(204);
    expect(await members(groupId)).toEqual([users.ann, users.bob, users.cid, users.dee].sort());
    const removed = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: users.ann }] }],
    });
    expect(removed.status).toBe(204);
    expect(await members(groupId)).toEqual([users.bob, users.cid, users.dee].sort());
  });

  it('RFC 7644 §3.5.2.2: removes one member by a value filter, then all members', async () => {
    await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: 'remove', path: `members[value eq "${users.bob}"]` }],
    });
    expect(await members(groupId)).toEqual([users.cid, users.dee].sort());
    await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: 'members' }] });
    expect(await members(groupId)).toEqual([]);
  });

  it('RFC 7644 §3.5.2.3 and Okta: replaces the members and renames, operations in order', async () => {
    const replaced = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'replace', path: 'members', value: [{ value: users.ann }, { value: users.bob }] },
        { op: 'add', path: 'members', value: [{ value: users.cid }] },
        { op: 'remove', path: `members[value eq "${users.cid}"]` },
        { op: 'replace', value: { id: groupId, displayName: 'Senior pilots' } },
      ],
    });
    expect(replaced.status).toBe(204);
    const group = (await scim('GET', `/Groups/${groupId}`)).body;
    expect(group.displayName).toBe('Senior pilots');
    expect(group.members.map((member: { value: string }) => member.value).sort()).toEqual(
      [users.ann, users.bob].sort(),
    );
    expect(group.meta.version).toBe(replaced.headers.etag);
  });

  it('finds the groups changed since an instant by meta.lastModified, and refuses a time without a zone', async () => {
    const group = (await scim('GET', `/Groups/${groupId}`)).body;
    const since = (instant: string, op = 'ge') =>
      scim(
        'GET',
        `/Groups?filter=${encodeURIComponent(`meta.lastModified ${op} "${instant}"`)}&excludedAttributes=members`,
      );
    const changed = expectStatus(await since(group.meta.lastModified), 200).body;
    expect(changed.Resources.map((found: { id: string }) => found.id)).toContain(groupId);
    expect(
      (await since(group.meta.lastModified, 'gt')).body.Resources.map((found: { id: string }) => found.id),
    ).not.toContain(groupId);
    const noZone = expectStatus(await since('2025-01-31T12:00:00'), 400).body;
    expect(noZone).toMatchObject({ scimType: 'invalidFilter', detail: expect.stringContaining('time zone') });
  });

  it('refuses a member that is no user of the tenant, nested groups, and a taken name, writing nothing', async () => {
    const stranger = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: users.dee }] },
        { op: 'add', path: 'members', value: [{ value: '00000000-0000-7000-8000-000000000000' }] },
      ],
    });
    expect(stranger.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(await members(groupId)).toEqual([users.ann, users.bob].sort());
    const nested = await scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Nest',
      members: [{ value: groupId, type: 'Group' }],
    });
    expect(nested.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const taken = await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'SENIOR PILOTS' });
    expect(taken.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
  });

  it('PUT replaces name and members; If-Match of an old version is 412; DELETE removes the group', async () => {
    const before = await scim('GET', `/Groups/${groupId}`);
    const put = await scim(
      'PUT',
      `/Groups/${groupId}`,
      { schemas: [GROUP], displayName: 'Crew', members: [{ value: users.dee }] },
      { 'if-match': String(before.headers.etag) },
    );
    expect(put.status).toBe(200);
    expect(put.body.members.map((member: { value: string }) => member.value)).toEqual([users.dee]);
    const stale = await scim(
      'PUT',
      `/Groups/${groupId}`,
      { schemas: [GROUP], displayName: 'Late' },
      { 'if-match': String(before.headers.etag) },
    );
    expect(stale.status).toBe(412);
    expect((await scim('DELETE', `/Groups/${groupId}`)).status).toBe(204);
    expect((await scim('GET', `/Groups/${groupId}`)).status).toBe(404);
  });
});

describe('SCIM discovery', () => {
  it('says what is supported: PATCH, Bulk with its limits, filters, sorting, ETags, both kinds of paging', async () => {
    const config = expectStatus(await scim('GET', '/ServiceProviderConfig'), 200).body;
    expect(config).toMatchObject({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: true },
      pagination: { cursor: true, index: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const types = expectStatus(await scim('GET', '/ResourceTypes'), 200).body;
    expect(types.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    const schemas = expectStatus(await scim('GET', '/Schemas'), 200).body;
    expect(schemas.Resources.map((schema: { name: string }) => schema.name)).toEqual([
      'User',
      'EnterpriseUser',
      'Group',
    ]);
    const user = expectStatus(await scim('GET', `/Schemas/${USER}`), 200).body;
    expect(user.attributes.map((attribute: { name: string }) => attribute.name)).toContain('userName');
    // What the service really does: a user's groups only when asked for (scim-users.test.ts).
    expect(user.attributes.find((attribute: { name: string }) => attribute.name === 'groups')).toMatchObject({
      mutability: 'readOnly',
      returned: 'request',
    });
    expect((await scim('GET', '/Schemas/urn:nothing')).status).toBe(404);
  });

  it('answers unknown routes, bad JSON and wrong media types in the SCIM error schema', async () => {
    const unknown = await scim('GET', '/Nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    const badJson = await t.request('POST', `/scim/v2/tenants/${w.tenantId}/Users`, {
      token,
      body: '{"schemas": [',
      headers: { 'content-type': 'application/scim+json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ status: '400' });
  });
});

describe('SCIM Bulk', () => {
  it('RFC 7644 §3.7.2: creates a user and a group that refers to it by bulkId, in one request', async () => {
    const response = await scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        // The group comes first and refers forward to the user: it waits until the user exists.
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'ytrewq',
          data: { schemas: [GROUP], displayName: 'Tour Guides', members: [{ type: 'User', value: 'bulkId:qwerty' }] },
        },
        { method: 'POST', path: '/Users', bulkId: 'qwerty', data: { schemas: [USER], userName: 'Alice' } },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
    const [group, user] = response.body.Operations;
    expect(user).toMatchObject({
      method: 'POST',
      bulkId: 'qwerty',
      status: '201',
      location: expect.stringContaining('/Users/'),
    });
    expect(group).toMatchObject({ method: 'POST', bulkId: 'ytrewq', status: '201' });
    const groupId = group.location.split('/').at(-1);
    const userId = user.location.split('/').at(-1);
    expect(await members(groupId)).toEqual([userId]);
  });

  it('changes a resource created earlier in the same request by its bulkId in the path', async () => {
    const response = await scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        {
          method: 'PATCH',
          path: '/Users/bulkId:leaver',
          data: { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] },
        },
        { method: 'POST', path: '/Users', bulkId: 'leaver', data: { schemas: [USER], userName: 'Leaver' } },
      ],
    });
    const [patched, created] = expectStatus(response, 200).body.Operations;
    expect(created).toMatchObject({ bulkId: 'leaver', status: '201' });
    expect(patched).toMatchObject({ method: 'PATCH', status: '200', location: created.location });
    const userId = created.location.split('/').at(-1);
    expect((await scim('GET', `/Users/${userId}`)).body.active).toBe(false);
  });

  it('RFC 7644 §3.7.1: a circular reference fails with 409; failOnErrors stops after that many errors', async () => {
    const circular = await scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'a',
          data: { schemas: [GROUP], displayName: 'A', members: [{ value: 'bulkId:b' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'b',
          data: { schemas: [GROUP], displayName: 'B', members: [{ value: 'bulkId:a' }] },
        },
      ],
    });
    expect(circular.body.Operations.map((operation: { status: string }) => operation.status)).toEqual(['409', '409']);
    const stopped = await scim('POST', '/Bulk', {
      schemas: [BULK],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: [USER] } },
        { method: 'POST', path: '/Users', bulkId: 'y', data: { schemas: [USER], userName: 'never-made' } },
      ],
    });
    expect(stopped.body.Operations).toEqual([
      expect.objectContaining({
        bulkId: 'x',
        status: '400',
        response: expect.objectContaining({ scimType: 'invalidValue' }),
      }),
    ]);
    const filter = encodeURIComponent('userName eq "never-made"');
    expect((await scim('GET', `/Users?filter=${filter}`)).body.totalResults).toBe(0);
  });

  it('RFC 7644 §3.7.3: PATCH, PUT and DELETE by path, with a stale version refused', async () => {
    const response = await scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        {
          method: 'PATCH',
          path: `/Users/${users.ann}`,
          data: { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] },
        },
        { method: 'PUT', path: `/Users/${users.bob}`, version: 'W/"1"', data: { schemas: [USER], userName: 'bob' } },
        { method: 'DELETE', path: `/Users/${users.cid}` },
      ],
    });
    expect(response.body.Operations.map((operation: { status: string }) => operation.status)).toEqual([
      '200',
      '412',
      '204',
    ]);
    expect((await scim('GET', `/Users/${users.ann}`)).body.active).toBe(false);
  });

  it('refuses more operations than published, and a POST without a bulkId', async () => {
    const many = Array.from({ length: 1001 }, () => ({ method: 'DELETE', path: `/Users/${users.dee}` }));
    const tooMany = await scim('POST', '/Bulk', { schemas: [BULK], Operations: many });
    expect(tooMany.status).toBe(413);
    const noBulkId = await scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [{ method: 'POST', path: '/Users', data: {} }],
    });
    expect(noBulkId.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });
});
