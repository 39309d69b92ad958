import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scimFailure } from '../../test/scim-failure.js';
import { scimProjection } from './projection.js';
import { applyScimUserPatch } from './user-patch.js';
import type { JsonObject } from './json.js';
import { readScimUser, type StoredScimUser, toScimUser } from './user-resource.js';
import { SCIM_CORE_USER_URN, SCIM_ENTERPRISE_USER_URN } from './user-schema.js';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

const stored = (overrides: Partial<StoredScimUser> = {}): StoredScimUser => ({
  id: '0190c3a0-0000-7000-8000-000000000001',
  username: 'bjensen',
  name: 'Babs Jensen',
  email: 'bjensen@example.com',
  mobilePhone: null,
  externalId: 'bjensen',
  isActive: true,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
  scim: { name: { givenName: 'Barbara', familyName: 'Jensen' } },
  ...overrides,
});
const resource = (user = stored()) =>
  toScimUser(user, [], { location: 'https://roster.example/scim/v2/tenants/t/Users/u', version: 'W/"1"' });
const applied = (body: unknown, user = stored()) => readScimUser(applyScimUserPatch(resource(user), body));

describe('RFC 7644 §3.5.2.1: add', () => {
  it('adds an e-mail address to the multi-valued emails, keeping the primary one', () => {
    const write = applied(patch({ op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'home' }] }));
    expect(write.email).toBe('bjensen@example.com');
    expect(write.scim.emails).toEqual([{ value: 'babs@jensen.org', type: 'home', primary: false }]);
  });

  it('adds attributes without a path from the value object, and merges into a complex attribute', () => {
    const write = applied(patch({ op: 'add', value: { nickName: 'Babs', name: { middleName: 'Jane' } } }));
    expect(write.scim.nickName).toBe('Babs');
    expect(write.scim.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane' });
  });

  it('a new primary e-mail address takes Roster’s column and demotes the old one', () => {
    const write = applied(patch({ op: 'add', path: 'emails', value: { value: 'b@new.example', primary: true } }));
    expect(write.email).toBe('b@new.example');
    expect(write.scim.emails).toEqual([expect.objectContaining({ value: 'bjensen@example.com', primary: false })]);
  });
});

describe('RFC 7644 §3.5.2.2: remove', () => {
  it('removes a single-valued attribute', () => {
    expect(applied(patch({ op: 'remove', path: 'externalId' })).externalId).toBeNull();
  });

  it('removes the values a filter selects: emails[type eq "work" and value ew "example.com"]', () => {
    const write = applied(patch({ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }));
    expect(write.email).toBeNull();
  });

  it('removes a sub-attribute of a complex attribute', () => {
    expect(applied(patch({ op: 'remove', path: 'name.givenName' })).scim.name).toEqual({ familyName: 'Jensen' });
  });

  it('needs a path: without one it is 400 noTarget', () => {
    expect(scimFailure(() => applied(patch({ op: 'remove' })))).toMatchObject({ status: 400, scimType: 'noTarget' });
  });
});

