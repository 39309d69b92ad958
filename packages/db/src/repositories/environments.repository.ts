import type { DeepPartial, EntityManager } from 'typeorm';
import { Environment } from '../entities/environment.entity.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import { getById } from './account-rows.js';

const BY_NAME = { expression: 'lower(e.name)', idColumn: 'e.id' };

/** The environments of accounts (no row-level security: the scope resolver reads them before any scope). */
export class EnvironmentsRepository {
  constructor(private readonly manager: EntityManager) {}

  create(values: DeepPartial<Environment>): Environment {
    return this.manager.create(Environment, values);
  }

  save(environment: Environment): Promise<Environment> {
    return this.manager.save(environment);
  }

  get(id: string, options: { lock?: boolean } = {}): Promise<Environment> {
    return getById(this.manager, Environment, 'Environment', id, options);
  }

  /** A page of the account's environments by name; `visible` (a tenant-admin's) narrows it, null = all. */
  list(accountId: string, visible: readonly string[] | null, page: PageQuery): Promise<Page<Environment>> {
    const query = this.manager
      .getRepository(Environment)
      .createQueryBuilder('e')
      .where('e.account_id = :accountId', { accountId });
    if (visible !== null) query.andWhere('e.id = ANY(:visible)', { visible });
    return paginate(query, page, BY_NAME);
  }

  async tenantCount(id: string): Promise<number> {
    const [{ count }] = await this.manager.query(
      'SELECT count(*)::int AS count FROM tenants WHERE environment_id = $1',
      [id],
    );
    return count as number;
  }

  async delete(id: string): Promise<void> {
    await this.manager.delete(Environment, { id });
  }
}
