import type { ScimUserFilter, ScimUserSortKey, UsageClass } from '@roster/domain';
import { activeLicenseClassSql, TENANT_LICENSE_SETTINGS } from '../license-class-sql.js';
import { usernameColumns } from '../username-columns.js';
import type { EntityManager } from 'typeorm';
import { scimUserOrderBySql, scimUserWhereSql } from '../scim-user-filter.js';
import { UUID } from '../unit-of-work/bound-reads.js';
import type { Later } from '../unit-of-work/bound-transaction.js';

/** A user as SCIM shows it: Roster's columns, its SCIM-only attributes, its groups and its row version. */
export interface ScimUserRow {
  id: string;
  username: string;
  name: string | null;
  email: string | null;
  mobilePhone: string | null;
  externalId: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  scim: Record<string, unknown> | null;
  /**
   * The row's version (PostgreSQL's xmin: the transaction that wrote it last), which meta.version and the ETag
   * carry. Every write of the row changes it, with no column or trigger to keep up to date.
   */
  version: string;
  /** Read only when the answer shows them (SCIM returns a user's groups on request): undefined otherwise. */
  groups?: { id: string; displayName: string }[];
}

/** A user read to be changed: the row, its last login, and its licensing class while active (for the audit). */
export interface LockedScimUser extends ScimUserRow {
  lastLoginAt: Date | null;
  classWhileActive: Exclude<UsageClass, 'inactive'>;
  /** The row's version once this transaction has written it. */
  versionWritten: string;
}

/** The columns a SCIM write sets. */
export interface ScimUserFields {
  username: string;
  name: string | null;
  email: string | null;
  mobilePhone: string | null;
  externalId: string | null;
  isActive: boolean;
  scim: Record<string, unknown> | null;
  passwordHash?: string;
  updatedAt: Date;
}

export interface ScimUserQuery {
  filter: ScimUserFilter | null;
  sort: { by: ScimUserSortKey; order: 'ascending' | 'descending' } | null;
  withGroups: boolean;
}

/** Index paging (startIndex is 1-based) or cursor paging (RFC 9865) after the id a cursor names, by id. */
export type ScimUserPaging = { startIndex: number; count: number } | { afterId: string | null; count: number };

const COLUMNS = `u.id, u.username, u.name, u.email, u.mobile_phone AS "mobilePhone", u.external_id AS "externalId",
  u.is_active AS "isActive", u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.scim, u.xmin::text AS version`;

/**
 * What a page's first step selects of each user: the resource's columns, its version, and what any sortBy orders
 * by (the page is ordered again over these), never the password hash or the search text.
 */
const PAGE_COLUMNS = `u.id, u.tenant_id, u.username, u.username_sort, u.name, u.email, u.mobile_phone, u.external_id,
  u.is_active, u.created_at, u.updated_at, u.scim, u.xmin`;

/** The user's groups, as one JSON array (SCIM's read-only `groups`; toScimUser orders them). */
const GROUPS = `coalesce((
    SELECT json_agg(json_build_object('id', g.id, 'displayName', g.name))
      FROM group_members m JOIN user_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
     WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id), '[]'::json) AS groups`;

/**
 * The SCIM reads of one tenant's users (issue 17). Filters and sorting are the parsed filter's SQL
 * (scim-user-filter.ts); only registered users are SCIM users.
 */
