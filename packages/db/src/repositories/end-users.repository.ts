import type { EntityManager } from 'typeorm';
import { EndUser } from '../entities/end-user.entity.js';
import { emailTakenInTenant } from '../queries/end-users.js';
import { TenantScopedRepository } from '../tenant-scoped.js';
import { found } from './errors.js';

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
}
