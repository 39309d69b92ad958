import type { EntityManager } from 'typeorm';
import { EndUser } from '../entities/end-user.entity.js';
import { jsonPageQuery, keysetIds, type PageQuery, paginateAsJson } from '../keyset.js';
import { emailTakenInTenant } from '../queries/end-users.js';
import { TenantScopedRepository } from '../tenant-scoped.js';
import { filterUsers, USER_JSON, USER_SORT_ORDERS, type UserListFilter, type UserSort } from './end-user-list.js';
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

  /** A page of the tenant's users matching the filter, as JSON text built by PostgreSQL (API.md §5). */
  listAsJson(filter: UserListFilter, page: UserListPage): Promise<string> {
    return paginateAsJson(
      filterUsers(this.query('u'), this.tenantId, filter),
      page,
      USER_SORT_ORDERS[page.sort],
      USER_JSON,
      {
        idsFirst: idsFirst(filter),
      },
    );
  }

  /** Exactly the SQL listAsJson runs for a page, for tests that EXPLAIN it. */
  listStatements(filter: UserListFilter, page: UserListPage): UserListStatements {
    const order = USER_SORT_ORDERS[page.sort];
    const list = () => filterUsers(this.query('u'), this.tenantId, filter);
    const statements: UserListStatements = {
      page: jsonPageQuery(list(), page, order, USER_JSON, idsFirst(filter)).getQueryAndParameters(),
    };
    if (idsFirst(filter)) statements.ids = keysetIds(list(), page, order).getQueryAndParameters();
    return statements;
  }
}

/** A search is answered from the username sort index's own entries (it includes what search reads). */
const idsFirst = (filter: UserListFilter): boolean => filter.search !== undefined;
