import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDomainList } from './domains.js';
import type { Subscription } from './subscription.js';
import {
  LICENSE_EMAIL_PATTERN,
  accountTotals,
  classifyUser,
  countClasses,
  evaluateLimits,
  isLicenseEmail,
  licenseDomain,
  licenseIdentity,
  limitStatus,
  limitStatusChanges,
  type LimitStatus,
  type ClassificationSettings,
  type CountableUser,
  type LicensedRecord,
  type UsageClass,
} from './usage.js';

function user(overrides: Partial<CountableUser> = {}): CountableUser {
  return { kind: 'registered', isActive: true, email: null, username: 'bob', ...overrides };
}

function settings(overrides: Partial<ClassificationSettings> = {}): ClassificationSettings {
  return { classifyAllInternal: false, environmentDomains: [], tenantDomains: [], ...overrides };
}

/** Domains configured on the environment only; an external address would be counted external. */
const ACME = settings({ environmentDomains: ['acme.com'] });

const INVALID_ADDRESSES = ['foo', 'a@b', 'a @b.com', '@acme.com', 'x@', 'x@acme', 'a@b@c.com', 'x@acme.com ', ''];

describe('isLicenseEmail and LICENSE_EMAIL_PATTERN', () => {
  it.each(['x@acme.com', 'X@ACME.COM', 'first.last+tag@hr.acme.co.uk', 'x@acme.com.'])('accepts %j', (value) => {
    expect(isLicenseEmail(value)).toBe(true);
  });
  it.each([...INVALID_ADDRESSES, null])('refuses %j', (value) => {
    expect(isLicenseEmail(value)).toBe(false);
  });
  it('is the very pattern exported for the SQL side', () => {
    const pattern = new RegExp(LICENSE_EMAIL_PATTERN);
    for (const value of ['x@acme.com', ...INVALID_ADDRESSES]) {
      expect(isLicenseEmail(value)).toBe(pattern.test(value));
    }
  });
});

describe('classifyUser — inactive and anonymous come first', () => {
  it('an inactive registered user is inactive', () => {
    expect(classifyUser(user({ isActive: false, email: 'x@acme.com' }), ACME)).toBe('inactive');
  });
  it('inactive wins over anonymous', () => {
    expect(classifyUser(user({ kind: 'anonymous', isActive: false, username: null }), ACME)).toBe('inactive');
  });
  it('inactive wins over an internal email', () => {
    expect(classifyUser(user({ isActive: false, email: 'x@acme.com' }), ACME)).toBe('inactive');
  });
  it('inactive wins over an external email', () => {
    expect(classifyUser(user({ isActive: false, email: 'x@other.com' }), ACME)).toBe('inactive');
  });
  it('inactive wins over classifyAllInternal', () => {
    expect(classifyUser(user({ isActive: false }), settings({ classifyAllInternal: true }))).toBe('inactive');
  });
  it('an active anonymous user is anonymous', () => {
    expect(classifyUser(user({ kind: 'anonymous', username: null }), ACME)).toBe('anonymous');
  });
  it('anonymous wins over classifyAllInternal and over any address', () => {
    const anonymous = user({ kind: 'anonymous', email: 'x@other.com', username: 'y@acme.com' });
    expect(classifyUser(anonymous, settings({ classifyAllInternal: true }))).toBe('anonymous');
    expect(classifyUser(anonymous, ACME)).toBe('anonymous');
    expect(classifyUser(anonymous, settings())).toBe('anonymous');
  });
});

describe('classifyUser — rule 1: classifyAllInternal', () => {
  it('makes a user with an external email internal, even with domains configured on both levels', () => {
    const all = settings({
      classifyAllInternal: true,
      environmentDomains: ['acme.com'],
      tenantDomains: ['client.com'],
    });
    expect(classifyUser(user({ email: 'x@other.com' }), all)).toBe('internal');
  });
  it('makes a user with an external username-email internal', () => {
    const all = settings({ classifyAllInternal: true, environmentDomains: ['acme.com'] });
    expect(classifyUser(user({ username: 'x@other.com' }), all)).toBe('internal');
  });
  it('the same user is external without it', () => {
    expect(classifyUser(user({ email: 'x@other.com' }), ACME)).toBe('external');
  });
});

