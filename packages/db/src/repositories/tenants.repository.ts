import type { DeepPartial, EntityManager } from 'typeorm';
import { Tenant } from '../entities/tenant.entity.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import { getById } from './account-rows.js';

const BY_NAME = { expression: 'lower(t.name)', idColumn: 't.id' };

/** The tenants of accounts (no row-level security: the scope resolver reads them before any scope). */
export class TenantsRepository {
  constructor(private readonly manager: EntityManager) {}

  create(values: DeepPartial<Tenant>): Tenant {
    return this.manager.create(Tenant, values);
  }

  save(tenant: Tenant): Promise<Tenant> {
    return this.manager.save(tenant);
  }

  get(id: string, options: { lock?: boolean } = {}): Promise<Tenant> {
    return getById(this.manager, Tenant, 'Tenant', id, options);
  }

  /** A page of the environment's tenants by name; `visible` (a tenant-admin's) narrows it, null = all. */
  list(environmentId: string, visible: readonly string[] | null, page: PageQuery): Promise<Page<Tenant>> {
    const query = this.manager
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .where('t.environment_id = :environmentId', { environmentId });
    if (visible !== null) query.andWhere('t.id = ANY(:visible)', { visible });
    return paginate(query, page, BY_NAME);
  }

  /** Deletes the tenant (its users, groups and grants cascade) and takes it off every tenant-admin's list. */
  async delete(id: string): Promise<void> {
    await this.manager.query(
      'UPDATE operators SET tenant_ids = array_remove(tenant_ids, $1) WHERE $1 = ANY(tenant_ids)',
      [id],
    );
    await this.manager.query(
      'UPDATE api_keys SET tenant_ids = array_remove(tenant_ids, $1) WHERE $1 = ANY(tenant_ids)',
      [id],
    );
    await this.manager.delete(Tenant, { id });
  }

  /** Which of `ids` are tenants of the account. */
  async ofAccount(accountId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.manager.query(
      'SELECT id FROM tenants WHERE account_id = $1 AND id = ANY($2)',
      [accountId, ids],
    );
    return new Set(rows.map((row) => row.id));
  }
}