export class ScimUsersRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
    private readonly later: Later,
  ) {}

  /** The registered user with this id, with its groups when asked. */
  async get(id: string, withGroups: boolean): Promise<ScimUserRow | null> {
    if (!UUID.test(id)) return null;
    const rows: ScimUserRow[] = await this.manager.query(
      `SELECT ${COLUMNS}${withGroups ? `, ${GROUPS}` : ''}
         FROM end_users u WHERE u.tenant_id = $1 AND u.id = $2 AND u.kind = 'registered'`,
      [this.tenantId, id],
    );
    return rows[0] ?? null;
  }

  /**
   * Locks a registered user for a change and reads, in one statement, all a SCIM write needs: the row (with its
   * groups when the answer shows them), its last login, its class while active, which with is_active gives its
   * class before and, when neither its address nor its kind changes, after the write, and the version the row will
   * have once this transaction writes it (its id: xmin is the writing transaction's 32-bit id).
   */
  async lockForWrite(id: string, withGroups: boolean): Promise<LockedScimUser | null> {
    if (!UUID.test(id)) return null;
    const classWhileActive = activeLicenseClassSql(TENANT_LICENSE_SETTINGS).replaceAll(
      `:${TENANT_LICENSE_SETTINGS.tenantParameter}`,
      '$1',
    );
    const rows: LockedScimUser[] = await this.manager.query(
      `SELECT ${COLUMNS}${withGroups ? `, ${GROUPS}` : ''}, u.last_login_at AS "lastLoginAt",
              ${classWhileActive} AS "classWhileActive",
              (pg_current_xact_id()::text::bigint % 4294967296)::text AS "versionWritten"
         FROM end_users u
        WHERE u.tenant_id = $1 AND u.id = $2 AND u.kind = 'registered' FOR UPDATE OF u`,
      [this.tenantId, id],
    );
    return rows[0] ?? null;
  }

  /**
   * Writes a SCIM change to a locked user in one statement, deriving the username's compared columns as the entity
   * subscriber does. It goes with the transaction's next message (the COMMIT, for a deactivation): nothing needs
   * its result, the row's new version being the locked read's `versionWritten`.
   */
  write(id: string, fields: ScimUserFields): void {
    const { usernameKey, usernameSort } = usernameColumns(fields.username);
    const params: unknown[] = [
      this.tenantId,
      id,
      fields.username,
      usernameKey,
      usernameSort,
      fields.name,
      fields.email,
      fields.mobilePhone,
      fields.externalId,
      fields.isActive,
      fields.scim === null ? null : JSON.stringify(fields.scim),
      fields.updatedAt,
    ];
    const password = fields.passwordHash === undefined ? '' : `, password_hash = $${params.push(fields.passwordHash)}`;
    this.later({
      text: `UPDATE end_users SET username = $3, username_key = $4, username_sort = $5, name = $6, email = $7,
               mobile_phone = $8, external_id = $9, is_active = $10, scim = $11::jsonb, updated_at = $12${password}
         WHERE tenant_id = $1 AND id = $2`,
      parameters: params,
    });
  }

  /** The row version of a registered user, locking the row for the caller's change (DELETE); null when none. */
  async lockVersion(id: string): Promise<string | null> {
    if (!UUID.test(id)) return null;
    const rows: { version: string }[] = await this.manager.query(
      `SELECT xmin::text AS version FROM end_users WHERE tenant_id = $1 AND id = $2 AND kind = 'registered' FOR UPDATE`,
      [this.tenantId, id],
    );
    return rows[0]?.version ?? null;
  }

  /**
   * One page of the query's users, with their groups when asked. The page is chosen first (a materialized CTE, so
   * the groups are read for its rows alone), then the groups of all its users in one join, not a sub-select per
   * user: each sub-select paid for row-level security's set-up again, and for a sort of its own (toScimUser orders
   * a user's groups). The pairs come as JSON arrays, the cheapest shape for PostgreSQL to write and for pg to read.
   */
  async page(query: ScimUserQuery, paging: ScimUserPaging): Promise<ScimUserRow[]> {
    const params: unknown[] = [this.tenantId];
    const where = scimUserWhereSql(query.filter, 'u', params);
    let order = 'u.id';
    let window: string;
    if ('startIndex' in paging) {
      if (query.sort) order = scimUserOrderBySql(query.sort.by, query.sort.order, 'u');
      params.push(paging.count, paging.startIndex - 1);
      window = `ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`;
    } else {
      const after = paging.afterId === null ? '' : `AND u.id > $${params.push(paging.afterId)} `;
      params.push(paging.count);
      window = `${after}ORDER BY u.id LIMIT $${params.length}`;
    }
    const page = `SELECT ${PAGE_COLUMNS} FROM end_users u WHERE u.tenant_id = $1 AND ${where} ${window}`;
    if (!query.withGroups) return this.manager.query(`SELECT ${COLUMNS} FROM (${page}) u ORDER BY ${order}`, params);
    const rows: (ScimUserRow & { groupPairs: [string, string][] | null })[] = await this.manager.query(
      `WITH page AS MATERIALIZED (${page}),
            page_groups AS (
              SELECT m.user_id, json_agg(json_build_array(g.id, g.name)) AS pairs
                FROM page p
                JOIN group_members m ON m.tenant_id = p.tenant_id AND m.user_id = p.id
                JOIN user_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
               GROUP BY m.user_id)
       SELECT ${COLUMNS}, pgs.pairs AS "groupPairs" FROM page u LEFT JOIN page_groups pgs ON pgs.user_id = u.id
        ORDER BY ${order}`,
      params,
    );
    return rows.map(({ groupPairs, ...row }) => ({
      ...row,
      groups: (groupPairs ?? []).map(([id, displayName]) => ({ id, displayName })),
    }));
  }

  /** How many users the filter matches (SCIM's totalResults). */
  async count(filter: ScimUserFilter | null): Promise<number> {
    const params: unknown[] = [this.tenantId];
    const where = scimUserWhereSql(filter, 'u', params);
    const [row] = await this.manager.query(
      `SELECT count(*)::int AS count FROM end_users u WHERE u.tenant_id = $1 AND ${where}`,
      params,
    );
    return row.count;
  }

  /** Which of these ids are registered users of the tenant (group members must be). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    const uuids = ids.filter((id) => UUID.test(id));
    if (uuids.length === 0) return new Set();
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM end_users WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND kind = 'registered'`,
      [this.tenantId, uuids],
    );
    return new Set(rows.map((row) => row.id));
  }
}
