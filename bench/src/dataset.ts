/**
 * The benchmark's dataset, written straight into PostgreSQL with set-based SQL (generate_series, one
 * INSERT … SELECT per table): one account, three production environments and one non-production, the
 * tenants with skewed sizes, realistic email domains, groups, memberships, roles and grants.
 */
import type pg from 'pg';
import type { Preset } from './presets.js';

/** What the measurements need to find in the dataset. */
export interface Dataset {
  accountId: string;
  /** The largest tenant: the list, search and role benchmarks run on it. */
  tenantId: string;
  tenantUsers: number;
  environmentId: string;
  /** A role key granted in that tenant, and users holding it (for check-role). */
  roleKey: string;
  /** Usernames in the largest tenant whose password is `loginPassword`. */
  loginUsernames: string[];
  loginPassword: string;
  /** A substring that matches some users of the largest tenant (a surname fragment). */
  searchTerm: string;
  users: number;
}

export const LOGIN_PASSWORD = 'bench-password-2026';

const FIRST_NAMES = [
  'ada',
  'alan',
  'alice',
  'amara',
  'anna',
  'ben',
  'carla',
  'chen',
  'clara',
  'daniel',
  'diego',
  'elena',
  'emma',
  'fatima',
  'felix',
  'grace',
  'hana',
  'hugo',
  'ines',
  'ivan',
  'jonas',
  'julia',
  'karim',
  'kofi',
  'laura',
  'leon',
  'lina',
  'luca',
  'maria',
  'marta',
  'mateo',
  'mia',
  'nadia',
  'noah',
  'olga',
  'omar',
  'paula',
  'pedro',
  'priya',
  'rafael',
  'rosa',
  'sara',
  'sofia',
  'tariq',
  'tom',
  'yara',
  'yuki',
  'zoe',
];
const LAST_NAMES = [
  'adams',
  'ahmed',
  'almeida',
  'becker',
  'bianchi',
  'brown',
  'costa',
  'dubois',
  'eriksson',
  'fischer',
  'garcia',
  'hansen',
  'hoffmann',
  'ivanova',
  'jansen',
  'kaur',
  'kim',
  'kowalski',
  'lopez',
  'martin',
  'meyer',
  'moreau',
  'muller',
  'nakamura',
  'nguyen',
  'novak',
  'okafor',
  'olsen',
  'patel',
  'petrov',
  'rossi',
  'santos',
  'schmidt',
  'silva',
  'singh',
  'smith',
  'suzuki',
  'tanaka',
  'taylor',
  'wagner',
  'wang',
  'weber',
  'williams',
  'wilson',
  'yilmaz',
];
/** Public mail providers: most end users of consumer-facing tenants sign up with one of these. */
const PUBLIC_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
  'gmx.de',
  'web.de',
  't-online.de',
  'orange.fr',
  'free.fr',
  'libero.it',
  'virgilio.it',
  'mail.ru',
  'yandex.ru',
  'qq.com',
  '163.com',
  'naver.com',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'btinternet.com',
  'sky.com',
  'aol.com',
  'live.com',
  'msn.com',
  'comcast.net',
  'bigpond.com',
  'shaw.ca',
  'telenet.be',
];

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]::text[]`;

/** Fills an empty, migrated database. `loginHash` is the argon2id hash of {@link LOGIN_PASSWORD}. */
export async function generateDataset(db: pg.Client, preset: Preset, loginHash: string): Promise<Dataset> {
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);

  // Time-ordered ids like the API's (UUIDv7): milliseconds, version 7, random rest, RFC 4122 variant.
  await q(`
    CREATE FUNCTION pg_temp.uuid7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
      SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7'
              || substr(md5(random()::text), 1, 3) || to_hex(8 + floor(random() * 4)::int)
              || substr(md5(random()::text), 1, 15))::uuid
    $$`);

  const account = await q(
    `INSERT INTO accounts (id, name, subscription_model, internal_limit, external_limit, named_limit, aggregation)
     VALUES (pg_temp.uuid7(now()), 'Bench ISV', 'internal-external', $1, $2, NULL, 'sum') RETURNING id`,
    [Math.round(preset.users * 0.8), Math.round(preset.users * 0.4)],
  );
  const accountId: string = account.rows[0].id;

  await q(
    `INSERT INTO environments (id, account_id, name, kind)
     SELECT pg_temp.uuid7(now()), $1, name, kind
       FROM (VALUES ('Production EU', 'production', 1), ('Production US', 'production', 2),
                    ('Production APAC', 'production', 3), ('Staging', 'non-production', 4)) v(name, kind, n)
      ORDER BY n`,
    [accountId],
  );

  // Tenants take turns over the environments; sizes follow a Zipf-like curve (a few large clients, a long tail).
  await q(
    `CREATE TEMP TABLE bench_tenants AS
     WITH envs AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM environments WHERE account_id = $1),
          sized AS (SELECT i, 1 / power(i, 0.9) AS weight FROM generate_series(1, $2::int) i)
     SELECT pg_temp.uuid7(now()) AS id, s.i, e.id AS environment_id,
            'Client ' || lpad(s.i::text, 3, '0') AS name, 'client' || s.i AS slug,
            s.weight / sum(s.weight) OVER () AS share
       FROM sized s JOIN envs e ON e.n = (s.i - 1) % 4`,
    [accountId, preset.tenants],
  );
  await q(
    `ALTER TABLE bench_tenants ADD COLUMN users int, ADD COLUMN lo bigint, ADD COLUMN hi bigint;
     UPDATE bench_tenants SET users = greatest(1, floor(share * ${preset.users}))::int;
     UPDATE bench_tenants b SET lo = r.lo, hi = r.lo + b.users - 1
       FROM (SELECT id, coalesce(sum(users) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) + 1 AS lo
               FROM bench_tenants) r
      WHERE r.id = b.id;
     CREATE INDEX ON bench_tenants (lo, hi)`,
  );
  // Each tenant's own mail domains: counted as internal where the tenant or its environment lists them.
  await q(
    `INSERT INTO tenants (id, account_id, environment_id, name, internal_domains)
     SELECT id, $1, environment_id, name,
            CASE WHEN i % 3 = 0 THEN ARRAY[slug || '.com'] ELSE '{}' END
       FROM bench_tenants ORDER BY i`,
    [accountId],
  );
  await q(
    `UPDATE environments e SET internal_domains = d.domains
       FROM (SELECT environment_id, array_agg(slug || '.com' ORDER BY i) AS domains
               FROM bench_tenants WHERE i % 2 = 1 GROUP BY environment_id) d
      WHERE d.environment_id = e.id`,
  );

  // End users: the global ordinal g picks the tenant (by range), the names and the mail domain.
  await q(`
    INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort, name, email, password_hash,
                           is_active, created_at, updated_at, last_login_at)
    SELECT pg_temp.uuid7(created), t.id,
           CASE WHEN anonymous THEN 'anonymous' ELSE 'registered' END,
           CASE WHEN anonymous THEN NULL ELSE first || '.' || last || g END,
           -- What the API derives from a username (usernameColumns); these names are lower-case ASCII.
           CASE WHEN anonymous THEN NULL ELSE first || '.' || last || g END,
           CASE WHEN anonymous THEN '' ELSE first || '.' || last || g END,
           CASE WHEN anonymous THEN NULL ELSE initcap(first) || ' ' || initcap(last) END,
           CASE WHEN anonymous OR r_email < 0.05 THEN NULL
                WHEN r_email < 0.55 THEN first || '.' || last || g || '@' || t.slug || (ARRAY['.com', '-group.com', '.co.uk'])[1 + g % 3]
                ELSE first || last || (g % 997) || '@' || (${sqlArray(PUBLIC_DOMAINS)})[1 + (g * 7) % ${PUBLIC_DOMAINS.length}]
           END,
           NULL, NOT inactive, created, created,
           CASE WHEN NOT anonymous AND r_login < 0.6 THEN now() - (r_login * interval '90 days') END
      FROM (SELECT g,
                   (${sqlArray(FIRST_NAMES)})[1 + (g * 31) % ${FIRST_NAMES.length}] AS first,
                   (${sqlArray(LAST_NAMES)})[1 + (g * 17 / 7) % ${LAST_NAMES.length}] AS last,
                   random() AS r_email, random() AS r_login,
                   g % 50 = 7 AS anonymous,
                   g % 10 = 3 AS inactive,
                   now() - (random() * interval '1095 days') AS created
              FROM generate_series(1, (SELECT max(hi) FROM bench_tenants)) g) u
      JOIN bench_tenants t ON u.g BETWEEN t.lo AND t.hi`);

  // Applications declare 50 roles in every environment (5 applications × 10 roles).
  await q(
    `INSERT INTO applications (id, environment_id, key, name)
     SELECT pg_temp.uuid7(now()), e.id, 'app' || a, 'Application ' || a
       FROM environments e, generate_series(1, 5) a WHERE e.account_id = $1`,
    [accountId],
  );
  await q(
    `INSERT INTO roles (id, environment_id, application_id, key, name, description)
     SELECT pg_temp.uuid7(now()), a.environment_id, a.id, a.key || '.role' || r, 'Role ' || r || ' of ' || a.name,
            'Benchmark role'
       FROM applications a JOIN environments e ON e.id = a.environment_id, generate_series(1, ${preset.rolesPerEnvironment / 5}) r
      WHERE e.account_id = $1`,
    [accountId],
  );

  // Groups in proportion to the tenant's size, at least one each.
  await q(`
    CREATE TEMP TABLE bench_groups AS
    SELECT pg_temp.uuid7(now()) AS id, t.id AS tenant_id, t.environment_id, n AS ordinal
      FROM bench_tenants t,
           generate_series(1, greatest(1, round(t.share * ${preset.groups}))::int) n;
    CREATE INDEX ON bench_groups (tenant_id, ordinal);
    INSERT INTO user_groups (id, tenant_id, name, description)
    SELECT id, tenant_id, 'Group ' || ordinal, 'Benchmark group' FROM bench_groups`);
  await q(`
    CREATE TEMP TABLE bench_group_counts AS
    SELECT tenant_id, count(*)::int AS groups FROM bench_groups GROUP BY tenant_id`);

  // Random picks are made in a derived table (OFFSET 0 keeps it one): inside a join condition the
  // planner may evaluate random() once for a whole table instead of once per row.
  // Each user in 0–5 groups of its tenant (2.5 on average).
  await q(`
    INSERT INTO group_members (tenant_id, group_id, user_id)
    SELECT p.tenant_id, g.id, p.user_id
      FROM (SELECT u.tenant_id, u.id AS user_id, 1 + floor(random() * c.groups)::int AS ordinal
              FROM end_users u
              JOIN bench_group_counts c ON c.tenant_id = u.tenant_id
              CROSS JOIN LATERAL generate_series(1, floor(random() * 6)::int) k
             WHERE u.kind = 'registered'
            OFFSET 0) p
      JOIN bench_groups g ON g.tenant_id = p.tenant_id AND g.ordinal = p.ordinal
    ON CONFLICT DO NOTHING`);

  // Every group grants 1–3 roles of its environment; one user in five holds a role directly.
  await q(`
    CREATE TEMP TABLE bench_roles AS
    SELECT id, environment_id, key, row_number() OVER (PARTITION BY environment_id ORDER BY key) AS ordinal
      FROM roles;
    CREATE INDEX ON bench_roles (environment_id, ordinal);
    INSERT INTO group_roles (tenant_id, environment_id, group_id, role_id)
    SELECT p.tenant_id, p.environment_id, p.group_id, r.id
      FROM (SELECT g.tenant_id, g.environment_id, g.id AS group_id,
                   1 + floor(random() * ${preset.rolesPerEnvironment})::int AS ordinal
              FROM bench_groups g CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 3)::int) k
            OFFSET 0) p
      JOIN bench_roles r ON r.environment_id = p.environment_id AND r.ordinal = p.ordinal
    ON CONFLICT DO NOTHING`);
  await q(`
    INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id)
    SELECT p.tenant_id, p.environment_id, p.user_id, r.id
      FROM (SELECT u.tenant_id, t.environment_id, u.id AS user_id,
                   1 + floor(random() * ${preset.rolesPerEnvironment})::int AS ordinal
              FROM end_users u JOIN bench_tenants t ON t.id = u.tenant_id
             WHERE u.kind = 'registered' AND random() < 0.2
            OFFSET 0) p
      JOIN bench_roles r ON r.environment_id = p.environment_id AND r.ordinal = p.ordinal
    ON CONFLICT DO NOTHING`);

  const largest = (await q(`SELECT id, environment_id, users FROM bench_tenants ORDER BY users DESC, i LIMIT 1`))
    .rows[0] as { id: string; environment_id: string; users: number };

  // Login users: active registered users of the largest tenant, all with the same known password.
  const login = await q(
    `UPDATE end_users SET password_hash = $2
      WHERE id IN (SELECT id FROM end_users
                    WHERE tenant_id = $1 AND kind = 'registered' AND is_active
                    ORDER BY id LIMIT ${preset.loginUsers})
      RETURNING username`,
    [largest.id, loginHash],
  );
  const role = await q(
    `SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
      WHERE ur.tenant_id = $1 GROUP BY r.key ORDER BY count(*) DESC LIMIT 1`,
    [largest.id],
  );

  // As autovacuum would after the load: statistics, and the visibility map that index-only scans need.
  await q('VACUUM ANALYZE');
  return {
    accountId,
    tenantId: largest.id,
    tenantUsers: largest.users,
    environmentId: largest.environment_id,
    roleKey: role.rows[0].key,
    loginUsernames: login.rows.map((row: { username: string }) => row.username),
    loginPassword: LOGIN_PASSWORD,
    // A surname fragment: a realistic search, matching a few per cent of the tenant.
    searchTerm: 'kowal',
    users: preset.users,
  };
}
