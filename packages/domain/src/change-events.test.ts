import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountsToRecount,
  change,
  type ChangeEvent,
  countMoved,
  type EnvironmentFacts,
  invalidationsOf,
  invalidationsOfAll,
  type RecordedChange,
  type UserFacts,
} from './change-events.js';
import { roleGranted, roleRevoked } from './grant-changes.js';
import { type ClassificationSettings, classifyUser, licenseIdentity } from './usage.js';

const DOMAINS = ['acme.com', 'hr.acme.com', 'else.org'];
const address = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...DOMAINS).map((domain) => `x@${domain}`),
  fc.constantFrom('X@ACME.COM', 'not-an-address', 'y@Else.Org'),
);
const userFacts: fc.Arbitrary<UserFacts & { name: string | null; mobilePhone: string | null }> = fc.record({
  kind: fc.constantFrom('registered' as const, 'anonymous' as const),
  username: fc.oneof(fc.constant(null), fc.constantFrom('bob', 'bob@acme.com', 'BOB@else.org')),
  email: address,
  isActive: fc.boolean(),
  name: fc.oneof(fc.constant(null), fc.string({ maxLength: 5 })),
  mobilePhone: fc.oneof(fc.constant(null), fc.constantFrom('+1 555', '123')),
});
const domainList = fc.subarray(DOMAINS);
const settings: fc.Arbitrary<ClassificationSettings> = fc.record({
  classifyAllInternal: fc.boolean(),
  environmentDomains: domainList,
  tenantDomains: domainList,
});

/** What a user contributes to any count: its class in the environment, and who it is for `unique`. */
const countedAs = (user: UserFacts, s: ClassificationSettings) => [classifyUser(user, s), licenseIdentity(user)];

const recorded = (event: ChangeEvent, scope: Partial<RecordedChange> = {}): RecordedChange =>
  ({
    ...event,
    id: 'id',
    accountId: 'account',
    tenantId: 'tenant',
    environmentId: 'environment',
    actor: { kind: 'system', id: null },
    at: '2026-12-04T00:00:00.000Z',
    ...scope,
  }) as RecordedChange;

