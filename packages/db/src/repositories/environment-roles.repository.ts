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
}