describe('RFC 7644 §3.5.2.3: replace', () => {
  it('replaces a single-valued attribute and the values a filter selects', () => {
    const write = applied(
      patch(
        { op: 'replace', path: 'userName', value: 'babs' },
        {
          op: 'replace',
          path: 'emails[type eq "work"]',
          value: { value: 'babs@example.com', type: 'work', primary: true },
        },
      ),
    );
    expect(write).toMatchObject({ userName: 'babs', email: 'babs@example.com' });
  });

  it('replaces sub-attributes of a complex attribute, leaving the others (name)', () => {
    const write = applied(patch({ op: 'replace', path: 'name', value: { familyName: 'Jensen-Smith' } }));
    expect(write.scim.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen-Smith' });
  });

  it('a filter that matches nothing and fixes no values is 400 noTarget', () => {
    const body = patch({ op: 'replace', path: 'emails[value co "nowhere"].display', value: 'x' });
    expect(scimFailure(() => applied(body))).toMatchObject({ status: 400, scimType: 'noTarget' });
  });
});

describe('Okta request shapes', () => {
  it('a no-path replace repeating the user’s own id and schemas changes only what it names; another id is refused', () => {
    const own = stored().id;
    const body = (id: string) => patch({ op: 'replace', value: { id, schemas: [SCIM_CORE_USER_URN], active: false } });
    expect(applied(body(own.toUpperCase())).active).toBe(false);
    expect(scimFailure(() => applied(body('0190c3a0-0000-7000-8000-000000000002')))).toMatchObject({
      status: 400,
      scimType: 'mutability',
      detail: expect.stringContaining(own),
    });
  });
});

describe('Entra ID request shapes (Microsoft’s SCIM guide)', () => {
  it('"active": "False" as a string, with a capitalised op, deactivates', () => {
    expect(applied(patch({ op: 'Replace', path: 'active', value: 'False' })).active).toBe(false);
    expect(applied(patch({ op: 'Replace', value: { active: 'True' } }), stored({ isActive: false })).active).toBe(true);
  });

  it('dotted paths in a no-path value, and the enterprise extension by its URN path', () => {
    const write = applied(
      patch(
        { op: 'Replace', value: { 'name.givenName': 'Babs', displayName: 'Babs J.' } },
        { op: 'Add', path: `${SCIM_ENTERPRISE_USER_URN}:department`, value: 'Tour Operations' },
        { op: 'Add', path: `${SCIM_ENTERPRISE_USER_URN}:manager`, value: '26118915-6090-4610-87e4-49d8ca9f808d' },
      ),
    );
    expect(write.displayName).toBe('Babs J.');
    expect(write.scim.name).toMatchObject({ givenName: 'Babs' });
    expect(write.scim[SCIM_ENTERPRISE_USER_URN]).toEqual({
      department: 'Tour Operations',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    });
  });

  it('adds a mobile number that does not exist yet through its value filter', () => {
    const write = applied(patch({ op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' }));
    expect(write.mobilePhone).toBe('+1 555 0100');
  });

  it('"primary": "true" as a string is a boolean', () => {
    const write = readScimUser({
      schemas: [SCIM_CORE_USER_URN],
      userName: 'x',
      emails: [
        { value: 'a@x.example', primary: 'false' },
        { value: 'b@x.example', primary: 'true' },
      ],
    });
    expect(write.email).toBe('b@x.example');
  });
});

describe('refusals', () => {
  it('a read-only attribute is 400 mutability, an unknown one invalidPath, a bad op invalidSyntax', () => {
    expect(scimFailure(() => applied(patch({ op: 'replace', path: 'id', value: 'x' })))).toMatchObject({
      scimType: 'mutability',
    });
    expect(scimFailure(() => applied(patch({ op: 'add', path: 'groups', value: [] })))).toMatchObject({
      scimType: 'mutability',
    });
    expect(scimFailure(() => applied(patch({ op: 'add', path: 'shoeSize', value: 44 })))).toMatchObject({
      scimType: 'invalidPath',
    });
    expect(scimFailure(() => applied(patch({ op: 'move', path: 'userName' })))).toMatchObject({
      scimType: 'invalidSyntax',
    });
    expect(scimFailure(() => applied({ Operations: [] }))).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('a value the domain refuses is 400 invalidValue naming the attribute', () => {
    const failed = scimFailure(() =>
      applied(patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'no at sign' })),
    );
    expect(failed).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(failed.detail).toContain('emails.value');
  });
});

describe('round trip (property)', () => {
  const text = fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((value) => value.trim() === value && /^[\w .-]+$/.test(value));
  const user = fc.record({
    username: fc.stringMatching(/^[a-z][a-z0-9.]{0,15}$/),
    name: fc.option(text, { nil: null }),
    email: fc.option(fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.example$/), { nil: null }),
    mobilePhone: fc.option(fc.stringMatching(/^\+[1-9][0-9]{6,10}$/), { nil: null }),
    externalId: fc.option(text, { nil: null }),
    isActive: fc.boolean(),
  });

  it('readScimUser(toScimUser(user)) gives back every stored field', () => {
    fc.assert(
      fc.property(user, (fields) => {
        const write = readScimUser(resource(stored({ ...fields, scim: null })));
        expect(write).toMatchObject({
          userName: fields.username,
          displayName: fields.name,
          email: fields.email,
          mobilePhone: fields.mobilePhone,
          externalId: fields.externalId,
          active: fields.isActive,
        });
      }),
    );
  });

  it('a PATCH replace of every mapped field gives exactly the replaced values', () => {
    fc.assert(
      fc.property(user, user, (from, to) => {
        const write = applied(
          patch(
            { op: 'replace', path: 'userName', value: to.username },
            { op: 'replace', path: 'displayName', value: to.name },
            { op: 'replace', path: 'emails', value: to.email === null ? [] : [{ value: to.email, primary: true }] },
            { op: 'replace', path: 'phoneNumbers', value: to.mobilePhone === null ? [] : [{ value: to.mobilePhone }] },
            { op: 'replace', path: 'externalId', value: to.externalId },
            { op: 'replace', path: 'active', value: to.isActive },
          ),
          stored({ ...from, scim: null }),
        );
        expect(write).toMatchObject({
          userName: to.username,
          displayName: to.name,
          email: to.email,
          mobilePhone: to.mobilePhone,
          externalId: to.externalId,
          active: to.isActive,
        });
      }),
    );
  });
});

describe('RFC 7644 §3.4.2.5: attributes and excludedAttributes', () => {
  const full: JsonObject = {
    ...resource(),
    [SCIM_ENTERPRISE_USER_URN]: { department: 'Ops', employeeNumber: '7' },
  };

  it('returns what is asked for (sub-attributes, URN-qualified names, any case), with id and schemas', () => {
    const projected = projection({
      attributes: `USERNAME,name.givenName,emails.value,${SCIM_ENTERPRISE_USER_URN}:department`,
    }).project(full);
    expect(projected).toEqual({
      schemas: full.schemas,
      id: full.id,
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }],
      [SCIM_ENTERPRISE_USER_URN]: { department: 'Ops' },
    });
  });

  it('leaves out what is excluded, never id or schemas', () => {
    const projected = projection({
      excludedAttributes: `groups,urn:ietf:params:scim:schemas:core:2.0:User:meta,id,name.familyName`,
    }).project(full);
    expect(projected).not.toHaveProperty('groups');
    expect(projected).not.toHaveProperty('meta');
    expect(projected).toMatchObject({ id: full.id, name: { givenName: 'Barbara' } });
    expect((projected.name as JsonObject).familyName).toBeUndefined();
  });

  it('returns groups only when asked for (returned "request"), and reads them only then', () => {
    const inGroups = toScimUser(stored(), [{ id: 'g1', displayName: 'Pilots' }], {
      location: 'https://roster.example/scim/v2/tenants/t/Users/u',
      version: 'W/"1"',
    });
    for (const query of [{}, { excludedAttributes: 'meta' }, { attributes: 'userName' }]) {
      expect(projection(query).wants('groups')).toBe(false);
      expect(projection(query).project(inGroups)).not.toHaveProperty('groups');
    }
    expect(projection({}).project(inGroups)).toMatchObject({ userName: 'bjensen', meta: inGroups.meta });
    for (const attributes of ['groups', 'GROUPS.display', `${SCIM_CORE_USER_URN}:groups`]) {
      expect(projection({ attributes }).wants('groups')).toBe(true);
      expect(projection({ attributes }).project(inGroups).groups).toHaveLength(1);
    }
    expect(projection({ attributes: 'groups' }).wants('userName')).toBe(false);
    expect(projection({ excludedAttributes: 'emails' }).wants('userName')).toBe(true);
    expect(scimProjection({}, 'Group').wants('members')).toBe(true);
  });
});

const projection = (query: { attributes?: string; excludedAttributes?: string }) => scimProjection(query, 'User');

describe('scimverify (limosa-io): core attributes wrapped under the core schema URN', () => {
  it('reads them like top-level attributes, and refuses one given both ways', () => {
    const write = readScimUser({
      schemas: [SCIM_CORE_USER_URN],
      [SCIM_CORE_USER_URN]: { userName: 'wrapped', emails: [{ value: 'w@example.com' }] },
    });
    expect(write).toMatchObject({ userName: 'wrapped', email: 'w@example.com' });
    const twice = { schemas: [SCIM_CORE_USER_URN], userName: 'a', [SCIM_CORE_USER_URN]: { USERNAME: 'b' } };
    expect(scimFailure(() => readScimUser(twice))).toMatchObject({ scimType: 'invalidSyntax' });
  });
});
