import type { RoleGrant } from '@roster/domain';
import type { EntityManager } from 'typeorm';

/**
 * In one round trip: whether the user exists and is active, and every way it holds a role (direct
 * grants, then grants to each group it is in), each with its expiry. No row: no such user in the tenant; one
 * row with NULL grant columns: a user without grants. Expired grants the worker has not removed yet are read
 * too: whether a grant counts is decided when the state is used, at the reader's clock (grantsInForce), so a
 * state read (and cached) before a grant's instant stops counting it at that instant.
 */
const USER_ROLE_STATE = `
  SELECT u.is_active AS "userActive", g.key, g.name, g."applicationKey", g."isActive", g."groupId", g."groupName",
         g."expiresAt"
  FROM end_users u
  LEFT JOIN LATERAL (
    SELECT r.key, r.name, a.key AS "applicationKey", r.is_active AS "isActive",
           NULL::uuid AS "groupId", NULL::text AS "groupName", ur.expires_at AS "expiresAt"
    FROM user_roles ur
    JOIN roles r ON r.id = ur.role_id
    JOIN applications a ON a.id = r.application_id
    WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id
    UNION ALL
    SELECT r.key, r.name, a.key, r.is_active, g.id, g.name, gr.expires_at
    FROM group_members m
    JOIN user_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
    JOIN group_roles gr ON gr.tenant_id = m.tenant_id AND gr.group_id = m.group_id
    JOIN roles r ON r.id = gr.role_id
    JOIN applications a ON a.id = r.application_id
    WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id
  ) g ON true
  WHERE u.tenant_id = $1 AND u.id = $2`;

/** The group's grants in force at $3. */
const GRANTS_OF_GROUP = `
  SELECT r.key, r.name, r.description, a.key AS "applicationKey", r.is_active AS "isActive",
         gr.expires_at AS "expiresAt"
  FROM group_roles gr
  JOIN roles r ON r.id = gr.role_id
  JOIN applications a ON a.id = r.application_id
  WHERE gr.tenant_id = $1 AND gr.group_id = $2 AND (gr.expires_at IS NULL OR gr.expires_at > $3)
  ORDER BY r.key`;

/**
 * The grants of the role that some of the users (a set) hold already, expired or not, locked until the transaction
 * ends (in user order, as every writer of several grants takes them).
 */
const LOCK_USER_GRANTS = `
  SELECT user_id, expires_at FROM user_roles
  WHERE tenant_id = $1 AND role_id = $2 AND user_id = ANY($3::uuid[])
  ORDER BY user_id
  FOR UPDATE`;

/**
 * Sets each user's grant of the role to expire at $4 (NULL: never) in one statement: creates the grants that are
 * missing, changes the expiry of those that differ, leaves those already so. Returns whose grant it wrote.
 */
const SET_USER_GRANTS = `
  INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id, expires_at)
  SELECT $1::uuid, $2::uuid, user_id, $3::uuid, $4::timestamptz
  FROM (SELECT DISTINCT unnest($5::uuid[]) AS user_id) AS given
  ON CONFLICT (tenant_id, user_id, role_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
    WHERE user_roles.expires_at IS DISTINCT FROM EXCLUDED.expires_at
  RETURNING user_id`;

/** The grants one tenant's sweep removes: expired at the database's now, oldest first, skipping locked ones. */
const REMOVE_EXPIRED = (table: 'user_roles' | 'group_roles', holder: 'user_id' | 'group_id') => `
  WITH gone AS (
    DELETE FROM ${table} AS grants
    WHERE grants.tenant_id = $1 AND (grants.${holder}, grants.role_id) IN (
      SELECT ${holder}, role_id FROM ${table}
      WHERE tenant_id = $1 AND expires_at <= now()
      ORDER BY expires_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED)
    RETURNING grants.${holder} AS "holderId", grants.role_id, grants.expires_at)
  SELECT gone."holderId", r.key, r.name, gone.expires_at AS "expiresAt"
  FROM gone JOIN roles r ON r.id = gone.role_id
  ORDER BY gone.expires_at, gone."holderId", r.key`;

interface RoleStateRow {
  userActive: boolean;
  key: string | null;
  name: string;
  applicationKey: string;
  isActive: boolean;
  groupId: string | null;
  groupName: string | null;
  expiresAt: Date | null;
}