describe('classifyUser — rule 2: the address checked', () => {
  it('is the email when it is valid', () => {
    expect(classifyUser(user({ email: 'x@acme.com', username: 'y@other.com' }), ACME)).toBe('internal');
    expect(classifyUser(user({ email: 'x@other.com', username: 'y@acme.com' }), ACME)).toBe('external');
  });
  it('is the username when the email is null and the username is a valid email', () => {
    expect(classifyUser(user({ email: null, username: 'y@other.com' }), ACME)).toBe('external');
    expect(classifyUser(user({ email: null, username: 'y@acme.com' }), ACME)).toBe('internal');
  });
  it('is the username when the email is the empty string', () => {
    expect(classifyUser(user({ email: '', username: 'y@other.com' }), ACME)).toBe('external');
  });
  it.each(INVALID_ADDRESSES.filter((value) => value !== ''))(
    'is the username when the email %j is not a valid address',
    (email) => {
      expect(classifyUser(user({ email, username: 'y@other.com' }), ACME)).toBe('external');
      expect(licenseDomain({ email, username: 'y@other.com' })).toBe('other.com');
    },
  );
  it.each([...INVALID_ADDRESSES, null])('none: email null and username %j → internal', (username) => {
    expect(classifyUser(user({ email: null, username }), ACME)).toBe('internal');
    expect(licenseDomain({ email: null, username })).toBeNull();
  });
  it.each([...INVALID_ADDRESSES, null])('none: email %j and a plain username → internal', (email) => {
    expect(classifyUser(user({ email, username: 'bob' }), ACME)).toBe('internal');
  });
});

describe('licenseDomain — rule 3: the domain compared', () => {
  it('is the part after the @, lower-cased', () => {
    expect(licenseDomain({ email: 'Jane.Doe@Acme.Com', username: null })).toBe('acme.com');
  });
  it('keeps the local part out of it', () => {
    expect(licenseDomain({ email: 'acme.com@other.com', username: null })).toBe('other.com');
  });
  it('drops a trailing dot (configured domains are stored without one)', () => {
    expect(licenseDomain({ email: 'x@acme.com.', username: null })).toBe('acme.com');
  });
  it('keeps subdomains as they are', () => {
    expect(licenseDomain({ email: 'x@hr.acme.com', username: null })).toBe('hr.acme.com');
  });
  it('comes from the username when the email gives none', () => {
    expect(licenseDomain({ email: null, username: 'Y@Client.COM' })).toBe('client.com');
  });
});

describe('classifyUser — rule 3: exact comparison with environment ∪ tenant domains', () => {
  it('an upper-case email domain matches a configured domain', () => {
    expect(classifyUser(user({ email: 'X@ACME.COM' }), ACME)).toBe('internal');
  });
  it('an upper-case username domain matches a configured domain', () => {
    expect(classifyUser(user({ username: 'X@ACME.COM' }), ACME)).toBe('internal');
  });
  it('an email with a trailing dot matches', () => {
    expect(classifyUser(user({ email: 'x@acme.com.' }), ACME)).toBe('internal');
  });
  it('a subdomain is a different value', () => {
    expect(classifyUser(user({ email: 'x@hr.acme.com' }), ACME)).toBe('external');
  });
  it('a parent domain is a different value', () => {
    expect(classifyUser(user({ email: 'x@acme.com' }), settings({ environmentDomains: ['hr.acme.com'] }))).toBe(
      'external',
    );
  });
  it('a domain that merely ends with a configured one is a different value', () => {
    expect(classifyUser(user({ email: 'x@notacme.com' }), ACME)).toBe('external');
  });
  it('a different top-level domain is a different value', () => {
    expect(classifyUser(user({ email: 'x@acme.co' }), ACME)).toBe('external');
  });
  it('matches on the environment domains alone', () => {
    const only = settings({ environmentDomains: ['acme.com'], tenantDomains: ['client.com'] });
    expect(classifyUser(user({ email: 'x@acme.com' }), only)).toBe('internal');
  });
  it('matches on the tenant domains alone', () => {
    const only = settings({ environmentDomains: ['acme.com'], tenantDomains: ['client.com'] });
    expect(classifyUser(user({ email: 'x@client.com' }), only)).toBe('internal');
    expect(classifyUser(user({ email: 'x@client.com' }), settings({ tenantDomains: ['client.com'] }))).toBe('internal');
  });
  it('is external when matching neither list', () => {
    const both = settings({ environmentDomains: ['acme.com'], tenantDomains: ['client.com'] });
    expect(classifyUser(user({ email: 'x@other.com' }), both)).toBe('external');
  });
  it('agrees with domains normalized as the API stores them', () => {
    const normalized = normalizeDomainList(['ACME.com.', ' Client.COM ']);
    expect(normalized.ok).toBe(true);
    if (!normalized.ok) return;
    const configured = settings({ environmentDomains: normalized.domains });
    expect(classifyUser(user({ email: 'x@Acme.COM.' }), configured)).toBe('internal');
    expect(classifyUser(user({ email: 'x@client.com' }), configured)).toBe('internal');
    expect(classifyUser(user({ email: 'x@hr.client.com' }), configured)).toBe('external');
  });
});

