/**
 * SCIM Groups filters (issue 17): for random groups and random filters, scimGroupFilterSql run as the API runs it
 * (roster_api, one tenant, row-level security) returns exactly the groups that @roster/domain's
 * matchesScimGroupFilter accepts. Names include letters whose case mapping differs between PostgreSQL and
 * JavaScript, LIKE's metacharacters and characters above U+FFFF; a second tenant holds look-alike groups that must
 * never be returned.
 */
import { matchesScimGroupFilter, parseScimGroupFilter, type ScimGroupView } from '@roster/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, inScope, openRlsDatabase, type RlsDatabase, type TenantRef } from '../test/rls-world.js';
import { newId } from './entities/index.js';
import { scimGroupFilterSql } from './repositories/scim-groups.repository.js';

const GROUP_IDS = Array.from({ length: 6 }, (_, i) => `2000000${i}-cccc-4ccc-8ccc-00000000000${i}`);
const USER_IDS = Array.from({ length: 3 }, (_, i) => `3000000${i}-dddd-4ddd-8ddd-00000000000${i}`);
const NAMES = [
  'Pilots',
  'pilots crew',
  'PILOTS',
  'Straße',
  'STRASSE',
  'İrise',
  'x%y',
  'x_y',
  'a😀',
  'Émile',
  'émile',
  'b',
];
const EXTERNAL_IDS = ['ext-1', 'EXT-1', 'ext-2', 'é'];
/** Few instants, so that filters on meta's times hit them exactly, just before and just after. */
const INSTANTS = ['2025-01-31T12:00:00.000Z', '2025-01-31T12:00:00.001Z', '2026-06-01T00:00:00.250Z'];

const groupArb = (id: string): fc.Arbitrary<ScimGroupView> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constantFrom(...NAMES),
    externalId: fc.option(fc.constantFrom(...EXTERNAL_IDS), { freq: 3, nil: null }),
    memberIds: fc.subarray(USER_IDS),
    createdAt: fc.constantFrom(...INSTANTS).map((text) => new Date(text)),
    updatedAt: fc.constantFrom(...INSTANTS).map((text) => new Date(text)),
  });

/** Up to six groups, names unique ignoring case as the tenant's index demands. */
const groupsArb = fc
  .tuple(...GROUP_IDS.map(groupArb))
  .chain((groups) => fc.subarray(groups, { minLength: 1 }))
  .map((groups) => {
    const names = new Set<string>();
    return groups.filter((group) => !names.has(group.name.toLowerCase()) && names.add(group.name.toLowerCase()));
  });

const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flips) => [...text].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const value = fc
  .constantFrom(...NAMES, ...EXTERNAL_IDS, ...GROUP_IDS, GROUP_IDS[0]!.toUpperCase(), 'pil', 'S', '%', '_', '😀', 'x')
  .map((text) => JSON.stringify(text));
const compareTest = fc
  .tuple(fc.constantFrom('displayName', 'externalId', 'id').chain(randomCase), fc.constantFrom(...OPS), value)
  .map((parts) => parts.join(' '));
/** The instants themselves, a microsecond either side, and the same instant written in another zone. */
const instantValue = fc
  .constantFrom(
    ...INSTANTS,
    '2025-01-31T12:00:00.000001Z',
    '2025-01-31T11:59:59.999999Z',
    '2025-01-31T13:00:00.001+01:00',
    '2026-06-01T00:00:00.25Z',
  )
  .map((text) => JSON.stringify(text));
const instantTest = fc
  .tuple(
    fc.constantFrom('meta.created', 'meta.lastModified').chain(randomCase),
    fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'),
    instantValue,
  )
  .map((parts) => parts.join(' '));
const presentTest = fc
  .constantFrom('displayName', 'externalId', 'id', 'members', 'meta.created', 'meta.lastModified')
  .map((name) => `${name} pr`);
const memberTest = fc
  .tuple(fc.constantFrom(...USER_IDS, 'not-a-uuid'), fc.boolean())
  .map(([id, valuePath]) => (valuePath ? `members[value eq "${id}"]` : `members.value eq "${id}"`));

