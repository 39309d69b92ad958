import type { EntityManager } from 'typeorm';
import { Role } from '../entities/role.entity.js';
import { found } from './errors.js';

/** The roles the applications of one environment declared, active or not. */
export class EnvironmentRolesRepository {
  constructor(
    private readonly manager: EntityManager,
    readonly environmentId: string,
  ) {}

  /** The role with this key, or RecordNotFound. */
  async get(key: string): Promise<Role> {
    return found(await this.manager.findOneBy(Role, { environmentId: this.environmentId, key }), 'Role', key);
  }

  /** Every role's key and whether it is active: what role checks look keys up in (cached by the API). */
  catalog(): Promise<{ key: string; isActive: boolean }[]> {
    return this.manager.query('SELECT key, is_active AS "isActive" FROM roles WHERE environment_id = $1', [
      this.environmentId,
    ]);
  }

  /** The keys of the applications declared in the environment, in order: an access token's audience. */
  async applicationKeys(): Promise<string[]> {
    const rows: { key: string }[] = await this.manager.query(
      'SELECT key FROM applications WHERE environment_id = $1 ORDER BY key',
      [this.environmentId],
    );
    return rows.map((row) => row.key);
  }
}
