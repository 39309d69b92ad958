import { normalizeUsername, type UsageClass } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { EndUser } from '../entities/end-user.entity.js';
import { type JsonPageOptions, jsonPageQuery, keysetIds, type PageQuery, paginateAsJson } from '../keyset.js';
import { activeLicenseClassSql, licenseClassSql, TENANT_LICENSE_SETTINGS } from '../license-class-sql.js';
import { emailTakenInTenant } from '../queries/end-users.js';
import { TenantScopedRepository } from '../tenant-scoped.js';
import {
  filterUsers,
  bindLicenseSettings,
  USER_JSON,
  USER_SORT_ORDERS,
  type UserListFilter,
  type UserSort,
} from './end-user-list.js';
import { found } from './errors.js';

/** A page of the user list: which one, in which order. */
export interface UserListPage extends PageQuery {
  sort: UserSort;
}

/** The statements a page of the user list runs, as [sql, parameters]. */
export interface UserListStatements {
  /** The statement that answers the page. */
  page: [string, unknown[]];
  /** With a search: the page's ids, picked first (part of `page`, and what makes it cheap). */
  ids?: [string, unknown[]];
}

/** The end users of one tenant. */
export class EndUsersRepository extends TenantScopedRepository<EndUser> {
  constructor(manager: EntityManager, tenantId: string) {
    super(manager, EndUser, tenantId, 'User');
  }

  /** Users among `ids`, locked in id order (the order every writer locks users in, so none deadlock). */
  lockMany(ids: readonly string[]): Promise<EndUser[]> {
    return this.query('u').andWhere('u.id = ANY(:ids)', { ids }).orderBy('u.id').setLock('pessimistic_write').getMany();
  }

  /**
   * Checks the user exists and holds it (FOR KEY SHARE, the lock a foreign key to it takes) until the
   * transaction ends: a single grant or membership takes it before writing its row, as a bulk action
   * locks its users before writing theirs, so the two wait for each other in one order, never in a cycle.
   */
  async hold(id: string): Promise<void> {
    const rows: unknown[] = await this.manager.query(
      'SELECT 1 FROM end_users WHERE tenant_id = $1 AND id = $2 FOR KEY SHARE',
      [this.tenantId, id],
    );
    found(rows[0], 'User', id);
  }

  /** A user's username and password hash (which entity reads leave out: null when it has none). */
  async credentialsOf(userId: string): Promise<{ username: string | null; passwordHash: string | null }> {
    const rows: { username: string | null; password_hash: string | null }[] = await this.manager.query(
      'SELECT username, password_hash FROM end_users WHERE tenant_id = $1 AND id = $2',
      [this.tenantId, userId],
    );
    const row = found(rows[0], 'User', userId);
    return { username: row.username, passwordHash: row.password_hash };
  }

  /** The user a login names (by its username's key), with the password hash entity reads leave out. */
  findForLogin(usernameKey: string): Promise<EndUser | null> {
    return this.query('u').addSelect('u.passwordHash').andWhere('u.username_key = :key', { key: usernameKey }).getOne();
  }

  /**
   * The user a username names (API.md §10), compared as uniqueness compares them (normalizeUsername, through
   * end_users_username_key), or null.
   */
  findByUsername(username: string): Promise<EndUser | null> {
    return this.query('u')
      .andWhere('u.username_key = :key', { key: normalizeUsername(username) })
      .getOne();
  }

  /** Whether another user of the tenant has this address, ignoring case; see emailTakenInTenant. */
  emailTaken(email: string, exceptUserId: string): Promise<boolean> {
    return emailTakenInTenant(this.manager, this.tenantId, email, exceptUserId);
  }

  /** Deletes the users among `ids`; returns how many went. */
  async deleteMany(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows: unknown[] = await this.manager.query(
      'DELETE FROM end_users WHERE tenant_id = $1 AND id = ANY($2) RETURNING id',
      [this.tenantId, ids],
    );
    return rows.length;
  }

  /** Sets whether the users among `ids` are active, at `updatedAt`. */
  async setActiveMany(ids: readonly string[], isActive: boolean, updatedAt: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.query(
      'UPDATE end_users SET is_active = $3, updated_at = $4 WHERE tenant_id = $1 AND id = ANY($2)',
      [this.tenantId, ids, isActive, updatedAt],
    );
  }

