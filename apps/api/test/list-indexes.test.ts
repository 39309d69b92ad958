/**
 * The lists of API.md §5 stay fast at scale (DESIGN.md §7): with tens of thousands of users per tenant,
 * the exact SQL the API runs for every sort, page, search and filter is answered from a tenant-leading
 * index, never a sequential scan of end_users. The SQL is what the repositories run (their list statements are
 * the very builders their list methods execute), never a rebuilt copy.
 */
import { randomUUID } from 'node:crypto';
import { ChangeLog, TenantTransaction, type UserListFilter } from '@roster/db';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_SORTS, type UserSort } from '../src/users/user.schemas.js';
import { expectStatus, startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const USERS_PER_TENANT = 20_000;
/**
 * As many groups as users: with a few thousand rows in all, user_groups fits in ~75 pages and PostgreSQL rightly
 * reads it whole rather than open the trigram index, which tells nothing about the plans at scale.
 */
const GROUPS_PER_TENANT = 20_000;
/**
 * Other accounts' environments and tenants, as a deployment has: with the test's handful of rows PostgreSQL
 * rightly reads tenants and environments whole (one page each), which tells nothing about the plans at scale,
 * where a list must find its tenant's and environment's rows (a licensing class reads them) by primary key.
 */
const NOISE_ENVIRONMENTS = 300;
const NOISE_TENANTS_PER_ENVIRONMENT = 20;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Parent Relationship'?: string;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

let t: TestApp;
let w: AccountWorld;
let ds: DataSource;
let tenantIds: string[];
/** The tenant every query runs for; the other two are noise its indexes must skip. */
let tenantId: string;
let endUserIndexes: Set<string>;
const groups = {} as Record<'big' | 'small', string>;
const roles = {} as Record<'basic' | 'common' | 'rare' | 'team' | 'viaGroup', string>;
/** Fragments of one user's username and one group's name in the tenant. */
let rareTerm: string;
let rareGroupTerm: string;

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

async function explain([sql, params]: [string, unknown[]]): Promise<PlanNode[]> {
  const { rows } = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  return flatten(rows[0]['QUERY PLAN'][0].Plan as PlanNode);
}

function summary(nodes: PlanNode[]): string {
  return nodes
    .map((node) =>
      [
        node['Node Type'],
        node['Index Name'] ?? node['Relation Name'] ?? '',
        `rows=${node['Actual Rows']}x${node['Actual Loops']}`,
        node['Rows Removed by Filter'] ? `removed=${node['Rows Removed by Filter']}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join(' → ');
}

/** The repositories of the tenant, as a unit of work hands them to a service. */
function inTenant<R>(statement: (data: TenantTransaction) => R): R {
  const scope = { accountId: w.accountId, environmentId: w.environmentId, tenantId };
  const readOnly = new ChangeLog(scope, { kind: 'system', id: null }, true);
  const noWrites = {
    later: () => {
      throw new Error('These tests only read');
    },
    wroteNothing: () => undefined,
  };
  return statement(new TenantTransaction(ds.manager, scope, readOnly, noWrites));
}

/** The statements the users list runs for a page of 50 (what GET /tenants/:id/users asks of the repository). */
const userListStatements = (filter: UserListFilter, sort: UserSort, cursor?: string) =>
  inTenant((data) => data.users.listStatements(filter, { limit: 50, cursor, sort }));
const userListSql = (filter: UserListFilter, sort: UserSort, cursor?: string) =>
  userListStatements(filter, sort, cursor).page;

async function seed(): Promise<void> {
  await t.db.query(
    `INSERT INTO end_users (id, tenant_id, kind, username, name, email, external_id, is_active, created_at,
                            updated_at, last_login_at)
     SELECT gen_random_uuid(), t.id,
            CASE WHEN i % 50 = 0 THEN 'anonymous' ELSE 'registered' END,
            CASE WHEN i % 50 = 0 THEN NULL ELSE 'user-' || substr(md5(t.id::text || i), 1, 12) END,
            CASE WHEN i % 50 = 0 THEN NULL ELSE 'Person ' || substr(md5('name' || i), 1, 10) END,
            CASE WHEN i % 50 = 0 OR i % 7 = 0 THEN NULL
                 ELSE substr(md5('mail' || t.id::text || i), 1, 10) || '@'
                      || (ARRAY['acme.com', 'client.example', 'mail.test'])[1 + (i / 3) % 3] END,
            'ext-' || i,
            i % 10 <> 0,
            timestamptz '2024-01-01' + i * interval '1 minute',
            timestamptz '2024-06-01' + i * interval '1 minute',
            CASE WHEN i % 3 = 0 THEN NULL ELSE timestamptz '2025-01-01' + (i * 7919 % 20000) * interval '1 minute' END
     FROM unnest($1::uuid[]) AS t(id), generate_series(1, $2::int) AS i`,
    [tenantIds, USERS_PER_TENANT],
  );
  // What the API derives from a username (usernameColumns): for these ASCII names, lower-casing.
  await t.db.query(`UPDATE end_users SET username_key = lower(username), username_sort = lower(username)
                     WHERE username IS NOT NULL`);
  await t.db.query(
    `INSERT INTO user_groups (id, tenant_id, name, description)
     SELECT gen_random_uuid(), t.id, 'team ' || substr(md5(t.id::text || 'g' || g), 1, 10), ''
     FROM unnest($1::uuid[]) AS t(id), generate_series(1, $2::int) AS g`,
    [tenantIds, GROUPS_PER_TENANT],
  );
  await t.db.query(
    `INSERT INTO user_groups (id, tenant_id, name) SELECT gen_random_uuid(), t.id, g
     FROM unnest($1::uuid[]) AS t(id), unnest(ARRAY['big', 'small']) AS g`,
    [tenantIds],
  );
  // Every registered user in one team; 40 % also in "big"; 40 users also in "small".
  await t.db.query(
    `WITH u AS (SELECT tenant_id, id, split_part(external_id, '-', 2)::int AS i FROM end_users WHERE kind = 'registered')
     INSERT INTO group_members (tenant_id, group_id, user_id)
     SELECT u.tenant_id, g.id, u.id FROM u JOIN user_groups g ON g.tenant_id = u.tenant_id
       AND g.name = 'team ' || substr(md5(u.tenant_id::text || 'g' || (1 + u.i % $1::int)), 1, 10)
     UNION ALL
     SELECT u.tenant_id, g.id, u.id FROM u JOIN user_groups g ON g.tenant_id = u.tenant_id AND g.name = 'big'
     WHERE u.i % 5 < 2
     UNION ALL
     SELECT u.tenant_id, g.id, u.id FROM u JOIN user_groups g ON g.tenant_id = u.tenant_id AND g.name = 'small'
     WHERE u.i % 500 = 1`,
    [GROUPS_PER_TENANT],
  );
  // Roles: "basic" granted directly to every registered user, "common" to 1 in 40, "rare" to 10 users and to
  // the small group, "team" to every team group, "via-group" only through the small group.
  await t.db.query(
    `INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id)
     SELECT u.tenant_id, r.environment_id, u.id, r.id
     FROM end_users u JOIN roles r ON r.environment_id = $1
     WHERE u.kind = 'registered' AND (
            r.key = 'idx.basic'
         OR (r.key = 'idx.common' AND split_part(u.external_id, '-', 2)::int % 40 = 0)
         OR (r.key = 'idx.rare' AND split_part(u.external_id, '-', 2)::int % 2000 = 7))`,
    [w.environmentId],
  );
  await t.db.query(
    `INSERT INTO group_roles (tenant_id, environment_id, group_id, role_id)
     SELECT g.tenant_id, r.environment_id, g.id, r.id
     FROM user_groups g JOIN roles r ON r.environment_id = $1
     WHERE (g.name = 'small' AND r.key IN ('idx.rare', 'idx.via-group')) OR (g.name LIKE 'team %' AND r.key = 'idx.team')`,
    [w.environmentId],
  );
  // The tenant's own domain: a third of its registered users with an address are internal, the rest external.
  await t.db.query(`UPDATE tenants SET internal_domains = '{acme.com}' WHERE id = $1`, [tenantId]);
  const noise = randomUUID();
  await t.db.query(
    `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES ($1, 'noise', 'named', 'sum')`,
    [noise],
  );
  await t.db.query(
    `WITH e AS (
       INSERT INTO environments (id, account_id, name, kind, internal_domains)
       SELECT gen_random_uuid(), $1, 'env ' || i, 'production', '{noise.example}' FROM generate_series(1, $2::int) i
       RETURNING id)
     INSERT INTO tenants (id, account_id, environment_id, name, internal_domains)
     SELECT gen_random_uuid(), $1, e.id, 'tenant ' || i, '{}' FROM e, generate_series(1, $3::int) i`,
    [noise, NOISE_ENVIRONMENTS, NOISE_TENANTS_PER_ENVIRONMENT],
  );
  // VACUUM as autovacuum would after the inserts: index-only scans need the visibility map.
  await t.db.query(
    'VACUUM ANALYZE end_users, user_groups, group_members, user_roles, group_roles, roles, tenants, environments',
  );
}

beforeAll(async () => {
  t = await startTestApp();
  ds = t.app.get(DataSource);
  w = await createAccountWorld(t);
  const third = expectStatus(
    await t.request('POST', `/environments/${w.environmentId}/tenants`, {
      token: t.adminToken,
      body: { name: 'Tenant Three' },
    }),
    201,
  ).body;
  tenantIds = [w.tenantId, w.otherTenantId, third.id];
  tenantId = w.otherTenantId;
  expectStatus(
    await t.request('PUT', `/environments/${w.environmentId}/applications/idx-app`, {
      token: t.adminToken,
      body: {
        name: 'Index app',
        roles: ['idx.basic', 'idx.common', 'idx.rare', 'idx.team', 'idx.via-group'].map((key) => ({ key, name: key })),
      },
    }),
    201,
  );
  await seed();
  const { rows: indexes } = await t.db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'end_users'`);
  endUserIndexes = new Set(indexes.map((row: { indexname: string }) => row.indexname));
  const { rows: groupRows } = await t.db.query(
    `SELECT name, id FROM user_groups WHERE tenant_id = $1 AND name IN ('big', 'small')`,
    [tenantId],
  );
  for (const row of groupRows) groups[row.name as 'big' | 'small'] = row.id;
  const { rows: roleRows } = await t.db.query(`SELECT key, id FROM roles WHERE environment_id = $1`, [w.environmentId]);
  const roleId = (key: string) => roleRows.find((row: { key: string }) => row.key === key).id;
  Object.assign(roles, {
    basic: roleId('idx.basic'),
    common: roleId('idx.common'),
    rare: roleId('idx.rare'),
    team: roleId('idx.team'),
    viaGroup: roleId('idx.via-group'),
  });
  const { rows: rare } = await t.db.query(
    `SELECT substr(username, 7, 7) AS term FROM end_users WHERE tenant_id = $1 AND external_id = 'ext-4242'`,
    [tenantId],
  );
  rareTerm = rare[0].term;
  const { rows: rareGroup } = await t.db.query(
    `SELECT substr(name, 6, 7) AS term FROM user_groups WHERE tenant_id = $1 AND name LIKE 'team %' ORDER BY id LIMIT 1`,
    [tenantId],
  );
  rareGroupTerm = rareGroup[0].term;
}, 180_000);
afterAll(async () => t?.close());

