import type { CountsSnapshot } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import type { EnvironmentKind } from '../entities/environment.entity.js';
import { Tenant } from '../entities/tenant.entity.js';
import { isoTime } from './end-user-list.js';
import { type KeysetOrder, type Page, type PageQuery, paginateAsJson } from '../keyset.js';

/** A client tenant with the counts in force for it (nulls before its first count). */
export interface TenantLatestUsage {
  tenantId: string;
  name: string;
  environment: { id: string; name: string; kind: EnvironmentKind };
  internal: number | null;
  external: number | null;
  named: number | null;
  anonymous: number | null;
  inactive: number | null;
  /** Since when these counts hold (the read that first found them). */
  changedAt: string | null;
  /** The newest read that found them. */
  computedAt: string | null;
}

export const TENANT_USAGE_SORTS = ['name', 'internal', 'external', 'named', 'anonymous', 'inactive'] as const;
export type TenantUsageSort = (typeof TENANT_USAGE_SORTS)[number] | `-${(typeof TENANT_USAGE_SORTS)[number]}`;

export interface TenantUsageFilter {
  /** One tenant's row (what a page about that tenant reads). */
  tenantId?: string;
  environmentId?: string;
  kind?: EnvironmentKind;
}

const ITEM = `json_build_object(
  'tenantId', t.id, 'name', t.name, 'environment', json_build_object('id', e.id, 'name', e.name, 'kind', e.kind),
  'internal', l.internal, 'external', l.external, 'named', l.named, 'anonymous', l.anonymous, 'inactive', l.inactive,
  'changedAt', ${isoTime('l.data_as_of')}, 'computedAt', ${isoTime('l.confirmed_at')})`;

/** Sorting on a count puts tenants not counted yet after every counted one (descending) or before (ascending). */
function orderOf(sort: TenantUsageSort): KeysetOrder {
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const expression = key === 'name' ? 'lower(t.name)' : `coalesce(l.${key}, -1)`;
  return { expression, idColumn: 't.id', descending };
}

/**
 * The per-tenant usage of one account (issue 16): each tenant's counts in force, and a tenant's series over a
 * window. Row-level security holds tenant_usage* to the bound account; every query names it too.
 */
export class TenantUsageRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly accountId: string | null,
  ) {}

  /** A page of the account's tenants (filtered by environment or its kind) with their latest counts. */
  async page(filter: TenantUsageFilter, sort: TenantUsageSort, page: PageQuery): Promise<Page<TenantLatestUsage>> {
    const query = this.manager
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .innerJoin('environments', 'e', 'e.id = t.environment_id')
      .leftJoin('tenant_usage_latest', 'l', 'l.tenant_id = t.id')
      .where('t.account_id = :accountId', { accountId: this.accountId });
    if (filter.tenantId) query.andWhere('t.id = :tenantId', { tenantId: filter.tenantId });
    if (filter.environmentId) query.andWhere('e.id = :environmentId', { environmentId: filter.environmentId });
    if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
    return JSON.parse(await paginateAsJson(query, page, orderOf(sort), ITEM)) as Page<TenantLatestUsage>;
  }

  /**
   * One tenant's series within [from, to), with the step in force at `from`, and the newest read that confirmed
   * the series (null: never counted). Values hold from their time until the next one's.
   */
  async series(tenantId: string, from: Date, to: Date): Promise<{ steps: CountsSnapshot[]; knownUntil: Date | null }> {
    const steps: (CountsSnapshot & { at: Date })[] = await this.manager.query(
      `SELECT data_as_of AS at, internal, external, named FROM tenant_usage s
        WHERE account_id = $1 AND tenant_id = $2 AND data_as_of < $4
          AND data_as_of >= coalesce(
                (SELECT max(data_as_of) FROM tenant_usage p
                  WHERE p.account_id = $1 AND p.tenant_id = $2 AND p.data_as_of <= $3), $3)
        ORDER BY data_as_of, computed_at`,
      [this.accountId, tenantId, from, to],
    );
    const [head] = (await this.manager.query(
      'SELECT confirmed_at AS "confirmedAt" FROM tenant_usage_latest WHERE account_id = $1 AND tenant_id = $2',
      [this.accountId, tenantId],
    )) as { confirmedAt: Date }[];
    return { steps, knownUntil: head?.confirmedAt ?? null };
  }
}