  /**
   * The licensing class (DESIGN.md §3) of each of the users among `ids`, computed now from their rows and their
   * tenant's and environment's settings (the same SQL as the counting), in one statement.
   */
  async licenseClasses(ids: readonly string[]): Promise<Map<string, UsageClass>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; license_class: UsageClass }[] = await bindLicenseSettings(this.query('u'), this.tenantId)
      .select('u.id', 'id')
      .addSelect(licenseClassSql(TENANT_LICENSE_SETTINGS), 'license_class')
      .andWhere('u.id = ANY(:ids)', { ids })
      .getRawMany();
    return new Map(rows.map((row) => [row.id, row.license_class]));
  }

  /**
   * The class each of the users among `ids` has while active (never 'inactive'): a bulk (de)activation reads it
   * once for both its before and after, rather than reading every user's class twice.
   */
  async classesWhileActive(ids: readonly string[]): Promise<Map<string, Exclude<UsageClass, 'inactive'>>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; license_class: Exclude<UsageClass, 'inactive'> }[] = await bindLicenseSettings(
      this.query('u'),
      this.tenantId,
    )
      .select('u.id', 'id')
      .addSelect(activeLicenseClassSql(TENANT_LICENSE_SETTINGS), 'license_class')
      .andWhere('u.id = ANY(:ids)', { ids })
      .getRawMany();
    return new Map(rows.map((row) => [row.id, row.license_class]));
  }

  /** One user's licensing class now; RecordNotFound when it is not in the tenant. */
  async licenseClassOf(id: string): Promise<UsageClass> {
    return found((await this.licenseClasses([id])).get(id), 'User', id);
  }

  /** A page of the tenant's users matching the filter, as JSON text built by PostgreSQL (API.md §5). */
  listAsJson(filter: UserListFilter, page: UserListPage): Promise<string> {
    return paginateAsJson(this.list(filter), page, USER_SORT_ORDERS[page.sort], USER_JSON, this.pageOptions(filter));
  }

  /** How many of the tenant's users match the filter (API.md §10): one COUNT, answered from the tenant's indexes. */
  async count(filter: UserListFilter): Promise<number> {
    const row = await this.countQuery(filter).getRawOne<{ count: number }>();
    return row?.count ?? 0;
  }

  /** Exactly the SQL count runs, for tests that EXPLAIN it. */
  countStatement(filter: UserListFilter): [string, unknown[]] {
    return this.countQuery(filter).getQueryAndParameters();
  }

  /** Exactly the SQL listAsJson runs for a page, for tests that EXPLAIN it. */
  listStatements(filter: UserListFilter, page: UserListPage): UserListStatements {
    const order = USER_SORT_ORDERS[page.sort];
    const options = this.pageOptions(filter);
    const statements: UserListStatements = {
      page: jsonPageQuery(this.list(filter), page, order, USER_JSON, options).getQueryAndParameters(),
    };
    if (options.idsFirst) {
      statements.ids = keysetIds(this.list(filter), page, order, options.tenantColumn).getQueryAndParameters();
    }
    return statements;
  }

  /** count(*), not TypeORM's getCount (a count of distinct ids): a user is one row, and DISTINCT costs a sort. */
  private countQuery(filter: UserListFilter) {
    return this.list(filter).select('count(*)::int', 'count');
  }

  /** The filtered list, with the settings its items' licensing class (and a filter on it) reads. */
  private list(filter: UserListFilter) {
    return filterUsers(bindLicenseSettings(this.query('u'), this.tenantId), this.tenantId, filter);
  }

  /**
   * A search is answered from the username sort index's own entries (it includes what search reads): the page's
   * ids first, then the items, which need the licensing settings' parameter bound again.
   */
  private pageOptions(filter: UserListFilter): JsonPageOptions {
    if (filter.search === undefined) return {};
    return {
      idsFirst: true,
      itemJoins: (items) => bindLicenseSettings(items, this.tenantId),
      tenantColumn: 'u.tenant_id',
    };
  }
}