async function cursorOf(sort: UserSort): Promise<string> {
  const { body } = expectStatus(
    await t.request('GET', `/tenants/${tenantId}/users?sort=${sort}&limit=50`, { token: w.tokens.owner }),
    200,
  );
  expect(body.items).toHaveLength(50);
  expect(body.nextCursor).toEqual(expect.any(String));
  return body.nextCursor;
}

const isUsers = (node: PlanNode) =>
  node['Relation Name'] === 'end_users' || endUserIndexes.has(node['Index Name'] ?? '');

/** Rows of end_users a plan really looked at: returned, filtered away or rechecked, over every loop. */
function usersRead(nodes: PlanNode[]): number {
  return nodes
    .filter((node) => node['Relation Name'] === 'end_users')
    .reduce(
      (sum, node) =>
        sum +
        ((node['Actual Rows'] ?? 0) +
          (node['Rows Removed by Filter'] ?? 0) +
          (node['Rows Removed by Index Recheck'] ?? 0)) *
          (node['Actual Loops'] ?? 1),
      0,
    );
}

/** What every list query must do: reach end_users through an index, restricted to the tenant, never a seq scan. */
function expectIndexedTenantAccess(nodes: PlanNode[]): void {
  const plan = summary(nodes);
  const seqScans = nodes.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'end_users');
  expect(seqScans, plan).toEqual([]);
  expect(
    nodes.some((node) => endUserIndexes.has(node['Index Name'] ?? '')),
    plan,
  ).toBe(true);
  const conditions = nodes
    .filter(isUsers)
    .map((node) => [node['Index Cond'], node['Recheck Cond'], node.Filter].join(' '))
    .join(' ');
  expect(conditions, plan).toContain(`tenant_id = '${tenantId}'`);
}