/** Whether a user is active, and every way it holds a role. */
export interface StoredRoleState {
  isActive: boolean;
  grants: RoleGrant[];
}

/** A role granted to a group, as the API lists it: `expiresAt` only when the grant expires. */
export interface GroupGrant {
  key: string;
  name: string;
  description: string;
  applicationKey: string;
  isActive: boolean;
  expiresAt?: string;
}

/** What setting one grant found and did. */
export interface GrantWrite {
  /** The grant as it was (expired or not), or null when there was none. */
  previous: { expiresAt: Date | null } | null;
  /** False when the grant was there already with that very expiry: nothing was written. */
  changed: boolean;
}

/** A grant the expiry sweep removed, as it was. */
export interface RemovedGrant {
  holder: { type: 'user' | 'group'; id: string };
  role: { key: string; name: string };
  expiresAt: Date;
}

const sameInstant = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The role grants of one tenant, to users directly and to groups. */
export class GrantsRepository {
  constructor(
    private readonly manager: EntityManager,
    readonly tenantId: string,
    /** Grants name the environment of their role, which is the tenant's. */
    readonly environmentId: string,
  ) {}

  /** Whether the user is active and every way it holds a role; null when the tenant has no such user. */
  async roleStateOf(userId: string): Promise<StoredRoleState | null> {
    const rows: RoleStateRow[] = await this.manager.query(USER_ROLE_STATE, [this.tenantId, userId]);
    const first = rows[0];
    if (!first) return null;
    const grants: RoleGrant[] = rows.flatMap(
      ({ key, name, applicationKey, isActive, groupId, groupName, expiresAt }) => {
        if (key === null) return [];
        const expiry = expiresAt ? { expiresAt: expiresAt.toISOString() } : {};
        return [
          {
            role: { key, name, applicationKey, isActive },
            source: groupId
              ? { type: 'group', groupId, groupName: groupName ?? '', ...expiry }
              : { type: 'direct', ...expiry },
          },
        ];
      },
    );
    return { isActive: first.userActive, grants };
  }

  /** The roles granted to the group and still in force at `at` (the caller's clock), by key. */
  async rolesOfGroup(groupId: string, at: Date): Promise<GroupGrant[]> {
    const rows: (Omit<GroupGrant, 'expiresAt'> & { expiresAt: Date | null })[] = await this.manager.query(
      GRANTS_OF_GROUP,
      [this.tenantId, groupId, at],
    );
    return rows.map(({ expiresAt, ...grant }) =>
      expiresAt ? { ...grant, expiresAt: expiresAt.toISOString() } : grant,
    );
  }

  /**
   * Sets the users' grants of the role, as setUserGrant does one user's, in two statements whatever their number:
   * creates the missing ones and changes the expiry of those that differ (null: never expires); grants already so
   * are left alone. Returns the grants it wrote, each with the grant as it was (expired or not) or null when new.
   */
  async setUserGrants(
    roleId: string,
    userIds: readonly string[],
    expiresAt: Date | null,
  ): Promise<{ userId: string; previous: { expiresAt: Date | null } | null }[]> {
    if (userIds.length === 0) return [];
    const held = (await this.manager.query(LOCK_USER_GRANTS, [this.tenantId, roleId, userIds])) as {
      user_id: string;
      expires_at: Date | null;
    }[];
    const previous = new Map(held.map((row) => [row.user_id, { expiresAt: row.expires_at }]));
    const written = (await this.manager.query(SET_USER_GRANTS, [
      this.tenantId,
      this.environmentId,
      roleId,
      expiresAt,
      userIds,
    ])) as { user_id: string }[];
    return written.map((row) => ({ userId: row.user_id, previous: previous.get(row.user_id) ?? null }));
  }

  /**
   * Sets the user's grant of the role: creates it, or changes its expiry (null: never expires). The grant's row
   * stays locked until the transaction ends, so two writers of one grant take turns.
   */
  setUserGrant(userId: string, roleId: string, expiresAt: Date | null): Promise<GrantWrite> {
    return this.setGrant('user_roles', 'user_id', userId, roleId, expiresAt);
  }

  /** Sets the group's grant of the role, as setUserGrant does a user's. */
  setGroupGrant(groupId: string, roleId: string, expiresAt: Date | null): Promise<GrantWrite> {
    return this.setGrant('group_roles', 'group_id', groupId, roleId, expiresAt);
  }

