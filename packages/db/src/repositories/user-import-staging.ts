import { once } from 'node:events';
import { IMPORT_USER_FIELDS, type ImportRow, type ImportRowError, type ImportUserField } from '@roster/domain';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { licenseClassSql, type LicenseAliases } from '../license-class-sql.js';
import { LICENSE_DOMAIN_SQL } from '../usage-columns.js';
import { emailKeySql, usernameSortOf } from '../username-columns.js';
import { USER_JSON } from './end-user-list.js';

/**
 * The staged rows of an import (user_import_rows) and the set-based SQL over them (issue 18): COPY in, the checks
 * that need the whole file or the tenant, the prediction, and the apply, batch by batch. Every statement reads and
 * writes rows of one import of one tenant, whatever their number: no statement per row.
 */

/** A row of the file as the worker read it: its values (null when it could not be read at all) and problems. */
export interface StagedRow {
  line: number;
  row: ImportRow | null;
  errors: ImportRowError[];
  /** The id the user gets if the row creates one (UUIDv7, from the application). */
  newUserId: string;
}

/** What the checks found: the counts and license effect the dry run predicts. */
export interface ImportPrediction {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  licenseInternal: number;
  licenseExternal: number;
  /** Rows to write (created + updated). */
  actionable: number;
}

/** A user as the API shows it (USER_JSON: toUserResponse's fields). */
export type UserJson = Record<string, unknown> & { id: string };

/** What one apply batch wrote, for its change events. */
export interface AppliedBatch {
  /** The last line of the file the batch covers; null when no row was left to apply. */
  lastLine: number | null;
  /** Rows of the file in the batch's range (written or not: unchanged and failed ones too). */
  rows: number;
  created: UserJson[];
  updated: { before: UserJson; after: UserJson; passwordSet: boolean; fieldsChanged: boolean }[];
  memberships: { userId: string; groupId: string; groupName: string }[];
  grants: { userId: string; roleKey: string; roleName: string }[];
  /** Rows that were to create a user whose username another user took since the check (now failed). */
  lost: number;
  /** Rows that were to update a user deleted since the check (now failed). */
  vanished: number;
}

const COPY_COLUMNS = [
  'tenant_id',
  'import_id',
  'line',
  'username',
  'username_key',
  'username_sort',
  'name',
  'email',
  'email_key',
  'mobile_phone',
  'external_id',
  'is_active',
  'password_hash',
  'groups',
  'roles',
  'given',
  'new_user_id',
  'row_errors',
];

/** A value in COPY's text format: backslash, tab, line breaks escaped; null as \N. */
function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A text[] literal, each element quoted. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** Which column each field the file can set is stored in. */
const FIELD_COLUMNS: Record<Exclude<ImportUserField, 'passwordHash'>, string> = {
  name: 'name',
  email: 'email',
  mobilePhone: 'mobile_phone',
  externalId: 'external_id',
  isActive: 'is_active',
};

/** Whether staged row `s` gives the field (a column of its file, a key of its object). */
const gives = (s: string, field: ImportUserField) => `'${field}' = ANY(${s}.given)`;

/** Whether applying staged row `s` changes user `u`'s own fields (not its memberships or grants). */
function fieldsDifferSql(s: string, u: string): string {
  const fields = Object.entries(FIELD_COLUMNS).map(
    ([field, column]) => `(${gives(s, field as ImportUserField)} AND ${s}.${column} IS DISTINCT FROM ${u}.${column})`,
  );
  return `(${s}.username IS DISTINCT FROM ${u}.username OR ${u}.kind <> 'registered' OR ${fields.join(' OR ')}
    OR (${gives(s, 'passwordHash')} AND ${u}.password_hash IS NULL))`;
}

const SETTINGS = (user: string): LicenseAliases => ({ user, tenant: 't', environment: 'e' });

