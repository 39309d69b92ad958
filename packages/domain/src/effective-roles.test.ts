import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectEffectiveRoles,
  effectiveRolesInGraph,
  effectiveRolesUntil,
  grantInForce,
  grantsInForce,
  holdsRole,
  type RoleGrant,
  type RoleGraph,
  type RoleInfo,
  type RoleSource,
} from './effective-roles.js';

const role = (key: string, isActive = true, name = `Role ${key}`): RoleInfo => ({
  key,
  name,
  applicationKey: 'crm',
  isActive,
});
const direct: RoleSource = { type: 'direct' };
type GroupSource = Extract<RoleSource, { type: 'group' }>;
const group = (groupId: string, groupName: string): GroupSource => ({ type: 'group', groupId, groupName });
const grant = (info: RoleInfo, source: RoleSource): RoleGrant => ({ role: info, source });

describe('collectEffectiveRoles', () => {
  it('gives an inactive user no roles at all, marks the result suspended and says what activation restores', () => {
    const grants = [
      grant(role('crm.admin'), direct),
      grant(role('crm.sales'), group('g1', 'Sales')),
      grant(role('crm.old', false), direct),
    ];
    expect(collectEffectiveRoles(false, grants)).toEqual({
      items: [],
      suspended: true,
      restoredOnActivation: collectEffectiveRoles(true, grants).items,
    });
    expect(collectEffectiveRoles(false, grants).restoredOnActivation?.map((r) => r.key)).toEqual([
      'crm.admin',
      'crm.sales',
    ]);
  });

  it('gives an active user without grants an empty, unsuspended result', () => {
    expect(collectEffectiveRoles(true, [])).toEqual({ items: [], suspended: false });
  });

  it('drops inactive roles whichever way they are granted', () => {
    const result = collectEffectiveRoles(true, [
      grant(role('crm.admin'), direct),
      grant(role('crm.old', false), direct),
      grant(role('crm.old', false), group('g1', 'Sales')),
    ]);
    expect(result.items.map((item) => item.key)).toEqual(['crm.admin']);
  });

  it('keeps only key, name and application key of a role, with its sources', () => {
    const result = collectEffectiveRoles(true, [grant(role('crm.admin', true, 'Administrator'), direct)]);
    expect(result).toEqual({
      items: [{ key: 'crm.admin', name: 'Administrator', applicationKey: 'crm', sources: [{ type: 'direct' }] }],
      suspended: false,
    });
  });

  it('merges the sources of one role: direct first, then groups by name ignoring case, then by id', () => {
    const admin = role('crm.admin');
    const result = collectEffectiveRoles(true, [
      grant(admin, group('g-3', 'beta')),
      grant(admin, group('g-2', 'alpha')),
      grant(admin, direct),
      grant(admin, group('g-1', 'Alpha')),
      grant(admin, group('g-0', 'Zeta')),
    ]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.sources).toEqual([
      { type: 'direct' },
      { type: 'group', groupId: 'g-1', groupName: 'Alpha' },
      { type: 'group', groupId: 'g-2', groupName: 'alpha' },
      { type: 'group', groupId: 'g-3', groupName: 'beta' },
      { type: 'group', groupId: 'g-0', groupName: 'Zeta' },
    ]);
  });

  it('collapses duplicate sources into one', () => {
    const admin = role('crm.admin');
    const result = collectEffectiveRoles(true, [
      grant(admin, direct),
      grant(admin, group('g-1', 'Sales')),
      grant(admin, direct),
      grant(admin, group('g-1', 'Sales')),
    ]);
    expect(result.items[0]!.sources).toEqual([
      { type: 'direct' },
      { type: 'group', groupId: 'g-1', groupName: 'Sales' },
    ]);
  });

  it('orders roles by key, by code point', () => {
    const result = collectEffectiveRoles(true, [
      grant(role('crm.sales'), direct),
      grant(role('crm.admin'), group('g-1', 'Sales')),
      grant(role('Crm.Zulu'), direct),
      grant(role('crm.audit'), direct),
    ]);
    expect(result.items.map((item) => item.key)).toEqual(['Crm.Zulu', 'crm.admin', 'crm.audit', 'crm.sales']);
  });
});

