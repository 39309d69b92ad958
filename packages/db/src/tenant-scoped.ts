import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
  QueryDeepPartialEntity,
  SelectQueryBuilder,
} from 'typeorm';

import { found } from './repositories/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row that belongs to exactly one tenant. */
export interface TenantOwned extends ObjectLiteral {
  tenantId: string;
}

/** Conditions on a tenant-owned entity: the tenant is never the caller's to choose. */
export type ScopedWhere<T> = Omit<FindOptionsWhere<T>, 'tenantId'>;

/**
 * Data access for one tenant's rows (DESIGN.md §5). The tenant id is fixed at construction and added
 * to every query, and the types leave no way to pass another one; constructing it without a valid
 * tenant id throws, so code that lost its scope fails closed instead of reading every tenant.
 */
export class TenantScopedRepository<T extends TenantOwned> {
  constructor(
    protected readonly manager: EntityManager,
    private readonly entity: EntityTarget<T>,
    readonly tenantId: string,
    /** What a person calls one row, for "Group … was not found". */
    private readonly resource = 'Row',
  ) {
    if (typeof tenantId !== 'string' || !UUID.test(tenantId)) {
      throw new Error('A tenant-scoped repository needs the tenant id of the request');
    }
  }

  private where(where: ScopedWhere<T>): FindOptionsWhere<T> {
    return { ...where, tenantId: this.tenantId } as FindOptionsWhere<T>;
  }

  findOne(where: ScopedWhere<T>, options: { lock?: boolean } = {}): Promise<T | null> {
    return this.manager.findOne(this.entity, {
      where: this.where(where),
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The row with this id, or RecordNotFound; `lock` holds it until the transaction ends. */
  async get(id: string, options: { lock?: boolean } = {}): Promise<T> {
    return found(await this.findOne({ id } as unknown as ScopedWhere<T>, options), this.resource, id);
  }

  exists(where: ScopedWhere<T>): Promise<boolean> {
    return this.manager.exists(this.entity, { where: this.where(where) });
  }

  /** A query builder already restricted to the tenant; add conditions with andWhere. */
  query(alias: string): SelectQueryBuilder<T> {
    return this.manager
      .createQueryBuilder(this.entity, alias)
      .where(`${alias}.tenant_id = :scopeTenantId`, { scopeTenantId: this.tenantId });
  }

  create(values: Omit<DeepPartial<T>, 'tenantId'>): T {
    return this.manager.create(this.entity, { ...values, tenantId: this.tenantId } as DeepPartial<T>);
  }

  async save(row: T): Promise<T> {
    if (row.tenantId !== this.tenantId) throw new Error('Refusing to save a row of another tenant');
    return this.manager.save(this.entity, row);
  }

  /**
   * Inserts a new row: one statement, where save would first read the row to choose between INSERT and
   * UPDATE (a round trip while the transaction holds its connection).
   */
  async insert(row: T): Promise<void> {
    if (row.tenantId !== this.tenantId) throw new Error('Refusing to insert a row of another tenant');
    await this.manager.insert(this.entity, row as never);
  }

  /** Inserts rows in one statement, skipping those already present; returns the rows really inserted. */
  async insertIgnoringDuplicates(rows: Omit<DeepPartial<T>, 'tenantId'>[]): Promise<ObjectLiteral[]> {
    if (rows.length === 0) return [];
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(this.entity)
      .values(rows.map((row) => ({ ...row, tenantId: this.tenantId })) as never)
      .orIgnore()
      .returning('*')
      .execute();
    return result.raw as ObjectLiteral[];
  }

  /** Updates the matching rows of this tenant; returns how many changed. */
  async update(where: ScopedWhere<T>, values: QueryDeepPartialEntity<T>): Promise<number> {
    const result = await this.manager.update(this.entity, this.where(where), values);
    return result.affected ?? 0;
  }

  /** Deletes the matching rows of this tenant; returns how many went. */
  async delete(where: ScopedWhere<T>): Promise<number> {
    const result = await this.manager.delete(this.entity, this.where(where));
    return result.affected ?? 0;
  }
}