/**
 * The checks of the whole file against itself and the tenant, and each row's prediction, in one statement:
 * matching (by normalized username, else by an externalId that one user of the tenant has), the same username or
 * address twice in the file (reported on the later lines, naming the first), one user named by two lines, an
 * address another user of the tenant has (ignoring case; a user keeping its own is fine, as with the API), groups
 * and roles that do not exist (roles: active ones of the tenant's environment). $1 tenant, $2 import, $3 environment.
 */
const CHECK_ROWS = `
WITH s AS (
  SELECT r.line, r.username_key, r.email_key, r.external_id, r.groups, r.roles, r.row_errors
    FROM user_import_rows r WHERE r.tenant_id = $1 AND r.import_id = $2
),
by_username AS (
  SELECT s.line, u.id FROM s JOIN end_users u ON u.tenant_id = $1 AND u.username_key = s.username_key
),
unique_external AS (
  SELECT u.external_id, min(u.id::text)::uuid AS id
    FROM end_users u WHERE u.tenant_id = $1 AND u.external_id IS NOT NULL
     AND u.external_id IN (SELECT external_id FROM s WHERE external_id IS NOT NULL)
   GROUP BY u.external_id HAVING count(*) = 1
),
matched AS (
  SELECT s.*, coalesce(bu.id, ue.id) AS user_id
    FROM s LEFT JOIN by_username bu USING (line) LEFT JOIN unique_external ue ON ue.external_id = s.external_id
),
errors AS (
  SELECT line, 1 AS n, jsonb_build_object('field', 'username', 'message',
           'is the same username as line ' || first || ' (once normalized)') AS error
    FROM (SELECT line, min(line) OVER (PARTITION BY username_key) AS first FROM s WHERE username_key IS NOT NULL) d
   WHERE line > first
  UNION ALL
  SELECT line, 2, jsonb_build_object('field', 'email', 'message', 'is the same address as line ' || first || ' (ignoring case)')
    FROM (SELECT line, min(line) OVER (PARTITION BY email_key) AS first FROM s WHERE email_key IS NOT NULL) d
   WHERE line > first
  UNION ALL
  SELECT line, 3, jsonb_build_object('field', 'externalId', 'message',
           'names the same user as line ' || first || ' (matched by externalId)')
    FROM (SELECT line, username_key, min(line) OVER (PARTITION BY user_id) AS first,
                 first_value(username_key) OVER (PARTITION BY user_id ORDER BY line) AS first_key
            FROM matched WHERE user_id IS NOT NULL) d
   WHERE line > first AND username_key IS DISTINCT FROM first_key
  UNION ALL
  SELECT m.line, 4, jsonb_build_object('field', 'email', 'message', 'is already the address of another user of this tenant')
    FROM matched m
   WHERE m.email_key IS NOT NULL
     AND EXISTS (SELECT 1 FROM end_users o
                  WHERE o.tenant_id = $1 AND o.email IS NOT NULL AND ${emailKeySql('o.email')} = m.email_key
                    AND o.id IS DISTINCT FROM m.user_id)
     AND NOT EXISTS (SELECT 1 FROM end_users c
                      WHERE c.tenant_id = $1 AND c.id = m.user_id AND ${emailKeySql('c.email')} = m.email_key)
  UNION ALL
  SELECT s.line, 5, jsonb_build_object('field', 'groups', 'message',
           'has ' || string_agg('“' || n.name || '”', ', ' ORDER BY n.i) || ', which is no group of this tenant')
    FROM s CROSS JOIN LATERAL unnest(s.groups) WITH ORDINALITY AS n(name, i)
   WHERE NOT EXISTS (SELECT 1 FROM user_groups g WHERE g.tenant_id = $1 AND lower(g.name) = lower(n.name))
   GROUP BY s.line
  UNION ALL
  SELECT s.line, 6, jsonb_build_object('field', 'roles', 'message',
           'has ' || string_agg('“' || k.key || '”', ', ' ORDER BY k.i) ||
           ', which is no active role of this tenant’s environment')
    FROM s CROSS JOIN LATERAL unnest(s.roles) WITH ORDINALITY AS k(key, i)
   WHERE NOT EXISTS (SELECT 1 FROM roles r WHERE r.environment_id = $3 AND r.key = k.key AND r.is_active)
   GROUP BY s.line
),
collected AS (SELECT line, jsonb_agg(error ORDER BY n) AS errors FROM errors GROUP BY line),
-- Matched rows that add a membership or a direct grant the user does not have yet.
additions AS (
  SELECT m.line FROM matched m CROSS JOIN LATERAL unnest(m.groups) AS n(name)
    JOIN user_groups g ON g.tenant_id = $1 AND lower(g.name) = lower(n.name)
    LEFT JOIN group_members gm ON gm.tenant_id = $1 AND gm.group_id = g.id AND gm.user_id = m.user_id
   WHERE m.user_id IS NOT NULL AND gm.user_id IS NULL
  UNION
  SELECT m.line FROM matched m CROSS JOIN LATERAL unnest(m.roles) AS k(key)
    JOIN roles ro ON ro.environment_id = $3 AND ro.key = k.key AND ro.is_active
    -- A grant past its expiry (not removed yet) is no longer held: the import grants the role again.
    LEFT JOIN user_roles ur ON ur.tenant_id = $1 AND ur.user_id = m.user_id AND ur.role_id = ro.id
                           AND (ur.expires_at IS NULL OR ur.expires_at > now())
   WHERE m.user_id IS NOT NULL AND ur.user_id IS NULL
),
final AS (
  SELECT m.line, m.user_id, c.errors, (m.row_errors IS NOT NULL OR c.errors IS NOT NULL) AS failed,
         a.line IS NOT NULL AS adds
    FROM matched m LEFT JOIN collected c USING (line) LEFT JOIN additions a USING (line)
)
UPDATE user_import_rows r
   SET user_id = f.user_id, check_errors = f.errors,
       action = CASE WHEN f.failed THEN 'failed'
                     WHEN f.user_id IS NULL THEN 'created'
                     WHEN u.id IS NULL THEN 'failed'
                     WHEN f.adds OR ${fieldsDifferSql('r', 'u')} THEN 'updated'
                     ELSE 'unchanged' END
  FROM final f LEFT JOIN end_users u ON u.tenant_id = $1 AND u.id = f.user_id
 WHERE r.tenant_id = $1 AND r.import_id = $2 AND r.line = f.line`;