  private async setGrant(
    table: 'user_roles' | 'group_roles',
    holder: 'user_id' | 'group_id',
    holderId: string,
    roleId: string,
    expiresAt: Date | null,
  ): Promise<GrantWrite> {
    const [found] = (await this.manager.query(
      `SELECT expires_at FROM ${table} WHERE tenant_id = $1 AND ${holder} = $2 AND role_id = $3 FOR UPDATE`,
      [this.tenantId, holderId, roleId],
    )) as { expires_at: Date | null }[];
    const previous = found ? { expiresAt: found.expires_at } : null;
    if (previous && sameInstant(previous.expiresAt, expiresAt)) return { previous, changed: false };
    // A grant made meanwhile by another transaction (nothing was there to lock) is overwritten, not duplicated.
    await this.manager.query(
      `INSERT INTO ${table} (tenant_id, environment_id, ${holder}, role_id, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, ${holder}, role_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [this.tenantId, this.environmentId, holderId, roleId, expiresAt],
    );
    return { previous, changed: true };
  }

  /** Revokes the role from the users in one statement; returns who held it, each with its grant as it was. */
  async revokeFromUsers(
    roleId: string,
    userIds: readonly string[],
  ): Promise<{ userId: string; grant: { expiresAt: Date | null } }[]> {
    if (userIds.length === 0) return [];
    const [rows] = (await this.manager.query(
      `DELETE FROM user_roles WHERE tenant_id = $1 AND role_id = $2 AND user_id = ANY($3)
       RETURNING user_id, expires_at`,
      [this.tenantId, roleId, userIds],
    )) as [{ user_id: string; expires_at: Date | null }[], number];
    return rows.map((row) => ({ userId: row.user_id, grant: { expiresAt: row.expires_at } }));
  }

  /**
   * Whether the user holds a direct grant in force at `at` (the caller's clock): one past its expiry that the
   * worker has not removed yet counts for nothing, as in effective roles. A grant of an inactive role counts: it
   * is kept, and grants again once the role is declared again.
   */
  async holdsDirectGrant(userId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM user_roles
       WHERE tenant_id = $1 AND user_id = $2 AND (expires_at IS NULL OR expires_at > $3) LIMIT 1`,
      [this.tenantId, userId, at],
    );
    return rows.length > 0;
  }

  /** Removes the user's grant of the role; returns it as it was (expired or not), or null when there was none. */
  revokeUserGrant(userId: string, roleId: string): Promise<{ expiresAt: Date | null } | null> {
    return this.removeGrant('user_roles', 'user_id', userId, roleId);
  }

  /** Removes the group's grant of the role, as revokeUserGrant does a user's. */
  revokeGroupGrant(groupId: string, roleId: string): Promise<{ expiresAt: Date | null } | null> {
    return this.removeGrant('group_roles', 'group_id', groupId, roleId);
  }

  private async removeGrant(
    table: 'user_roles' | 'group_roles',
    holder: 'user_id' | 'group_id',
    holderId: string,
    roleId: string,
  ): Promise<{ expiresAt: Date | null } | null> {
    const [rows] = (await this.manager.query(
      `DELETE FROM ${table} WHERE tenant_id = $1 AND ${holder} = $2 AND role_id = $3 RETURNING expires_at`,
      [this.tenantId, holderId, roleId],
    )) as [{ expires_at: Date | null }[], number];
    return rows[0] ? { expiresAt: rows[0].expires_at } : null;
  }

  /**
   * Removes up to `limit` of the tenant's grants that expired by the database's now (direct ones, then group
   * ones while the limit allows), oldest first; grants another transaction holds are left for the next run.
   * Returns what went, for the sweep's change events.
   */
  async removeExpired(limit: number): Promise<RemovedGrant[]> {
    const removed: RemovedGrant[] = [];
    for (const [table, holder, type] of [
      ['user_roles', 'user_id', 'user'],
      ['group_roles', 'group_id', 'group'],
    ] as const) {
      if (removed.length >= limit) break;
      const rows = (await this.manager.query(REMOVE_EXPIRED(table, holder), [
        this.tenantId,
        limit - removed.length,
      ])) as { holderId: string; key: string; name: string; expiresAt: Date }[];
      for (const row of rows) {
        removed.push({
          holder: { type, id: row.holderId },
          role: { key: row.key, name: row.name },
          expiresAt: row.expiresAt,
        });
      }
    }
    return removed;
  }
}
