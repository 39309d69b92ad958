/**
 * SCIM Groups filters at 20,000 groups in the tenant and 5,000 in another (issue 17), with the SQL of
 * scimGroupFilterSql run as the API runs it: roster_api, the tenant set, row-level security. What identity providers
 * send (Entra ID's `displayName eq` before a create and `members[value eq …]` before adding a member, a lookup by
 * `externalId` or `id`) never reads another tenant's groups, nor the table:
 *
 * - `id eq` seeks the tenant's unique (tenant_id, id) key; `externalId eq` seeks user_groups_external_id_idx (texteq
 *   is leakproof, so it is an index condition under row-level security);
 * - `displayName eq` compares A–Z folded (translate(), not leakproof), so it filters the tenant's index range: no index
 *   on the folded name could be used under roster_api (scim-user-filter-plans.test.ts says why);
 * - a membership test starts from the member's memberships (2 of the tenant's 20,000 in this dataset), then reads each
 *   of those groups by its key.
 */
import { parseScimGroupFilter } from '@roster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, inScope, openRlsDatabase, type RlsDatabase, type TenantRef } from '../test/rls-world.js';
import { scimGroupFilterSql } from './repositories/scim-groups.repository.js';

const GROUPS = 20_000;
const OTHER_GROUPS = 5_000;
const MEMBER = '40000000-eeee-4eee-8eee-000000000001';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

let db: RlsDatabase;
let a: TenantRef;
let b: TenantRef;
const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

async function planAsApi(filter: string): Promise<{ plan: PlanNode[]; rows: number }> {
  const params: unknown[] = [];
  const where = scimGroupFilterSql(parseScimGroupFilter(filter), params);
  const [row] = await inScope(db.api, a, (m) =>
    m.query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT g.id FROM user_groups g WHERE ${where}`, params),
  );
  const plan = flatten(row['QUERY PLAN'][0].Plan as PlanNode);
  return { plan, rows: plan[0]!['Actual Rows']! };
}

const reads = (plan: PlanNode[], table: string) => plan.filter((node) => node['Relation Name'] === table);

/** Every read of user_groups is an index scan with the tenant in its condition, reading at most the tenant's rows. */
function expectTenantRange(plan: PlanNode[]): PlanNode[] {
  const groups = reads(plan, 'user_groups');
  expect(groups.length).toBeGreaterThan(0);
  for (const node of groups) {
    expect(node['Node Type']).not.toBe('Seq Scan');
    const conditions = [node, ...(node.Plans ?? [])].map((n) => n['Index Cond'] ?? n['Recheck Cond'] ?? '');
    expect(
      conditions.some((condition) => /tenant_id = \$\d+/.test(condition)),
      JSON.stringify(node),
    ).toBe(true);
    expect(node['Rows Removed by Filter'] ?? 0).toBeLessThanOrEqual(GROUPS);
  }
  return groups;
}

beforeAll(async () => {
  db = await openRlsDatabase('roster_scim_group_plans');
  [a, b] = (await createAccount(db.owner, 2)) as [TenantRef, TenantRef];
  await db.owner.query(
    `INSERT INTO user_groups (id, tenant_id, name, external_id)
     SELECT gen_random_uuid(), t.id, 'Team ' || i, 'ext-' || i
       FROM (VALUES ($1::uuid, $2::int), ($3::uuid, $4::int)) AS t(id, n), generate_series(1, t.n) AS i`,
    [a.tenantId, GROUPS, b.tenantId, OTHER_GROUPS],
  );
  // 2,000 users of each tenant in 10 groups each, and one member of two known groups of A.
  await db.owner.query(
    `INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort)
     SELECT gen_random_uuid(), t.id, 'registered', 'user-' || i, 'user-' || i, 'user-' || i
       FROM (VALUES ($1::uuid), ($2::uuid)) AS t(id), generate_series(1, 2000) AS i
     UNION ALL SELECT '${MEMBER}', $1, 'registered', 'member', 'member', 'member'`,
    [a.tenantId, b.tenantId],
  );
  await db.owner.query(
    `INSERT INTO group_members (tenant_id, group_id, user_id)
     WITH g AS (SELECT id, tenant_id, row_number() OVER (PARTITION BY tenant_id ORDER BY id) AS r FROM user_groups),
          u AS (SELECT id, tenant_id, row_number() OVER (PARTITION BY tenant_id ORDER BY id) AS r,
                       CASE WHEN tenant_id = $1 THEN $2::int ELSE $3::int END AS groups
                  FROM end_users WHERE username <> 'member')
     SELECT u.tenant_id, g.id, u.id
       FROM u CROSS JOIN generate_series(0, 9) AS k
       JOIN g ON g.tenant_id = u.tenant_id AND g.r = (u.r * 10 + k) % u.groups + 1
     UNION ALL
     SELECT tenant_id, id, '${MEMBER}' FROM user_groups WHERE tenant_id = $1 AND name IN ('Team 42', 'Team 4242')`,
    [a.tenantId, GROUPS, OTHER_GROUPS],
  );
  await db.owner.query('VACUUM ANALYZE user_groups');
  await db.owner.query('VACUUM ANALYZE group_members');
}, 120_000);

afterAll(async () => db?.close());

describe('SCIM Groups filter plans at 20,000 groups', () => {
  it('seeks the tenant’s unique key for id eq', async () => {
    const [id] = (await db.owner.query(`SELECT id FROM user_groups WHERE tenant_id = $1 AND name = 'Team 7'`, [
      a.tenantId,
    ])) as { id: string }[];
    const { plan, rows } = await planAsApi(`id eq "${id!.id.toUpperCase()}"`);
    expect(rows).toBe(1);
    const [scan] = expectTenantRange(plan);
    expect(scan?.['Index Name']).toBe('user_groups_pkey');
    expect(scan?.['Actual Rows']).toBe(1);
  });

  it('seeks user_groups_external_id_idx for externalId eq', async () => {
    const { plan, rows } = await planAsApi('externalId eq "ext-4242"');
    expect(rows).toBe(1);
    const [scan] = expectTenantRange(plan);
    expect(scan?.['Index Name']).toBe('user_groups_external_id_idx');
    expect(scan?.['Index Cond']).toContain("external_id = 'ext-4242'::text");
  });

  it('answers Entra ID’s displayName eq within the tenant’s index range, never another tenant’s groups', async () => {
    const { plan, rows } = await planAsApi('displayName eq "team 4242"');
    expect(rows).toBe(1);
    expectTenantRange(plan);
  });

  it('answers Entra ID’s membership test from the member’s memberships, then each group by its key', async () => {
    const { plan, rows } = await planAsApi(`members[value eq "${MEMBER}"] and displayName sw "team 42"`);
    expect(rows).toBe(2);
    const memberships = reads(plan, 'group_members');
    expect(memberships.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(memberships.every((node) => /tenant_id = \$\d+/.test(node['Index Cond'] ?? ''))).toBe(true);
    // However the planner joins them, no more groups are read than the member is in (or than the tenant has).
    for (const node of reads(plan, 'user_groups')) {
      expect(node['Node Type']).not.toBe('Seq Scan');
      expect(
        (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) + (node['Rows Removed by Filter'] ?? 0),
      ).toBeLessThanOrEqual(GROUPS);
    }
  });
});