/**
 * The counts of a checked import and how the tenant's licensed users would move (DESIGN.md §3, with the SQL that
 * counts them): each written row's class after (its values over the user's current ones) less its class before.
 */
const PREDICTION = `
WITH rows AS (
  SELECT r.action, r.username,
         CASE WHEN ${gives('r', 'email')} THEN r.email ELSE u.email END AS email,
         CASE WHEN ${gives('r', 'isActive')} THEN r.is_active ELSE coalesce(u.is_active, true) END AS is_active,
         CASE WHEN u.id IS NULL THEN NULL ELSE ${licenseClassSql(SETTINGS('u'))} END AS before
    FROM user_import_rows r
    CROSS JOIN tenants t JOIN environments e ON e.id = t.environment_id
    LEFT JOIN end_users u ON u.tenant_id = $1 AND u.id = r.user_id
   WHERE r.tenant_id = $1 AND r.import_id = $2 AND t.id = $1
),
after AS (
  SELECT action, before, is_active, 'registered'::text AS kind, ${LICENSE_DOMAIN_SQL} AS license_domain FROM rows
),
classed AS (
  SELECT a.action, a.before,
         CASE WHEN a.action IN ('created', 'updated') THEN ${licenseClassSql(SETTINGS('a'))} END AS after
    FROM after a CROSS JOIN tenants t JOIN environments e ON e.id = t.environment_id
   WHERE t.id = $1
)
SELECT count(*)::int AS total,
       count(*) FILTER (WHERE action = 'created')::int AS created,
       count(*) FILTER (WHERE action = 'updated')::int AS updated,
       count(*) FILTER (WHERE action = 'unchanged')::int AS unchanged,
       count(*) FILTER (WHERE action = 'failed')::int AS failed,
       (count(*) FILTER (WHERE after = 'internal') - count(*) FILTER (WHERE action = 'updated' AND before = 'internal'))::int
         AS "licenseInternal",
       (count(*) FILTER (WHERE after = 'external') - count(*) FILTER (WHERE action = 'updated' AND before = 'external'))::int
         AS "licenseExternal",
       count(*) FILTER (WHERE action IN ('created', 'updated'))::int AS actionable
  FROM classed`;