describe('classifyUser — rule 4: no domains configured', () => {
  it.each(['x@acme.com', 'x@other.com', 'x@hr.acme.com'])('%j is internal when both lists are empty', (email) => {
    expect(classifyUser(user({ email }), settings())).toBe('internal');
  });
  it('a username-email is internal when both lists are empty', () => {
    expect(classifyUser(user({ username: 'x@other.com' }), settings())).toBe('internal');
  });
  it('one non-empty list is enough to classify external', () => {
    expect(classifyUser(user({ email: 'x@other.com' }), settings({ tenantDomains: ['client.com'] }))).toBe('external');
    expect(classifyUser(user({ email: 'x@other.com' }), settings({ environmentDomains: ['acme.com'] }))).toBe(
      'external',
    );
  });
});

describe('classifyUser — rule 5: match → internal, else external', () => {
  it('match → internal', () => {
    expect(classifyUser(user({ email: 'x@acme.com' }), ACME)).toBe('internal');
  });
  it('no match → external', () => {
    expect(classifyUser(user({ email: 'x@other.com' }), ACME)).toBe('external');
  });
});

describe('countClasses', () => {
  it('counts each class and named = internal + external', () => {
    const classes: UsageClass[] = ['internal', 'internal', 'external', 'anonymous', 'inactive', 'inactive', 'inactive'];
    expect(countClasses(classes)).toEqual({ internal: 2, external: 1, named: 3, anonymous: 1, inactive: 3 });
  });
  it('is all zero for no users', () => {
    expect(countClasses([])).toEqual({ internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 });
  });
  it('anonymous and inactive users are never named', () => {
    expect(countClasses(['anonymous', 'inactive']).named).toBe(0);
  });
});

describe('licenseIdentity', () => {
  it('is the email, lower-cased', () => {
    expect(licenseIdentity({ email: 'Jane@Acme.COM', username: 'jane' })).toBe('jane@acme.com');
  });
  it('is case-insensitive', () => {
    expect(licenseIdentity({ email: 'JANE@ACME.COM', username: 'a' })).toBe(
      licenseIdentity({ email: 'jane@acme.com', username: 'b' }),
    );
  });
  it('falls back to the username, lower-cased, when the email is null, empty or invalid', () => {
    expect(licenseIdentity({ email: null, username: 'Jane' })).toBe('jane');
    expect(licenseIdentity({ email: '', username: 'Jane' })).toBe('jane');
    expect(licenseIdentity({ email: 'foo', username: 'Jane' })).toBe('jane');
    expect(licenseIdentity({ email: 'a@b', username: 'Jane' })).toBe('jane');
  });
  it('a username holding an email matches the same email elsewhere', () => {
    expect(licenseIdentity({ email: null, username: 'Jane@Acme.com' })).toBe(
      licenseIdentity({ email: 'jane@acme.com', username: 'jdoe' }),
    );
  });
  it('is null with neither', () => {
    expect(licenseIdentity({ email: null, username: null })).toBeNull();
  });
});