describe('countMoved agrees with the counting rules (DESIGN.md §3)', () => {
  it('a user change that changes what the user counts as, anywhere, asks for a recount', () => {
    fc.assert(
      fc.property(userFacts, userFacts, settings, (before, after, s) => {
        for (const type of ['user.updated', 'user.activated', 'user.deactivated'] as const) {
          const moved = countMoved(change(type, 'u', before, after));
          if (JSON.stringify(countedAs(before, s)) !== JSON.stringify(countedAs(after, s))) expect(moved).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a user change the counting rules cannot see asks for none', () => {
    fc.assert(
      fc.property(userFacts, fc.string({ maxLength: 5 }), fc.constantFrom('+1 555', null), (before, name, phone) => {
        const after = { ...before, name, mobilePhone: phone, externalId: 'elsewhere' };
        expect(countMoved(change('user.updated', 'u', before, after))).toBe(false);
      }),
    );
  });

  it('an environment change that reclassifies some user asks for a recount; a rename does not', () => {
    const environment = fc.record({
      kind: fc.constantFrom('production' as const, 'non-production' as const),
      classifyAllInternal: fc.boolean(),
      name: fc.constantFrom('prod', 'renamed'),
    });
    fc.assert(
      fc.property(environment, environment, domainList, userFacts, (before, after, domains, user) => {
        const moved = countMoved(change('environment.updated', 'e', before as EnvironmentFacts, after));
        const as = (e: typeof before) =>
          countedAs(user, {
            classifyAllInternal: e.classifyAllInternal,
            environmentDomains: domains,
            tenantDomains: [],
          });
        // Production or not decides whether the environment enters the account's totals.
        if (before.kind !== after.kind || JSON.stringify(as(before)) !== JSON.stringify(as(after))) {
          expect(moved).toBe(true);
        }
        if (before.kind === after.kind && before.classifyAllInternal === after.classifyAllInternal) {
          expect(moved).toBe(false);
        }
      }),
    );
  });

  it('new internal domains ask for a recount when they reclassify someone, and the same list asks for none', () => {
    fc.assert(
      fc.property(domainList, domainList, userFacts, (before, after, user) => {
        for (const type of ['environment.internal-domains.replaced', 'tenant.internal-domains.replaced'] as const) {
          const moved = countMoved(change(type, 's', { domains: before }, { domains: after }));
          const as = (domains: readonly string[]) =>
            countedAs(user, { classifyAllInternal: false, environmentDomains: domains, tenantDomains: [] });
          if (JSON.stringify(as(before)) !== JSON.stringify(as(after))) expect(moved).toBe(true);
          if (JSON.stringify(before) === JSON.stringify(after)) expect(moved).toBe(false);
        }
      }),
    );
  });

  it.each([
    [change('user.created', 'u', null, { kind: 'registered', username: 'a', email: null, isActive: true }), true],
    [change('user.deleted', 'u', { kind: 'anonymous', username: null, email: null, isActive: false }, null), true],
    [change('tenant.deleted', 't', { name: 'T' }, null), true],
    [change('account.created', 'a', null, { subscription: { model: 'named' } }), true],
    [change('account.deleted', 'a', { subscription: { model: 'named' } }, null), true],
    [change('environment.deleted', 'e', { kind: 'non-production', classifyAllInternal: false }, null), true],
    [change('account.updated', 'a', { subscription: { namedLimit: 5 } }, { subscription: { namedLimit: 6 } }), true],
    [
      change('account.updated', 'a', { name: 'A', subscription: 1 } as never, { name: 'B', subscription: 1 } as never),
      false,
    ],
    [change('tenant.created', 't', null, { name: 'T' }), false],
    [change('tenant.updated', 't', { name: 'T' }, { name: 'U' }), false],
    [change('group.member.added', 'u', null, { groupId: 'g', groupName: 'G' }), false],
    [change('user.role.granted', 'u', null, { roleKey: 'r', roleName: 'R' }), false],
    [change('group.role.revoked', 'g', { roleKey: 'r', roleName: 'R' }, null), false],
    [change('user.password.changed', 'u', null, null), false],
    [change('user.unblocked', 'u', null, null), false],
    [change('application.declared', 'a', null, { key: 'crm' }), false],
    [change('operator.created', 'o', null, { role: 'admin' }), false],
    [change('api-key.deleted', 'k', { name: 'ci' }, null), false],
  ])('%o moves a count: %s', (event, moved) => {
    expect(countMoved(event)).toBe(moved);
  });
});

describe('grant events', () => {
  const role = { key: 'crm.admin', name: 'Admin' };
  const expiresAt = new Date('2031-01-02T03:04:05.678Z');

  it('carry the expiry of a grant only when it has one', () => {
    expect(roleGranted({ type: 'user', id: 'u' }, role)).toEqual(
      change('user.role.granted', 'u', null, { roleKey: 'crm.admin', roleName: 'Admin' }),
    );
    expect(roleGranted({ type: 'group', id: 'g' }, role, { expiresAt })).toEqual(
      change('group.role.granted', 'g', null, {
        roleKey: 'crm.admin',
        roleName: 'Admin',
        expiresAt: '2031-01-02T03:04:05.678Z',
      }),
    );
  });

  it('show the grant a re-grant replaced as its before', () => {
    expect(roleGranted({ type: 'user', id: 'u' }, role, { expiresAt: null, replaces: { expiresAt } })).toEqual(
      change(
        'user.role.granted',
        'u',
        { roleKey: 'crm.admin', roleName: 'Admin', expiresAt: '2031-01-02T03:04:05.678Z' },
        { roleKey: 'crm.admin', roleName: 'Admin' },
      ),
    );
  });

  it('say when a revoke was Roster removing an expired grant', () => {
    expect(roleRevoked({ type: 'group', id: 'g' }, role, { expiresAt, reason: 'expired' })).toEqual(
      change(
        'group.role.revoked',
        'g',
        { roleKey: 'crm.admin', roleName: 'Admin', expiresAt: '2031-01-02T03:04:05.678Z', reason: 'expired' },
        null,
      ),
    );
    expect(roleRevoked({ type: 'user', id: 'u' }, role).before).toEqual({ roleKey: 'crm.admin', roleName: 'Admin' });
  });
});

describe('change events', () => {
  it('name their subject: memberships are recorded on the user, login blocks on the tenant', () => {
    expect(change('group.member.removed', 'u1', { groupId: 'g', groupName: 'G' }, null).subject).toEqual({
      type: 'user',
      id: 'u1',
    });
    expect(change('group.role.granted', 'g1', null, { roleKey: 'r', roleName: 'R' }).subject.type).toBe('group');
    expect(change('login-block.lifted', 't1', { ip: '10.0.0.1' }, null).subject.type).toBe('tenant');
    expect(change('api-key.created', 'k1', null, { name: 'ci' }).subject.type).toBe('api-key');
  });

  it('ask for one recount per account whose counts they may move', () => {
    const created = change('user.created', 'u', null, {
      kind: 'registered',
      username: 'a',
      email: null,
      isActive: true,
    });
    const granted = change('user.role.granted', 'u', null, { roleKey: 'r', roleName: 'R' });
    expect(
      accountsToRecount([
        recorded(created, { accountId: 'a1' }),
        recorded(created, { accountId: 'a1' }),
        recorded(granted, { accountId: 'a2' }),
        recorded(created, { accountId: 'a3' }),
      ]),
    ).toEqual(['a1', 'a3']);
  });

  it('drop what they make stale from the caches, each invalidation once', () => {
    const granted = recorded(change('user.role.granted', 'u', null, { roleKey: 'r', roleName: 'R' }));
    expect(invalidationsOf(granted)).toEqual([{ kind: 'tenant', tenantId: 'tenant' }]);
    expect(invalidationsOfAll([granted, granted])).toEqual([{ kind: 'tenant', tenantId: 'tenant' }]);
    expect(invalidationsOf(recorded(change('tenant.deleted', 't9', { name: 'T' }, null)))).toEqual([
      { kind: 'tenant', tenantId: 't9' },
      { kind: 'scopes' },
      { kind: 'actors' },
    ]);
    expect(invalidationsOf(recorded(change('account.deleted', 'a', {}, null)))).toEqual([{ kind: 'all' }]);
    expect(invalidationsOf(recorded(change('application.declared', 'app', null, { key: 'crm' })))).toEqual([
      { kind: 'environment', environmentId: 'environment' },
    ]);
    expect(invalidationsOf(recorded(change('api-key.deleted', 'k', { name: 'ci' }, null)))).toEqual([
      { kind: 'actors' },
      { kind: 'scopes' },
    ]);
  });

  it('of environments: a deletion drops the environment and the scopes; an update or new domains drop nothing', () => {
    const facts = { kind: 'production', classifyAllInternal: false } as const;
    expect(invalidationsOf(recorded(change('environment.deleted', 'e1', facts, null)))).toEqual([
      { kind: 'environment', environmentId: 'e1' },
      { kind: 'scopes' },
    ]);
    const reclassified = change('environment.updated', 'e1', facts, { ...facts, kind: 'non-production' });
    expect(invalidationsOf(recorded(reclassified))).toEqual([]);
    const domains = change('environment.internal-domains.replaced', 'e1', { domains: [] }, { domains: ['a.example'] });
    expect(invalidationsOf(recorded(domains))).toEqual([]);
  });
});