describe('effectiveRolesInGraph', () => {
  const graph: RoleGraph = {
    users: [
      { id: 'u-ann', isActive: true },
      { id: 'u-bob', isActive: false },
      { id: 'u-cid', isActive: true },
    ],
    groups: [
      { id: 'g-sales', name: 'Sales' },
      { id: 'g-ops', name: 'ops' },
    ],
    roles: [
      { id: 'r-admin', ...role('crm.admin') },
      { id: 'r-sales', ...role('crm.sales') },
      { id: 'r-old', ...role('crm.old', false) },
    ],
    memberships: [
      { userId: 'u-ann', groupId: 'g-sales' },
      { userId: 'u-ann', groupId: 'g-ops' },
      { userId: 'u-bob', groupId: 'g-sales' },
    ],
    directGrants: [
      { userId: 'u-ann', roleId: 'r-sales' },
      { userId: 'u-ann', roleId: 'r-old' },
      { userId: 'u-bob', roleId: 'r-admin' },
      { userId: 'u-cid', roleId: 'r-admin' },
    ],
    groupGrants: [
      { groupId: 'g-sales', roleId: 'r-sales' },
      { groupId: 'g-ops', roleId: 'r-sales' },
      { groupId: 'g-ops', roleId: 'r-admin' },
      { groupId: 'g-ops', roleId: 'r-old' },
    ],
  };

  it('combines direct grants and the grants of every group the user is in, with their sources', () => {
    expect(effectiveRolesInGraph(graph, 'u-ann')).toEqual({
      items: [
        {
          key: 'crm.admin',
          name: 'Role crm.admin',
          applicationKey: 'crm',
          sources: [{ type: 'group', groupId: 'g-ops', groupName: 'ops' }],
        },
        {
          key: 'crm.sales',
          name: 'Role crm.sales',
          applicationKey: 'crm',
          sources: [
            { type: 'direct' },
            { type: 'group', groupId: 'g-ops', groupName: 'ops' },
            { type: 'group', groupId: 'g-sales', groupName: 'Sales' },
          ],
        },
      ],
      suspended: false,
    });
  });

  it('ignores the grants of other users and of groups the user is not in', () => {
    expect(effectiveRolesInGraph(graph, 'u-cid').items).toEqual([
      expect.objectContaining({ key: 'crm.admin', sources: [{ type: 'direct' }] }),
    ]);
  });

  it('suspends an inactive user whatever the user is granted', () => {
    expect(effectiveRolesInGraph(graph, 'u-bob')).toMatchObject({ items: [], suspended: true });
  });

  it('refuses a user who is not in the graph', () => {
    expect(() => effectiveRolesInGraph(graph, 'u-nobody')).toThrow('u-nobody');
  });
});

describe('expiring grants', () => {
  const at = new Date('2031-05-01T12:00:00.000Z');
  const before = '2031-05-01T11:59:59.999Z';
  const after = '2031-05-01T12:00:00.001Z';

  it('count until the instant they expire, and not at it', () => {
    expect(grantInForce(after, at)).toBe(true);
    expect(grantInForce(at.toISOString(), at)).toBe(false);
    expect(grantInForce(before, at)).toBe(false);
    expect(grantInForce(new Date(after), at)).toBe(true);
    expect(grantInForce(null, at)).toBe(true);
    expect(grantInForce(undefined, at)).toBe(true);
  });

  it('drop out of effective roles and role checks from that instant on, keeping the expiry on their source', () => {
    const grants = [
      grant(role('crm.admin'), { type: 'direct', expiresAt: at.toISOString() }),
      grant(role('crm.sales'), { ...group('g1', 'Sales'), expiresAt: after }),
      grant(role('crm.sales'), direct),
    ];
    const justBefore = collectEffectiveRoles(true, grantsInForce(grants, new Date(at.getTime() - 1)));
    expect(holdsRole(justBefore, 'crm.admin')).toBe(true);
    expect(justBefore.items[0]!.sources).toEqual([{ type: 'direct', expiresAt: at.toISOString() }]);
    const atTheInstant = collectEffectiveRoles(true, grantsInForce(grants, at));
    expect(holdsRole(atTheInstant, 'crm.admin')).toBe(false);
    expect(atTheInstant.items).toEqual([
      expect.objectContaining({
        key: 'crm.sales',
        sources: [{ type: 'direct' }, { type: 'group', groupId: 'g1', groupName: 'Sales', expiresAt: after }],
      }),
    ]);
  });

  it('end the roles they give at the earliest expiry no other source of the role outlasts', () => {
    const roles = (grants: RoleGrant[]) => collectEffectiveRoles(true, grants).items;
    expect(effectiveRolesUntil(roles([grant(role('a'), direct)]))).toBeNull();
    expect(effectiveRolesUntil(roles([]))).toBeNull();
    expect(
      effectiveRolesUntil(
        roles([
          // a: held for ever directly, so its group's expiry ends nothing.
          grant(role('a'), { ...group('g1', 'One'), expiresAt: before }),
          grant(role('a'), direct),
          // b: the later of its two sources.
          grant(role('b'), { type: 'direct', expiresAt: before }),
          grant(role('b'), { ...group('g1', 'One'), expiresAt: after }),
          // c: later still.
          grant(role('c'), { type: 'direct', expiresAt: '2031-06-01T00:00:00.000Z' }),
        ]),
      ),
    ).toEqual(new Date(after));
  });

  it('are left out of the reference model from their instant on', () => {
    const graph: RoleGraph = {
      users: [{ id: 'u', isActive: true }],
      groups: [{ id: 'g', name: 'G' }],
      roles: [
        { id: 'r1', ...role('crm.one') },
        { id: 'r2', ...role('crm.two') },
      ],
      memberships: [{ userId: 'u', groupId: 'g' }],
      directGrants: [{ userId: 'u', roleId: 'r1', expiresAt: at.toISOString() }],
      groupGrants: [{ groupId: 'g', roleId: 'r2', expiresAt: after }],
    };
    expect(effectiveRolesInGraph(graph, 'u', new Date(at.getTime() - 1)).items.map((item) => item.sources)).toEqual([
      [{ type: 'direct', expiresAt: at.toISOString() }],
      [{ type: 'group', groupId: 'g', groupName: 'G', expiresAt: after }],
    ]);
    expect(effectiveRolesInGraph(graph, 'u', at).items.map((item) => item.key)).toEqual(['crm.two']);
    expect(effectiveRolesInGraph(graph, 'u', new Date(after)).items).toEqual([]);
  });
});