const SORT_INDEX: Record<UserSort, string> = {
  username: 'end_users_username_sort_idx',
  '-username': 'end_users_username_sort_idx',
  createdAt: 'end_users_created_sort_idx',
  '-createdAt': 'end_users_created_sort_idx',
  lastLoginAt: 'end_users_last_login_sort_idx',
  '-lastLoginAt': 'end_users_last_login_sort_idx',
};

describe('the users list', () => {
  it.each(USER_SORTS)(
    'sorted by %s reads one page from the sort index, on the first page and after a cursor',
    async (sort) => {
      for (const cursor of [undefined, await cursorOf(sort)]) {
        const nodes = await explain(userListSql({}, sort, cursor));
        const plan = summary(nodes);
        expectIndexedTenantAccess(nodes);
        const scan = nodes.find(isUsers);
        expect(scan?.['Node Type'], plan).toBe('Index Scan');
        expect(scan?.['Index Name'], plan).toBe(SORT_INDEX[sort]);
        expect(usersRead(nodes), plan).toBeLessThanOrEqual(51);
        // The cursor is an index bound, not a filter: deep pages cost what the first one does.
        if (cursor) expect(scan?.['Index Cond'], plan).toMatch(/ROW\(.*\) [<>] ROW\(/);
      }
    },
  );

  /** Filters that keep a small part of the tenant, or are met early in any order: a page reads a fraction. */
  const SELECTIVE: [string, () => UserListFilter, (nodes: PlanNode[]) => void][] = [
    [
      'a search term matching one user (trigram index)',
      () => ({ search: rareTerm }),
      (nodes) =>
        expect(
          nodes.map((node) => node['Index Name']),
          summary(nodes),
        ).toContain('end_users_search_idx'),
    ],
    ['a search term matching a third of the users', () => ({ search: 'acme' }), () => undefined],
    ['a small group (40 members)', () => ({ groupId: groups.small }), () => undefined],
    ['a big group (40 % of the tenant)', () => ({ groupId: groups.big }), () => undefined],
    [
      'a role granted directly to 10 users and to the small group',
      () => ({ roleId: roles.rare }),
      (nodes) =>
        expect(
          nodes.map((node) => node['Index Name']),
          summary(nodes),
        ).toContain('user_roles_role_idx'),
    ],
    [
      'a role granted only through the small group',
      () => ({ roleId: roles.viaGroup }),
      (nodes) =>
        expect(
          nodes.map((node) => node['Index Name']),
          summary(nodes),
        ).toContain('group_roles_role_idx'),
    ],
    ['a role granted directly to 1 user in 40', () => ({ roleId: roles.common }), () => undefined],
    // The licensing class reads the tenant's and environment's settings, joined once: a filter on a class walks the
    // sort index like any other filter on the user's row.
    ['the external class (most of the tenant)', () => ({ licenseClasses: ['external'] }), () => undefined],
    ['the inactive class (1 user in 10)', () => ({ licenseClasses: ['inactive'] }), () => undefined],
    [
      'two classes and a search',
      () => ({ licenseClasses: ['internal', 'anonymous'], search: 'acme' }),
      () => undefined,
    ],
    [
      'a group, a role and a search at once',
      () => ({ groupId: groups.small, roleId: roles.rare, search: 'user', isActive: true, kind: 'registered' }),
      () => undefined,
    ],
  ];

  it.each(SELECTIVE)('filtered on %s, in every sort, reads no table sequentially', async (_label, filter, check) => {
    for (const sort of USER_SORTS) {
      const nodes = await explain(userListSql(filter(), sort));
      const plan = `${sort}: ${summary(nodes)}`;
      expectIndexedTenantAccess(nodes);
      expect(
        nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']),
        plan,
      ).toEqual([]);
      expect(usersRead(nodes), plan).toBeLessThan(USERS_PER_TENANT / 10);
      check(nodes);
    }
  });

  it.each([
    ['a term matching a third of the users', () => ({ search: 'acme' })],
    ['a term and the list filters', () => ({ search: 'acme', isActive: true, kind: 'registered' as const })],
  ])('searching %s, sorted by username, picks the page from the sort index alone', async (_label, filter) => {
    for (const cursor of [undefined, await cursorOf('username')]) {
      const { ids } = userListStatements(filter(), 'username', cursor);
      expect(ids, 'a search picks the page’s ids first').toBeDefined();
      const nodes = await explain(ids!);
      const plan = summary(nodes);
      const scan = nodes.find(isUsers);
      // Index-only: the users it skips (two in three here, thousands for a term in a big tenant) are never read.
      expect(scan?.['Node Type'], plan).toBe('Index Only Scan');
      expect(scan?.['Index Name'], plan).toBe('end_users_username_sort_idx');
      expect(
        nodes.filter((node) => node['Relation Name'] === 'end_users' && node['Node Type'] !== 'Index Only Scan'),
        plan,
      ).toEqual([]);
    }
  });

  it.each([
    ['no filter', (): UserListFilter => ({})],
    ['a licensing class', (): UserListFilter => ({ licenseClasses: ['external'] })],
    ['a search and licensing classes', (): UserListFilter => ({ search: 'acme', licenseClasses: ['internal'] })],
  ])(
    'with %s, reads no tenant or environment row itself: the settings come once per statement',
    async (_label, filter) => {
      for (const sort of USER_SORTS) {
        const { page, ids } = userListStatements(filter(), sort);
        for (const statement of ids ? [page, ids] : [page]) {
          const nodes = await explain(statement);
          const plan = `${sort}: ${summary(nodes)}`;
          // Joining them in tripled the list's planning time under row-level security; roster_internal_domains
          // reads them inside the function, as an InitPlan run at most once, whatever the page holds.
          const settings = nodes.filter((node) => ['tenants', 'environments'].includes(node['Relation Name'] ?? ''));
          expect(settings, plan).toEqual([]);
          for (const node of nodes.filter((n) => n['Parent Relationship'] === 'InitPlan')) {
            expect(node['Actual Loops'] ?? 0, plan).toBeLessThanOrEqual(1);
          }
        }
      }
    },
  );

  // A role nearly everybody holds: the page is picked from all its holders (an index lookup each, within the
  // tenant), so the cost grows with the holders in this tenant — never with the table or other tenants.
  it.each([
    ['granted directly to every user', () => roles.basic],
    ['granted to every team group', () => roles.team],
  ])('filtered on a role %s, in every sort, still reaches users by index only', async (_label, role) => {
    for (const sort of USER_SORTS) {
      const nodes = await explain(userListSql({ roleId: role() }, sort));
      expectIndexedTenantAccess(nodes);
      expect(usersRead(nodes), summary(nodes)).toBeLessThanOrEqual(USERS_PER_TENANT);
    }
  });
});

/** The statement GET …/users/count runs (EndUsersRepository.count): one COUNT, over the tenant's indexes. */
describe('the users count', () => {
  const userCountSql = (filter: UserListFilter) => inTenant((data) => data.users.countStatement(filter));
  // The seed's logins fall in 2025-01-01 … 2025-01-14 (two users in three); the third never logged in.
  const RECENT = new Date('2025-01-14T00:00:00Z');
  const EARLY = new Date('2025-01-01T12:00:00Z');

  it.each([
    ['no filter', (): UserListFilter => ({})],
    ['inactive users', (): UserListFilter => ({ isActive: false })],
    ['a search term matching one user', (): UserListFilter => ({ search: rareTerm })],
    ['a small group', (): UserListFilter => ({ groupId: groups.small })],
    ['a rare role', (): UserListFilter => ({ roleId: roles.rare })],
    ['a licensing class', (): UserListFilter => ({ licenseClasses: ['inactive'] })],
    ['logins since a recent day', (): UserListFilter => ({ lastLoginAfter: RECENT })],
    ['no login since an early day (or never)', (): UserListFilter => ({ lastLoginBefore: EARLY })],
    [
      'a window and the list filters',
      (): UserListFilter => ({ lastLoginAfter: EARLY, lastLoginBefore: RECENT, isActive: true }),
    ],
  ])('with %s reads end_users through a tenant-leading index, never sequentially', async (_label, filter) => {
    const nodes = await explain(userCountSql(filter()));
    const plan = summary(nodes);
    expectIndexedTenantAccess(nodes);
    expect(
      nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']),
      plan,
    ).toEqual([]);
    // Never past the tenant's own users, whatever the plan.
    expect(usersRead(nodes), plan).toBeLessThanOrEqual(USERS_PER_TENANT);
  });

  // A narrow window is a range of the last-login index, reading the window's users alone. (Not index-only: the
  // planner wants last_login_at itself, which an index on coalesce(last_login_at, …) does not hold. A wide one,
  // such as "before T" with every user who never logged in, may rather be read from the tenant's range of
  // another index, which the test above bounds.)
  it.each([
    ['lastLoginAfter', (): UserListFilter => ({ lastLoginAfter: RECENT })],
    ['both', (): UserListFilter => ({ lastLoginAfter: EARLY, lastLoginBefore: new Date('2025-01-02T00:00:00Z') })],
  ])('with a narrow window (%s) reads only its range of the last-login index', async (_label, filter) => {
    const nodes = await explain(userCountSql(filter()));
    const plan = summary(nodes);
    const scan = nodes.find(isUsers);
    expect(scan?.['Index Name'], plan).toBe('end_users_last_login_sort_idx');
    // The window is a bound of the scan, not a filter over the tenant's users.
    expect(scan?.['Index Cond'], plan).toMatch(/COALESCE\(last_login_at/i);
    expect(scan?.['Rows Removed by Filter'] ?? 0, plan).toBe(0);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM end_users WHERE tenant_id = $1
          AND coalesce(last_login_at, '-infinity') >= coalesce($2::timestamptz, '-infinity')
          AND coalesce(last_login_at, '-infinity') < coalesce($3::timestamptz, 'infinity')`,
      [tenantId, filter().lastLoginAfter ?? null, filter().lastLoginBefore ?? null],
    );
    expect(usersRead(nodes), plan).toBe(rows[0].n);
  });
});

/** The statement GroupsRepository.list runs for a page of the tenant's groups. */
describe('the groups list', () => {
  const groupListSql = (search?: string) => inTenant((data) => data.groups.listStatement({ search }, { limit: 50 }));

  it.each([
    { label: 'unfiltered', search: (): string | undefined => undefined, index: 'user_groups_name_key' },
    { label: 'searching a term every group matches', search: () => 'TEAM', index: 'user_groups_name_key' },
    { label: 'searching a term one group matches', search: () => rareGroupTerm, index: 'user_groups_search_idx' },
  ])('$label: reads the tenant’s groups through $index', async ({ search, index }) => {
    const nodes = await explain(groupListSql(search()));
    const plan = summary(nodes);
    expect(
      nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']),
      plan,
    ).toEqual([]);
    expect(
      nodes.map((node) => node['Index Name']),
      plan,
    ).toContain(index);
    const scan = nodes.find((node) => node['Index Name'] === index);
    expect(scan?.['Index Cond'], plan).toContain(`tenant_id = '${tenantId}'`);
    const read = nodes
      .filter((node) => node['Relation Name'] === 'user_groups')
      .reduce((sum, node) => sum + (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0), 0);
    expect(read, plan).toBeLessThanOrEqual(60);
  });
});
