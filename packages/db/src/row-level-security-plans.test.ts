/**
 * The tenant policies cost a list nothing (DESIGN.md §7): the setting is read once per statement (an init-plan,
 * not per row) and becomes the tenant_id condition of the tenant-leading index, so a statement whose WHERE
 * forgets the tenant still walks one tenant's index range, and a keyset page on a plain sort column still seeks.
 *
 * What the policies do cost: PostgreSQL applies a query's own conditions after the policy's unless they are
 * leakproof, and only leakproof ones may become index conditions on a table with row-level security. LIKE
 * (textlike), lower() and COALESCE are not, so under roster_api a users search, a groups search and the keyset
 * pages sorted by lower(name) or coalesce(last_login_at, …) filter the tenant's whole index range instead of
 * seeking (measured with 20,000 users a tenant: search 1 ms → 8–29 ms, page 2 by last login → 43 ms). That is
 * for the unit of work to settle before the API switches to the role (see the issue 15 report).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, inScope, openRlsDatabase, type RlsDatabase, type TenantRef } from '../test/rls-world.js';

const USERS_PER_TENANT = 5000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

let db: RlsDatabase;
let a: TenantRef;

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

/** The plan of `sql` run as roster_api with tenant A set, as the unit of work runs it. */
async function planInTenant(sql: string, params: unknown[] = []): Promise<PlanNode[]> {
  const [row] = await inScope(db.api, a, (m) => m.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params));
  return flatten(row['QUERY PLAN'][0].Plan as PlanNode);
}

beforeAll(async () => {
  db = await openRlsDatabase('roster_rls_plans');
  const tenants = await createAccount(db.owner, 3);
  a = tenants[0]!;
  await db.owner.query(
    `INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort, name, created_at)
     SELECT gen_random_uuid(), t.id, 'registered', 'user-' || md5(t.id::text || i), 'user-' || md5(t.id::text || i),
            'user-' || md5(t.id::text || i), 'Person ' || i, timestamptz '2025-01-01' + i * interval '1 minute'
       FROM unnest($1::uuid[]) AS t(id), generate_series(1, $2::int) AS i`,
    [tenants.map((t) => t.tenantId), USERS_PER_TENANT],
  );
  await db.owner.query('VACUUM ANALYZE end_users');
});

afterAll(async () => db?.close());

/** The node types and indexes of a plan, which must not change with the role that runs it. */
const shape = (plan: PlanNode[]) => plan.map((node) => `${node['Node Type']} ${node['Index Name'] ?? ''}`.trim());

describe('the worker policy under roster_worker', () => {
  it('leaves an environment’s count as the owner’s: the same plan, from the license index alone', async () => {
    // The shape of the worker's per-environment count (packages/db repositories/usage-counts.ts), across its tenants.
    const count = `EXPLAIN (ANALYZE, FORMAT JSON)
      SELECT count(u.tenant_id) FILTER (WHERE u.is_active AND u.kind = 'registered')::int AS registered
        FROM environments e LEFT JOIN tenants t ON t.environment_id = e.id LEFT JOIN end_users u ON u.tenant_id = t.id
       WHERE e.id = $1 GROUP BY e.id`;
    const plan = async (source: typeof db.owner) => {
      const [row] = await source.query(count, [a.environmentId]);
      return flatten(row['QUERY PLAN'][0].Plan as PlanNode);
    };
    const [asOwner, asWorker] = [await plan(db.owner), await plan(db.worker)];
    expect(shape(asWorker)).toEqual(shape(asOwner));
    expect(shape(asWorker)).toContain('Index Only Scan end_users_license_idx');
    const [counted] = await db.worker.query(
      `SELECT count(*)::int AS n FROM end_users u JOIN tenants t ON t.id = u.tenant_id WHERE t.environment_id = $1`,
      [a.environmentId],
    );
    expect(counted.n).toBe(3 * USERS_PER_TENANT);
  });
});

describe('the tenant policy under roster_api', () => {
  it('reads the setting once, as an init-plan that the tenant-leading index seeks on', async () => {
    const plan = await planInTenant('SELECT id FROM end_users u ORDER BY u.username_sort, u.id LIMIT 50');
    const initPlans = plan.filter((node) => node['Parent Relationship'] === 'InitPlan');
    expect(initPlans).toHaveLength(1);
    expect(initPlans[0]!['Actual Loops']).toBe(1);
    expect(plan.some((node) => node['Parent Relationship'] === 'SubPlan')).toBe(false);
    const scan = plan.find((node) => node['Index Name'] === 'end_users_username_sort_idx');
    expect(scan?.['Index Cond']).toBe('(tenant_id = $0)');
    expect(scan?.['Actual Rows']).toBe(50);
  });

  it('adds only a one-time check when the WHERE names the tenant too', async () => {
    const plan = await planInTenant(
      'SELECT id FROM end_users u WHERE u.tenant_id = $1 ORDER BY u.created_at, u.id LIMIT 50',
      [a.tenantId],
    );
    const scan = plan.find((node) => node['Index Name'] === 'end_users_created_sort_idx');
    expect(scan?.['Index Cond']).toMatch(/^\(tenant_id = '[0-9a-f-]+'::uuid\)$/);
    expect(scan?.Filter).toBeUndefined();
    expect(scan?.['Actual Rows']).toBe(50);
  });

  it('keeps a keyset page on a plain sort column an index seek, not a filter', async () => {
    const plan = await planInTenant(
      `SELECT id FROM end_users u WHERE u.tenant_id = $1 AND (u.username_sort, u.id) > ($2, $3)
        ORDER BY u.username_sort, u.id LIMIT 50`,
      [a.tenantId, 'user-8', '00000000-0000-0000-0000-000000000000'],
    );
    const scan = plan.find((node) => node['Index Name'] === 'end_users_username_sort_idx');
    expect(scan?.['Index Cond']).toContain('ROW(username_sort, id) > ROW(');
    expect(scan?.Filter).toBeUndefined();
  });
});