describe('holdsRole', () => {
  it('is true only for the keys among the effective roles', () => {
    const effective = collectEffectiveRoles(true, [
      grant(role('crm.admin'), direct),
      grant(role('crm.old', false), direct),
    ]);
    expect(holdsRole(effective, 'crm.admin')).toBe(true);
    expect(holdsRole(effective, 'crm.old')).toBe(false);
    expect(holdsRole(effective, 'crm.unknown')).toBe(false);
  });

  it('is false for every role while the user is suspended', () => {
    expect(holdsRole(collectEffectiveRoles(false, [grant(role('crm.admin'), direct)]), 'crm.admin')).toBe(false);
  });
});

/** Random grants drawn from fixed role and group tables, so one key or group id always carries the same data. */
const ROLE_TABLE = [role('b.two'), role('a.one'), role('B.three'), role('c.off', false), role('a.zero')];
const GROUP_TABLE = [group('g-2', 'Team'), group('g-1', 'team'), group('g-3', 'Admins'), group('g-0', 'zulu')];
const grantArb = fc.record({
  role: fc.constantFrom(...ROLE_TABLE),
  source: fc.oneof(fc.constant(direct), fc.constantFrom(...GROUP_TABLE)),
});
const grantsArb = fc.array(grantArb, { maxLength: 20 });

describe('collectEffectiveRoles properties', () => {
  it('does not depend on the order of the grants', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        grantsArb.chain((grants) =>
          fc.tuple(fc.constant(grants), fc.shuffledSubarray(grants, { minLength: grants.length })),
        ),
        (isActive, [grants, shuffled]) => {
          expect(collectEffectiveRoles(isActive, shuffled)).toEqual(collectEffectiveRoles(isActive, grants));
        },
      ),
    );
  });

  it('holds exactly the active roles granted, each source once, in canonical order', () => {
    fc.assert(
      fc.property(grantsArb, (grants) => {
        const result = collectEffectiveRoles(true, grants);
        const activeKeys = [...new Set(grants.filter((g) => g.role.isActive).map((g) => g.role.key))].sort();
        expect(result.items.map((item) => item.key)).toEqual(activeKeys);
        for (const item of result.items) {
          const expectedSources = GROUP_TABLE.filter((source) =>
            grants.some((g) => g.role.key === item.key && g.source === source),
          ).sort((a, b) => {
            const [x, y] = [a.groupName.toLowerCase(), b.groupName.toLowerCase()];
            return x < y ? -1 : x > y ? 1 : a.groupId < b.groupId ? -1 : 1;
          });
          const hasDirect = grants.some((g) => g.role.key === item.key && g.source.type === 'direct');
          expect(item.sources).toEqual([...(hasDirect ? [direct] : []), ...expectedSources]);
        }
      }),
    );
  });
});