describe('accountTotals', () => {
  const records: LicensedRecord[] = [
    { identity: 'jane@acme.com', usageClass: 'internal' }, // production env A
    { identity: 'jane@acme.com', usageClass: 'external' }, // production env B
    { identity: 'bob@other.com', usageClass: 'external' }, // A
    { identity: 'bob@other.com', usageClass: 'external' }, // B
    { identity: 'carol', usageClass: 'internal' }, // A
  ];

  it('sum adds every record', () => {
    expect(accountTotals('sum', records)).toEqual({ internal: 2, external: 3, named: 5 });
  });
  it('unique counts each identity once, internal if any of its records is internal', () => {
    expect(accountTotals('unique', records)).toEqual({ internal: 2, external: 1, named: 3 });
  });
  it('unique: a person internal only in the last record is still internal', () => {
    const late: LicensedRecord[] = [
      { identity: 'p', usageClass: 'external' },
      { identity: 'p', usageClass: 'external' },
      { identity: 'p', usageClass: 'internal' },
    ];
    expect(accountTotals('unique', late)).toEqual({ internal: 1, external: 0, named: 1 });
  });
  it('unique: a person external everywhere is external', () => {
    const everywhere: LicensedRecord[] = [
      { identity: 'p', usageClass: 'external' },
      { identity: 'p', usageClass: 'external' },
    ];
    expect(accountTotals('unique', everywhere)).toEqual({ internal: 0, external: 1, named: 1 });
  });
  it('unique merges records whose identities come from licenseIdentity case-insensitively', () => {
    const fromUsers: LicensedRecord[] = [
      { identity: licenseIdentity({ email: 'JANE@ACME.COM', username: 'jane' }) ?? '', usageClass: 'external' },
      { identity: licenseIdentity({ email: null, username: 'jane@acme.com' }) ?? '', usageClass: 'external' },
      { identity: licenseIdentity({ email: 'foo', username: 'Bob' }) ?? '', usageClass: 'internal' },
      { identity: licenseIdentity({ email: null, username: 'bob' }) ?? '', usageClass: 'external' },
    ];
    expect(accountTotals('unique', fromUsers)).toEqual({ internal: 1, external: 1, named: 2 });
    expect(accountTotals('sum', fromUsers)).toEqual({ internal: 1, external: 3, named: 4 });
  });
  it('is all zero for no records, in both aggregations', () => {
    expect(accountTotals('sum', [])).toEqual({ internal: 0, external: 0, named: 0 });
    expect(accountTotals('unique', [])).toEqual({ internal: 0, external: 0, named: 0 });
  });
  it('accepts any iterable', () => {
    function* generate(): Generator<LicensedRecord> {
      yield* records;
    }
    expect(accountTotals('unique', generate())).toEqual({ internal: 2, external: 1, named: 3 });
  });
});

describe('limitStatus', () => {
  it.each([
    [0, 10, 'ok'],
    [8, 10, 'ok'],
    [9, 10, 'warning'], // exactly 90 %
    [10, 10, 'warning'], // at the limit
    [11, 10, 'exceeded'],
    [89, 100, 'ok'],
    [90, 100, 'warning'],
    [100, 100, 'warning'],
    [101, 100, 'exceeded'],
    [62, 70, 'ok'],
    [63, 70, 'warning'], // exactly 90 %, where 0.9 × 70 is not exact in binary
    [0, 1, 'ok'],
    [1, 1, 'warning'],
    [2, 1, 'exceeded'],
    [0, 0, 'ok'],
    [1, 0, 'exceeded'],
  ] as const)('%i of %i → %s', (count, limit, status) => {
    expect(limitStatus(count, limit)).toBe(status);
  });
  it.each([0, 5, 1_000_000])('no limit → null status (count %i)', (count) => {
    expect(limitStatus(count, null)).toBeNull();
  });
});

function subscription(overrides: Partial<Subscription>): Subscription {
  return {
    model: 'internal-external',
    internalLimit: null,
    externalLimit: null,
    namedLimit: null,
    aggregation: 'sum',
    ...overrides,
  };
}