const filterArb: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: compareTest },
    { weight: 2, arbitrary: instantTest },
    { weight: 1, arbitrary: presentTest },
    { weight: 2, arbitrary: memberTest },
    { weight: 2, arbitrary: fc.tuple(tie('f'), fc.constantFrom('and', 'or'), tie('f')).map((p) => p.join(' ')) },
    { weight: 1, arbitrary: tie('f').map((inner) => `not (${inner})`) },
  ),
})).f;

let db: RlsDatabase;
let a: TenantRef;
let b: TenantRef;

async function insertGroups(tenant: TenantRef, groups: ScimGroupView[], ids: (group: ScimGroupView) => string) {
  for (const group of groups) {
    const id = ids(group);
    await db.owner.query(
      `INSERT INTO user_groups (id, tenant_id, name, external_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, tenant.tenantId, group.name, group.externalId, group.createdAt, group.updatedAt],
    );
    for (const userId of group.memberIds) {
      await db.owner.query('INSERT INTO group_members (tenant_id, group_id, user_id) VALUES ($1, $2, $3)', [
        tenant.tenantId,
        id,
        tenant === a ? userId : users.get(userId),
      ]);
    }
  }
}

/** Tenant B's users, one per user of tenant A (ids are global). */
const users = new Map<string, string>();

beforeAll(async () => {
  db = await openRlsDatabase('roster_scim_group_filter');
  [a, b] = (await createAccount(db.owner, 2)) as [TenantRef, TenantRef];
  for (const [i, id] of USER_IDS.entries()) {
    users.set(id, newId());
    await db.owner.query(
      `INSERT INTO end_users (id, tenant_id, kind, username, username_key) VALUES ($1, $2, 'registered', $3, $3),
              ($4, $5, 'registered', $3, $3)`,
      [id, a.tenantId, `user${i}`, users.get(id), b.tenantId],
    );
  }
  // Tenant B: look-alike groups (every name, members) that match what A's match and must never be returned.
  await insertGroups(
    b,
    NAMES.filter((name, i) => NAMES.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === i).map(
      (name) => ({
        id: '',
        name,
        externalId: 'ext-1',
        memberIds: USER_IDS,
        createdAt: new Date(INSTANTS[0]!),
        updatedAt: new Date(INSTANTS[1]!),
      }),
    ),
    () => newId(),
  );
}, 60_000);

afterAll(async () => db?.close());

async function sqlIds(filter: string): Promise<string[]> {
  const params: unknown[] = [];
  const where = scimGroupFilterSql(parseScimGroupFilter(filter), params);
  const rows: { id: string }[] = await inScope(db.api, a, (manager) =>
    manager.query(`SELECT g.id FROM user_groups g WHERE ${where}`, params),
  );
  return rows.map((row) => row.id).sort();
}

const RUNS = 300;

describe('SCIM group filters', () => {
  it('select in PostgreSQL exactly the groups the in-memory evaluator accepts', async () => {
    let compared = 0;
    let informative = 0;
    await fc.assert(
      fc.asyncProperty(groupsArb, fc.array(filterArb, { minLength: 10, maxLength: 10 }), async (groups, filters) => {
        await db.owner.query('DELETE FROM user_groups WHERE tenant_id = $1', [a.tenantId]);
        await insertGroups(a, groups, (group) => group.id);
        for (const filter of filters) {
          const ast = parseScimGroupFilter(filter);
          const expected = groups
            .filter((group) => matchesScimGroupFilter(group, ast))
            .map((group) => group.id)
            .sort();
          expect(await sqlIds(filter), filter).toEqual(expected);
          compared += 1;
          if (expected.length > 0 && expected.length < groups.length) informative += 1;
        }
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBe(RUNS * 10);
    // Agreement proves little unless many filters split the groups.
    expect(informative).toBeGreaterThan(compared / 10);
  }, 120_000);
});
