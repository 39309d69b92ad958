import { describe, expect, it } from 'vitest';
import {
  matchesScimUserFilter,
  parseScimUserFilter,
  resolveScimUserSortBy,
  ScimFilterError,
  type ScimUserView,
} from '../index.js';

const base: ScimUserView = {
  id: '0b5c1c9e-4d8f-4a2b-9c3e-1f2a3b4c5d6e',
  externalId: 'EXT-7',
  username: 'Straße',
  name: 'Barbara Jensen',
  email: 'BJensen@Example.com',
  mobilePhone: '+15550100',
  isActive: true,
  createdAt: new Date('2024-01-01T00:00:00.000Z'),
  updatedAt: new Date('2024-06-30T12:00:00.500Z'),
  groupIds: ['11111111-2222-4333-8444-555555555555'],
};
const bare: ScimUserView = { ...base, externalId: null, name: null, email: null, mobilePhone: null, groupIds: [] };

const matches = (filter: string, user: ScimUserView = base) => matchesScimUserFilter(user, parseScimUserFilter(filter));

function rejects(filter: string, detail: RegExp): void {
  try {
    parseScimUserFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(ScimFilterError);
    expect((error as ScimFilterError).scimType).toBe('invalidFilter');
    expect((error as ScimFilterError).detail).toMatch(detail);
    return;
  }
  throw new Error(`${filter} was accepted`);
}

describe('SCIM filter operators', () => {
  it.each([
    ['userName eq "strasse"', true],
    ['userName eq "STRASSE"', true],
    ['userName eq "  Straße "', true],
    ['userName ne "strasse"', false],
    ['userName co "ss"', true],
    ['userName sw "STR"', true],
    ['userName ew "SSE"', true],
    ['userName gt "strass"', true],
    ['userName ge "strasse"', true],
    ['userName lt "strasse"', false],
    ['userName le "strasse"', true],
    ['displayName eq "barbara jensen"', true],
    ['name.formatted co "JENSEN"', true],
    ['displayName sw "Barb"', true],
    ['externalId eq "EXT-7"', true],
    ['externalId eq "ext-7"', false],
    ['id eq "0b5c1c9e-4d8f-4a2b-9c3e-1f2a3b4c5d6e"', true],
    ['id eq "0B5C1C9E-4D8F-4A2B-9C3E-1F2A3B4C5D6E"', false],
    ['active eq true', true],
    ['active ne true', false],
    ['meta.created eq "2024-01-01T00:00:00Z"', true],
    ['meta.created eq "2024-01-01T01:00:00+01:00"', true],
    ['meta.lastModified gt "2024-06-30T12:00:00.499999Z"', true],
    ['meta.lastModified gt "2024-06-30T12:00:00.500001Z"', false],
    ['meta.lastModified le "2024-06-30T12:00:00.500Z"', true],
    ['meta.resourceType eq "User"', true],
    ['meta.resourceType eq "user"', false],
    ['emails co "@example.COM"', true],
    ['emails.value eq "bjensen@example.com"', true],
    ['emails.type eq "WORK"', true],
    ['emails.primary eq true', true],
    ['phoneNumbers.value eq "+15550100"', true],
    ['phoneNumbers.type eq "mobile"', true],
    ['groups.value eq "11111111-2222-4333-8444-555555555555"', true],
    ['groups eq "11111111-2222-4333-8444-555555555556"', false],
    ['groups.type eq "direct"', true],
    ['emails pr', true],
    ['groups pr', true],
    ['externalId pr', true],
  ])('%s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('treats a missing value as no match for every comparison, ne included, and pr as false', () => {
    for (const filter of [
      'externalId eq "x"',
      'externalId ne "x"',
      'displayName co ""',
      'emails ne "x"',
      'emails.type eq "work"',
      'phoneNumbers pr',
      'groups pr',
      'externalId pr',
    ]) {
      expect(matches(filter, bare), filter).toBe(false);
    }
    expect(matches('not (externalId eq "x")', bare)).toBe(true);
    expect(matches('externalId pr', { ...base, externalId: '' })).toBe(false);
  });

  it('reads eq null as "has no value" and ne null as "has a value"', () => {
    expect(matches('externalId eq null', bare)).toBe(true);
    expect(matches('externalId ne null', bare)).toBe(false);
    expect(matches('emails.value eq null', bare)).toBe(true);
    expect(matches('emails eq NULL')).toBe(false);
  });

  it('escapes: JSON escapes in strings, LIKE metacharacters taken literally', () => {
    const user = { ...base, name: 'a%b_c\\d "q" é😀' };
    expect(matches('displayName co "%b_c\\\\d"', user)).toBe(true);
    expect(matches('displayName co "\\"q\\""', user)).toBe(true);
    expect(matches('displayName ew "\\u00e9\\ud83d\\ude00"', user)).toBe(true);
    expect(matches('displayName co "%c"', user)).toBe(false);
  });
});