describe('evaluateLimits', () => {
  it('internal-external applies the internal and external limits, named has none', () => {
    const evaluation = evaluateLimits(subscription({ internalLimit: 10, externalLimit: 100 }), {
      internal: 9,
      external: 101,
      named: 110,
    });
    expect(evaluation).toEqual({
      limits: { internal: 10, external: 100, named: null },
      status: { internal: 'warning', external: 'exceeded', named: null },
    });
  });
  it('internal-external ignores a namedLimit outside the model', () => {
    const evaluation = evaluateLimits(subscription({ internalLimit: 10, externalLimit: 10, namedLimit: 1 }), {
      internal: 1,
      external: 2,
      named: 3,
    });
    expect(evaluation).toEqual({
      limits: { internal: 10, external: 10, named: null },
      status: { internal: 'ok', external: 'ok', named: null },
    });
  });
  it('internal-external with one dimension unlimited', () => {
    const evaluation = evaluateLimits(subscription({ internalLimit: null, externalLimit: 5 }), {
      internal: 1000,
      external: 5,
      named: 1005,
    });
    expect(evaluation).toEqual({
      limits: { internal: null, external: 5, named: null },
      status: { internal: null, external: 'warning', named: null },
    });
  });
  it('named applies the named limit only', () => {
    const evaluation = evaluateLimits(subscription({ model: 'named', namedLimit: 10 }), {
      internal: 4,
      external: 4,
      named: 8,
    });
    expect(evaluation).toEqual({
      limits: { internal: null, external: null, named: 10 },
      status: { internal: null, external: null, named: 'ok' },
    });
  });
  it('named ignores internal and external limits outside the model', () => {
    const evaluation = evaluateLimits(
      subscription({ model: 'named', internalLimit: 1, externalLimit: 1, namedLimit: 10 }),
      { internal: 6, external: 5, named: 11 },
    );
    expect(evaluation).toEqual({
      limits: { internal: null, external: null, named: 10 },
      status: { internal: null, external: null, named: 'exceeded' },
    });
  });
  it('named without a limit has no status at all', () => {
    const evaluation = evaluateLimits(subscription({ model: 'named' }), { internal: 1, external: 1, named: 2 });
    expect(evaluation).toEqual({
      limits: { internal: null, external: null, named: null },
      status: { internal: null, external: null, named: null },
    });
  });
  it('limit 0 is a limit: 0 → ok, 1 → exceeded', () => {
    const zero = subscription({ internalLimit: 0, externalLimit: 0 });
    expect(evaluateLimits(zero, { internal: 0, external: 1, named: 1 }).status).toEqual({
      internal: 'ok',
      external: 'exceeded',
      named: null,
    });
  });
});