/** The user resource JSON of `u`, its licensing class read through $1 (the tenant). */
const USER_JSON_OF_TENANT = USER_JSON.replaceAll(':licenseTenantId', '$1');

export class ImportStaging {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
    private readonly environmentId: string,
  ) {}

  /**
   * Loads rows with COPY, on the transaction's own connection (the unit of work sends its opening ahead of the
   * stream): write() them in line order, then end(), which moves them into user_import_rows in one INSERT … SELECT.
   * PostgreSQL refuses COPY FROM into a table under row-level security, so the COPY goes into a temporary table of
   * the same shape (dropped at commit), and the INSERT is held to the policies like any other write. write()
   * honours backpressure: it resolves once the stream can take more.
   */
  async copyRows(
    importId: string,
  ): Promise<{ write(row: StagedRow): Promise<void>; end(): Promise<number>; abort(): Promise<void> }> {
    await this.manager.query(
      'CREATE TEMPORARY TABLE user_import_rows_in (LIKE user_import_rows INCLUDING DEFAULTS) ON COMMIT DROP',
    );
    const connection = (this.manager.queryRunner as unknown as { databaseConnection: pg.PoolClient })
      .databaseConnection;
    const stream = connection.query(
      copyFrom(`COPY user_import_rows_in (${COPY_COLUMNS.join(', ')}) FROM STDIN`),
    ) as unknown as ReturnType<typeof copyFrom> & { cb_ReadyForQuery: (() => void) | null };
    let failed: Error | null = null;
    stream.on('error', (error: Error) => {
      failed = error;
      // pg-copy-streams answers the ReadyForQuery that follows a refused COPY with the callback end() sets; before
      // end() there is none, and the TypeError would leave the connection's queue stuck (the ROLLBACK never sent).
      stream.cb_ReadyForQuery ??= () => undefined;
    });
    let buffer = '';
    let rows = 0;
    const flush = async () => {
      if (failed) throw failed;
      if (buffer === '') return;
      const ready = stream.write(buffer);
      buffer = '';
      if (!ready) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failed) throw failed;
    };
    const prefix = `${this.tenantId}\t${importId}\t`;
    return {
      write: async (staged: StagedRow) => {
        buffer += prefix + this.copyLine(staged);
        rows += 1;
        if (buffer.length >= 256 * 1024) await flush();
      },
      end: async () => {
        await flush();
        const finished = once(stream, 'finish');
        stream.end();
        await finished;
        if (failed) throw failed;
        await this.manager.query('INSERT INTO user_import_rows SELECT * FROM user_import_rows_in');
        return rows;
      },
      // Ends a COPY still running with CopyFail, so the connection leaves copy mode and the transaction can roll back.
      abort: async () => {
        if (failed || stream.destroyed) return;
        const closed = once(stream, 'close').catch(() => undefined);
        stream.destroy(new Error('The import stopped before its rows were all staged'));
        await closed;
      },
    };
  }

  private copyLine({ line, row, errors, newUserId }: StagedRow): string {
    const values = [
      String(line),
      copyValue(row?.username ?? null),
      copyValue(row?.usernameKey ?? null),
      copyValue(row?.usernameKey ? usernameSortOf(row.usernameKey) : null),
      copyValue(row?.name ?? null),
      copyValue(row?.email ?? null),
      copyValue(row?.emailKey ?? null),
      copyValue(row?.mobilePhone ?? null),
      copyValue(row?.externalId ?? null),
      row?.isActive === null || row === null ? '\\N' : String(row.isActive),
      copyValue(row?.passwordHash ?? null),
      copyValue(arrayLiteral(row?.groups ?? [])),
      copyValue(arrayLiteral(row?.roles ?? [])),
      copyValue(arrayLiteral((row?.given ?? []).filter((field) => IMPORT_USER_FIELDS.includes(field)))),
      newUserId,
      errors.length === 0 ? '\\N' : copyValue(JSON.stringify(errors)),
    ];
    return `${values.join('\t')}\n`;
  }

  /**
   * Checks every staged row against the file and the tenant, stores each one's match, errors and action, and
   * returns what the import predicts (the dry run's report, and what the apply then does).
   */
  async check(importId: string): Promise<ImportPrediction> {
    // The staged rows were just written and have no statistics (ANALYZE is the table owner's): the planner takes
    // the import for a row or two and nests loops over it, quadratic at a million rows. Hash joins are linear
    // whatever the estimate, so these two statements (and only they) go without nested loops — and without JIT,
    // which the cost that disabling adds to a plan would otherwise set off (2.5 s of compiling on every check).
    await this.manager.query('SET LOCAL enable_nestloop = off; SET LOCAL jit = off');
    await this.manager.query(CHECK_ROWS, [this.tenantId, importId, this.environmentId]);
    const [prediction] = (await this.manager.query(PREDICTION, [this.tenantId, importId])) as ImportPrediction[];
    await this.manager.query('SET LOCAL enable_nestloop TO DEFAULT; SET LOCAL jit TO DEFAULT');
    return prediction!;
  }

  /**
   * Applies the next batch: the rows after `afterLine` that create or update a user, `limit` of them, in line
   * order, as set-based statements (INSERT … SELECT, UPDATE … FROM). Locks the users it updates (in id order, as
   * every writer does), adds memberships and direct grants the users do not have yet (existing ones stay), and
   * returns what it wrote with the users as the API shows them before and after.
   *
   * Every statement reaches the staged rows by their primary key (the batch's lines, read first): the staged rows
   * have no statistics (only the table's owner may ANALYZE), and a join the planner could drive from the tenant's
   * users would visit the batch's rows once per user.
   */
  async applyBatch(importId: string, afterLine: number, limit: number): Promise<AppliedBatch> {
    const t = this.tenantId;
    const rows: {
      line: number;
      action: 'created' | 'updated';
      userId: string | null;
      groups: boolean;
      roles: boolean;
    }[] = await this.manager.query(
      `SELECT line, action, user_id AS "userId", cardinality(groups) > 0 AS groups, cardinality(roles) > 0 AS roles
         FROM user_import_rows
        WHERE tenant_id = $1 AND import_id = $2 AND line > $3 AND action IN ('created', 'updated')
        ORDER BY line LIMIT $4`,
      [t, importId, afterLine, limit],
    );
    if (rows.length === 0) {
      return { lastLine: null, rows: 0, created: [], updated: [], memberships: [], grants: [], lost: 0, vanished: 0 };
    }
    const lastLine = rows.at(-1)!.line;
    const toCreate = rows.filter((row) => row.action === 'created').map((row) => row.line);
    const toUpdate = rows.filter((row) => row.action === 'updated');
    // The batch's range as well as its lines: with `line = ANY(…)` alone the planner, misjudging the staged rows,
    // may scan every row of the import and filter them (a million rows read for each batch of 5,000); the range
    // bounds the index scan whatever it estimates. The bounds are integers of ours, written into the text.
    const staged = (alias: string, lines: string) =>
      `${alias}.tenant_id = $1 AND ${alias}.import_id = $2 AND ${alias}.line > ${Math.trunc(afterLine)} ` +
      `AND ${alias}.line <= ${Math.trunc(lastLine)} AND ${alias}.line = ANY(${lines})`;

    const before: { id: string; line: number; user: UserJson; setsPassword: boolean; changes: boolean }[] =
      toUpdate.length === 0
        ? []
        : await this.manager.query(
            `SELECT u.id, v.line, ${USER_JSON_OF_TENANT} AS "user",
                    (${gives('s', 'passwordHash')} AND u.password_hash IS NULL) AS "setsPassword",
                    ${fieldsDifferSql('s', 'u')} AS changes
               FROM unnest($3::int[], $4::uuid[]) AS v(line, user_id)
               JOIN user_import_rows s ON s.tenant_id = $1 AND s.import_id = $2 AND s.line = v.line
               JOIN end_users u ON u.tenant_id = $1 AND u.id = v.user_id
              ORDER BY u.id
                FOR UPDATE OF u`,
            [t, importId, toUpdate.map((row) => row.line), toUpdate.map((row) => row.userId)],
          );

    // New users; a username taken since the check (another writer) leaves its row failed instead.
    const outcome: { kind: 'created' | 'lost'; id: string }[] =
      toCreate.length === 0
        ? []
        : await this.manager.query(
            `WITH inserted AS (
               INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort, name, email,
                                      mobile_phone, external_id, password_hash, is_active)
               SELECT s.new_user_id, $1, 'registered', s.username, s.username_key, s.username_sort, s.name, s.email,
                      s.mobile_phone, s.external_id, s.password_hash, coalesce(s.is_active, true)
                 FROM user_import_rows s
                WHERE ${staged('s', '$3::int[]')}
                ORDER BY s.line
               ON CONFLICT DO NOTHING
               RETURNING id
             ),
             lost AS (
               UPDATE user_import_rows s SET action = 'failed',
                      check_errors = coalesce(s.check_errors, '[]') || jsonb_build_array(jsonb_build_object(
                        'field', 'username', 'message', 'was taken by another user after the import was checked'))
                WHERE ${staged('s', '$3::int[]')}
                  AND s.new_user_id NOT IN (SELECT id FROM inserted)
               RETURNING s.line
             )
             SELECT 'created' AS kind, id::text AS id FROM inserted
             UNION ALL SELECT 'lost', line::text FROM lost`,
            [t, importId, toCreate],
          );
    const created = outcome.filter((row) => row.kind === 'created');

    const changing = before.filter((row) => row.changes);
    if (changing.length > 0) {
      const assignments = Object.entries(FIELD_COLUMNS).map(
        ([field, column]) =>
          `${column} = CASE WHEN ${gives('s', field as ImportUserField)} THEN s.${column} ELSE u.${column} END`,
      );
      await this.manager.query(
        `UPDATE end_users u
            SET username = s.username, username_key = s.username_key, username_sort = s.username_sort,
                kind = 'registered', ${assignments.join(', ')},
                password_hash = CASE WHEN ${gives('s', 'passwordHash')} AND u.password_hash IS NULL
                                     THEN s.password_hash ELSE u.password_hash END,
                updated_at = now()
           FROM unnest($3::int[], $4::uuid[]) AS v(line, user_id)
           JOIN user_import_rows s ON s.tenant_id = $1 AND s.import_id = $2 AND s.line = v.line
          WHERE u.tenant_id = $1 AND u.id = v.user_id`,
        [t, importId, changing.map((row) => row.line), changing.map((row) => row.id)],
      );
    }
    // A user deleted since the check: its row fails.
    const found = new Set(before.map((row) => row.line));
    const vanished = toUpdate.filter((row) => !found.has(row.line)).map((row) => row.line);
    if (vanished.length > 0) {
      await this.manager.query(
        `UPDATE user_import_rows s SET action = 'failed',
                check_errors = coalesce(s.check_errors, '[]') || jsonb_build_array(jsonb_build_object('field',
                  'username', 'message', 'names a user deleted after the import was checked'))
          WHERE ${staged('s', '$3::int[]')}`,
        [t, importId, vanished],
      );
    }

    // Only the rows that list groups (or roles) are read again for them.
    const withGroups = rows.filter((row) => row.groups).map((row) => row.line);
    const withRoles = rows.filter((row) => row.roles).map((row) => row.line);
    const memberships: AppliedBatch['memberships'] =
      withGroups.length === 0
        ? []
        : await this.manager.query(
            `WITH added AS (
         INSERT INTO group_members (tenant_id, group_id, user_id)
         SELECT $1, g.id, coalesce(s.user_id, s.new_user_id)
           FROM user_import_rows s
           CROSS JOIN LATERAL unnest(s.groups) AS n(name)
           JOIN user_groups g ON g.tenant_id = $1 AND lower(g.name) = lower(n.name)
          WHERE ${staged('s', '$3::int[]')} AND s.action IN ('created', 'updated')
         ON CONFLICT DO NOTHING
         RETURNING user_id, group_id
       )
       SELECT a.user_id AS "userId", a.group_id AS "groupId", g.name AS "groupName"
         FROM added a JOIN user_groups g ON g.tenant_id = $1 AND g.id = a.group_id
        ORDER BY a.user_id, g.name`,
            [t, importId, withGroups],
          );
    const grants: AppliedBatch['grants'] =
      withRoles.length === 0
        ? []
        : await this.manager.query(
            `WITH added AS (
         INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id)
         SELECT $1, $4, coalesce(s.user_id, s.new_user_id), r.id
           FROM user_import_rows s
           CROSS JOIN LATERAL unnest(s.roles) AS k(key)
           JOIN roles r ON r.environment_id = $4 AND r.key = k.key AND r.is_active
          WHERE ${staged('s', '$3::int[]')} AND s.action IN ('created', 'updated')
         -- As the bulk grant: a grant past its expiry (not removed yet) becomes the import's, without one.
         ON CONFLICT (tenant_id, user_id, role_id) DO UPDATE SET expires_at = NULL
           WHERE user_roles.expires_at <= now()
         RETURNING user_id, role_id
       )
       SELECT a.user_id AS "userId", r.key AS "roleKey", r.name AS "roleName"
         FROM added a JOIN roles r ON r.id = a.role_id
        ORDER BY a.user_id, r.key`,
            [t, importId, withRoles, this.environmentId],
          );

    const ids = [...created.map((row) => row.id), ...before.map((row) => row.id)];
    const after: { id: string; user: UserJson }[] =
      ids.length === 0
        ? []
        : await this.manager.query(
            `SELECT u.id, ${USER_JSON_OF_TENANT} AS "user" FROM end_users u WHERE u.tenant_id = $1 AND u.id = ANY($2::uuid[])`,
            [t, ids],
          );
    const afterById = new Map(after.map((row) => [row.id, row.user]));
    const [{ count }] = (await this.manager.query(
      `SELECT count(*)::int AS count FROM user_import_rows
        WHERE tenant_id = $1 AND import_id = $2 AND line > $3 AND line <= $4`,
      [t, importId, afterLine, lastLine],
    )) as [{ count: number }];
    return {
      lastLine,
      rows: count,
      created: created.map((row) => afterById.get(row.id)!),
      updated: before.map((row) => ({
        before: row.user,
        after: afterById.get(row.id)!,
        passwordSet: row.setsPassword,
        fieldsChanged: row.changes,
      })),
      memberships,
      grants,
      lost: outcome.length - created.length,
      vanished: vanished.length,
    };
  }
}