describe('SCIM filter structure', () => {
  it('binds not tighter than and, and tighter than or', () => {
    expect(parseScimUserFilter('active eq true or active eq false and userName eq "x"')).toMatchObject({
      kind: 'or',
      filters: [{ kind: 'compare', field: 'active' }, { kind: 'and' }],
    });
    expect(matches('active eq false and userName eq "x" or emails pr')).toBe(true);
    expect(matches('active eq false and (userName eq "x" or emails pr)')).toBe(false);
    expect(matches('not (active eq false) and emails pr')).toBe(true);
  });

  it('takes attribute names and operators in any case, and the core schema URN', () => {
    expect(matches('USERNAME EQ "strasse"')).toBe(true);
    expect(matches('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "s"')).toBe(true);
    expect(matches('URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:Meta.Created Pr')).toBe(true);
    expect(matches('Emails[Type Eq "work" AND Value Co "@example"]')).toBe(true);
    expect(matches('active eq TRUE')).toBe(true);
  });

  it('matches value paths on one value, with a sub-attribute after them', () => {
    expect(matches('emails[type eq "work" and value co "@example.com"]')).toBe(true);
    expect(matches('emails[type eq "home" or not (primary eq true)]')).toBe(false);
    expect(matches('emails[type eq "work"].value co "jensen"')).toBe(true);
    expect(matches('emails[primary eq true]', bare)).toBe(false);
    expect(matches('groups[value eq "11111111-2222-4333-8444-555555555555"]')).toBe(true);
  });

  it('flattens and/or chains, so long filters nest no deeper', () => {
    const filter = parseScimUserFilter(Array(200).fill('active pr').join(' and '));
    expect(filter).toMatchObject({ kind: 'and' });
    expect((filter as { filters: unknown[] }).filters).toHaveLength(200);
  });
});

describe('SCIM filter errors (invalidFilter)', () => {
  it.each([
    ['', /empty/],
    ['userName eq', /expected a value after userName eq/],
    ['userName eq "x', /unterminated string/],
    ['userName eq "\\x"', /invalid escape/],
    ['userName eq "\\ud800"', /unpaired surrogate/],
    ['userName eq "\\u0000"', /U\+0000/],
    ['userName eq "a\tb"', /control character/],
    ['userName like "x"', /expected an operator after userName.*eq, ne, co/],
    ['userName eq "x" and', /expected an attribute/],
    ['(userName eq "x"', /expected "\)"/],
    ['userName eq "x")', /expected "and", "or" or the end/],
    ['not userName eq "x"', /"not" must be followed by a filter in parentheses/],
    ['nickName eq "x"', /keeps nickName as the identity provider sent it but does not filter on it/],
    ['name.givenName eq "x"', /keeps name.givenName as the identity provider sent it but does not filter on it/],
    ['name eq "x"', /name is complex/],
    ['groups.display eq "admins"', /groups.display.*filter on groups.value/],
    ['password eq "x"', /never/],
    ['foo eq "x"', /unknown attribute "foo".*supported: id, externalId/],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"', /schema .* not supported/],
    ['emails.value.x eq "x"', /malformed attribute path/],
    ['active gt true', /gt is not allowed on active, a boolean.*eq, ne, pr/],
    ['meta.created co "2024"', /co is not allowed on meta.created, a dateTime/],
    ['active eq "true"', /active is a boolean: compare it with true or false/],
    ['userName eq 42', /userName is a string: compare it with a "quoted string", not 42/],
    ['userName eq true', /userName is a string/],
    ['meta.created gt "2024-01-01"', /xsd:dateTime/],
    ['meta.created gt "2024-02-30T00:00:00Z"', /not a valid date/],
    ['meta.created gt "2024-01-01T00:00:00.1234567Z"', /6 fractional digits/],
    ['userName gt null', /null compares only with eq/],
    ['userName[value eq "x"]', /not a multi-valued attribute/],
    ['emails[value eq "x"', /expected "]"/],
    ['emails[display eq "x"]', /emails.display is not stored/],
    ['emails[type[value eq "x"]]', /cannot be nested/],
    ['userName eq "x" # comment', /unexpected character "#"/],
    ['userName eq 1x', /malformed number/],
  ])('%s', (filter, detail) => rejects(filter, detail));

  it('caps the length at 4 KiB and the nesting at 32', () => {
    rejects(`userName eq "${'x'.repeat(4100)}"`, /at most 4096/);
    rejects(`userName eq "${'é'.repeat(2045)}"`, /at most 4096/);
    expect(() => parseScimUserFilter(`${'('.repeat(32)}active pr${')'.repeat(32)}`)).not.toThrow();
    rejects(`${'('.repeat(33)}active pr${')'.repeat(33)}`, /deeper than 32/);
    rejects(`${'not ('.repeat(33)}active pr${')'.repeat(33)}`, /deeper than 32/);
  });

  it('answers as a SCIM error body', () => {
    try {
      parseScimUserFilter('active gt true');
    } catch (error) {
      expect((error as ScimFilterError).toScimError()).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    }
  });
});

describe('sortBy', () => {
  it('resolves like filter paths and refuses the rest with invalidValue', () => {
    expect(resolveScimUserSortBy('USERNAME')).toBe('userName');
    expect(resolveScimUserSortBy('urn:ietf:params:scim:schemas:core:2.0:User:meta.lastModified')).toBe('lastModified');
    expect(resolveScimUserSortBy('emails.value')).toBe('emails');
    expect(resolveScimUserSortBy('name.formatted')).toBe('displayName');
    expect(() => resolveScimUserSortBy('active')).toThrow(expect.objectContaining({ scimType: 'invalidValue' }));
  });
});