describe('properties', () => {
  const domainArb = fc.constantFrom('acme.com', 'hr.acme.com', 'client.com', 'other.com', 'ACME.COM', 'acme.com.');
  const addressArb = fc.oneof(
    fc.constant(null),
    fc.constantFrom(...INVALID_ADDRESSES, 'bob', 'Jane'),
    fc.tuple(fc.constantFrom('x', 'Jane', 'a.b+c'), domainArb).map(([local, domain]) => `${local}@${domain}`),
  );
  const userArb = fc.record({
    kind: fc.constantFrom('registered' as const, 'anonymous' as const),
    isActive: fc.boolean(),
    email: addressArb,
    username: addressArb,
  });
  const configuredArb = fc.subarray(['acme.com', 'hr.acme.com', 'client.com']);
  const settingsArb = fc.record({
    classifyAllInternal: fc.boolean(),
    environmentDomains: configuredArb,
    tenantDomains: configuredArb,
  });
  const recordArb = fc.record({
    identity: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    usageClass: fc.constantFrom('internal' as const, 'external' as const),
  });

  it('inactive users are inactive; active anonymous users anonymous; never internal/external', () => {
    fc.assert(
      fc.property(userArb, settingsArb, (u, s) => {
        const usageClass = classifyUser(u, s);
        if (!u.isActive) expect(usageClass).toBe('inactive');
        else if (u.kind === 'anonymous') expect(usageClass).toBe('anonymous');
        else expect(['internal', 'external']).toContain(usageClass);
      }),
    );
  });

  it('an active registered user is external only with a licensed domain outside a non-empty union', () => {
    fc.assert(
      fc.property(userArb, settingsArb, (u, s) => {
        const active = { ...u, kind: 'registered' as const, isActive: true };
        const domain = licenseDomain(active);
        const union = [...s.environmentDomains, ...s.tenantDomains];
        const expected =
          s.classifyAllInternal || domain === null || union.length === 0 || union.includes(domain)
            ? 'internal'
            : 'external';
        expect(classifyUser(active, s)).toBe(expected);
      }),
    );
  });

  it('classification does not depend on which list holds a domain', () => {
    fc.assert(
      fc.property(userArb, settingsArb, (u, s) => {
        const swapped = { ...s, environmentDomains: s.tenantDomains, tenantDomains: s.environmentDomains };
        expect(classifyUser(u, swapped)).toBe(classifyUser(u, s));
      }),
    );
  });

  it('named = internal + external, and every user is counted exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<UsageClass>('internal', 'external', 'anonymous', 'inactive')), (classes) => {
        const counts = countClasses(classes);
        expect(counts.named).toBe(counts.internal + counts.external);
        expect(counts.named + counts.anonymous + counts.inactive).toBe(classes.length);
      }),
    );
  });

  it('unique totals never exceed sum totals, and both have named = internal + external', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 30 }), (records) => {
        const sum = accountTotals('sum', records);
        const unique = accountTotals('unique', records);
        expect(sum.named).toBe(records.length);
        expect(unique.named).toBe(new Set(records.map((record) => record.identity)).size);
        expect(unique.named).toBeLessThanOrEqual(sum.named);
        expect(unique.internal).toBeLessThanOrEqual(sum.internal);
        expect(sum.named).toBe(sum.internal + sum.external);
        expect(unique.named).toBe(unique.internal + unique.external);
      }),
    );
  });

  it('account totals do not depend on record order', () => {
    fc.assert(
      fc.property(
        fc
          .array(recordArb, { maxLength: 30 })
          .chain((records) =>
            fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length })),
          ),
        fc.constantFrom('sum' as const, 'unique' as const),
        ([records, shuffled], aggregation) => {
          expect(accountTotals(aggregation, shuffled)).toEqual(accountTotals(aggregation, records));
        },
      ),
    );
  });

  it('limitStatus: exceeded above the limit, warning from exactly 90 % (integer arithmetic) up to it', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: -3, max: 3 }), (limit, offset) => {
        // Counts around the 90 % boundary, and around the limit itself.
        for (const count of [Math.ceil((limit * 9) / 10) + offset, limit + offset].filter((value) => value >= 0)) {
          const expected = count > limit ? 'exceeded' : count > 0 && count * 10 >= limit * 9 ? 'warning' : 'ok';
          expect(limitStatus(count, limit)).toBe(expected);
        }
      }),
    );
  });

  it('limitStatus is monotonic in the count', () => {
    const rank = { ok: 0, warning: 1, exceeded: 2 };
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), (count, limit) => {
        const here = limitStatus(count, limit);
        const next = limitStatus(count + 1, limit);
        expect(here).not.toBeNull();
        expect(next).not.toBeNull();
        if (here !== null && next !== null) expect(rank[next]).toBeGreaterThanOrEqual(rank[here]);
      }),
    );
  });
});

describe('limitStatusChanges', () => {
  const status = (internal: LimitStatus | null, external: LimitStatus | null, named: LimitStatus | null) => ({
    internal,
    external,
    named,
  });

  it('names the dimensions whose status moved, before and after', () => {
    expect(limitStatusChanges(status('ok', 'ok', null), status('warning', 'ok', null))).toEqual({
      before: { internal: 'ok' },
      after: { internal: 'warning' },
    });
    expect(limitStatusChanges(status('exceeded', 'warning', null), status('ok', 'ok', null))).toEqual({
      before: { internal: 'exceeded', external: 'warning' },
      after: { internal: 'ok', external: 'ok' },
    });
    expect(limitStatusChanges(status('ok', 'ok', null), status('ok', 'ok', null))).toBeNull();
  });

  it('reads no status as ok: a first count within its limits moves nothing, one over its limit does', () => {
    expect(limitStatusChanges(null, status('ok', 'ok', null))).toBeNull();
    expect(limitStatusChanges(null, status(null, null, 'exceeded'))).toEqual({
      before: { named: null },
      after: { named: 'exceeded' },
    });
    expect(limitStatusChanges(status('ok', null, null), status(null, null, 'ok'))).toBeNull();
  });
});
