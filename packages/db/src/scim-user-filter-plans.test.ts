/**
 * SCIM filters use the tenant's indexes (issue 17), at 50,000 users in the tenant and 10,000 in each of two
 * others, with the SQL of scimUserWhereSql run as the API runs it: roster_api, the tenant set, row-level security.
 *
 * - `userName eq` seeks end_users_username_key (username_key = $n is leakproof, so it is an index condition).
 * - `emails.value eq` compares end_users_email_key_idx's expression exactly: with the tenant named, as the table's
 *   owner, it seeks that index. Under roster_api it cannot: translate() is not leakproof, and row-level security
 *   lets only leakproof conditions become index conditions (row-level-security-plans.test.ts), so it filters the
 *   tenant's index range, as co/sw/ew do. An open question for the routes (docs/scim.md "Filters").
 * - `externalId eq` has no index of its own (none is added): it filters the tenant's index range, never the table.
 */
import { parseScimUserFilter } from '@roster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, inScope, openRlsDatabase, type RlsDatabase, type TenantRef } from '../test/rls-world.js';
import { scimUserWhereSql } from './scim-user-filter.js';

const USERS = 50_000;
const OTHER_USERS = 10_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

let db: RlsDatabase;
let a: TenantRef;

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

function statement(filter: string, tenantId?: string): [string, unknown[]] {
  const params: unknown[] = tenantId ? [tenantId] : [];
  const where = scimUserWhereSql(parseScimUserFilter(filter), 'u', params);
  return [`SELECT u.id FROM end_users u WHERE ${tenantId ? 'u.tenant_id = $1 AND ' : ''}${where}`, params];
}

async function planAsApi(filter: string): Promise<{ plan: PlanNode[]; rows: number }> {
  const [sql, params] = statement(filter);
  const [row] = await inScope(db.api, a, (m) => m.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params));
  const plan = flatten(row['QUERY PLAN'][0].Plan as PlanNode);
  return { plan, rows: plan[0]!['Actual Rows']! };
}

async function planAsOwner(filter: string): Promise<PlanNode[]> {
  const [sql, params] = statement(filter, a.tenantId);
  const [row] = await db.owner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  return flatten(row['QUERY PLAN'][0].Plan as PlanNode);
}

const scans = (plan: PlanNode[]) => plan.filter((node) => node['Relation Name'] === 'end_users');

beforeAll(async () => {
  db = await openRlsDatabase('roster_scim_plans');
  const tenants = await createAccount(db.owner, 3);
  a = tenants[0]!;
  await db.owner.query(
    `INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort, name, email, external_id)
     SELECT gen_random_uuid(), t.id, 'registered', 'User-' || i, 'user-' || i, 'user-' || i, 'Person ' || i,
            'Person.' || i || '@Example.com', 'ext-' || i
       FROM (VALUES ($1::uuid, $2::int), ($3::uuid, $4::int), ($5::uuid, $4::int)) AS t(id, n),
            generate_series(1, t.n) AS i`,
    [a.tenantId, USERS, tenants[1]!.tenantId, OTHER_USERS, tenants[2]!.tenantId],
  );
  await db.owner.query('VACUUM ANALYZE end_users');
}, 120_000);

afterAll(async () => db?.close());

/** Every read of end_users stays in the tenant's index range: no sequential scan, the tenant an index condition. */
function expectTenantRange(plan: PlanNode[]): void {
  const reads = scans(plan);
  expect(reads.length).toBeGreaterThan(0);
  for (const node of reads) {
    expect(node['Node Type']).not.toBe('Seq Scan');
    const bounded = [node, ...(node.Plans ?? [])].some((n) =>
      /tenant_id = \$\d+/.test(n['Index Cond'] ?? n['Recheck Cond'] ?? ''),
    );
    expect(bounded, JSON.stringify(node)).toBe(true);
    expect(node['Rows Removed by Filter'] ?? 0).toBeLessThanOrEqual(USERS);
  }
}

describe('SCIM filter plans', () => {
  it('seeks end_users_username_key for userName eq, under roster_api', async () => {
    const { plan, rows } = await planAsApi('userName eq "USER-4242"');
    expect(rows).toBe(1);
    const [scan] = scans(plan);
    expect(scan?.['Index Name']).toBe('end_users_username_key');
    expect(scan?.['Index Cond']).toBe("((tenant_id = $0) AND (username_key = 'user-4242'::text))");
  });

  it('seeks end_users_email_key_idx for emails.value eq where conditions may be index conditions (the owner)', async () => {
    const [scan, ...others] = scans(await planAsOwner('emails.value eq "person.4242@example.COM"'));
    expect(others).toEqual([]);
    expect(scan?.['Index Name']).toBe('end_users_email_key_idx');
    expect(scan?.['Index Cond']).toContain(
      "(translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'::text, 'abcdefghijklmnopqrstuvwxyz'::text) = 'person.4242@example.com'::text)",
    );
    expect(scan?.['Actual Rows']).toBe(1);
  });

  it('filters the tenant’s index range for emails.value eq under roster_api (translate() is not leakproof)', async () => {
    const { plan, rows } = await planAsApi('emails.value eq "person.4242@example.COM"');
    expect(rows).toBe(1);
    expectTenantRange(plan);
    expect(
      scans(plan).some(
        (node) => node['Index Name'] === 'end_users_email_key_idx' && /translate/.test(node['Index Cond'] ?? ''),
      ),
    ).toBe(false);
  });

  it('answers externalId eq within the tenant’s index range', async () => {
    const { plan, rows } = await planAsApi('externalId eq "ext-4242"');
    expect(rows).toBe(1);
    expectTenantRange(plan);
  });

  it('answers groups and value paths within the tenant’s index range', async () => {
    const { plan } = await planAsApi('groups pr or emails[type eq "work" and value co "4242@"]');
    expectTenantRange(plan);
  });
});
