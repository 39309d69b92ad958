import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiKey } from '../entities/api-key.entity.js';
import { AccountAuditEvent, AuditEvent } from '../entities/audit-event.entity.js';
import { Operator } from '../entities/operator.entity.js';
import { type KeysetOrder, type Page, type PageQuery, mergePages, paginate } from '../keyset.js';

/** What a client may narrow the audit trail to. */
export interface AuditFilter extends PageQuery {
  targetId?: string;
  actorId?: string;
  /** An exact action, or a prefix ending in "." such as "tenant.". */
  action?: string;
  from?: string;
  to?: string;
}

/** An audit event (`tenantId` null: a change of no tenant) with the name its actor has today (null once deleted). */
export type NamedAuditEvent = Omit<AuditEvent, 'tenantId'> & { tenantId: string | null; actorName: string | null };

/** Newest first; ids are UUIDv7, so ordering by id is ordering by time. */
const NEWEST_FIRST: KeysetOrder = { expression: 'e.id', idColumn: 'e.id', descending: true };

/**
 * The audit trail of one account, or of one of its tenants (`tenantId` set). The unit of work binds the same
 * account (and tenant) for row-level security; the conditions here say it again, so the statement does not
 * rest on the policy alone and uses the account's index.
 */
export class AuditRepository {
  constructor(
    private readonly manager: EntityManager,
    /** null: platform-level work, which has no trail of its own (nothing matches). */
    readonly accountId: string | null,
    readonly tenantId: string | null,
  ) {}

  /**
   * Newest first. A tenant's trail is its rows of audit_events; an account's adds account_audit_events (the
   * changes of no tenant): a page of each, after the same cursor, merged (their ids are one UUIDv7 sequence).
   */
  async list(filter: AuditFilter): Promise<Page<NamedAuditEvent>> {
    const ofTenants = this.filtered(this.manager.getRepository(AuditEvent).createQueryBuilder('e'), filter);
    if (this.tenantId) ofTenants.andWhere('e.tenant_id = :tenantId', { tenantId: this.tenantId });
    const pages: Page<AuditEvent | AccountAuditEvent>[] = [await paginate(ofTenants, filter, NEWEST_FIRST)];
    if (!this.tenantId) {
      const ofAccount = this.filtered(this.manager.getRepository(AccountAuditEvent).createQueryBuilder('e'), filter);
      pages.push(await paginate(ofAccount, filter, NEWEST_FIRST));
    }
    const page = mergePages(pages, filter, NEWEST_FIRST, (e) => e.id);
    const names = await this.actorNames(page.items);
    return {
      ...page,
      items: page.items.map((e) =>
        Object.assign(e, {
          tenantId: 'tenantId' in e ? e.tenantId : null,
          actorName: (e.actorId && names.get(e.actorId)) ?? null,
        }),
      ),
    };
  }

  /** The account's rows that pass the client's filters (both tables have these columns). */
  private filtered<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filter: AuditFilter): SelectQueryBuilder<T> {
    query.where('e.account_id = :accountId', { accountId: this.accountId });
    if (filter.targetId) query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    if (filter.actorId) query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action?.endsWith('.')) query.andWhere('starts_with(e.action, :action)', { action: filter.action });
    else if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.at < :to', { to: filter.to });
    return query;
  }

  /**
   * Today's names of the operators and API keys (SCIM tokens are API keys too) that acted on a page: two lookups
   * by primary key rather than a join, which keyset pagination does not allow. A deleted actor has no name.
   * A dormant-user policy is named after where it is set ("Dormant-user policy of Production"), read from its
   * runs (every change a policy makes belongs to one, and they are readable at account and tenant level alike).
   */
  private async actorNames(events: readonly (AuditEvent | AccountAuditEvent)[]): Promise<Map<string, string>> {
    const idsOf = (type: AuditEvent['actorType']) => [
      ...new Set(events.filter((e) => e.actorType === type && e.actorId).map((e) => e.actorId as string)),
    ];
    const operatorIds = idsOf('operator');
    const apiKeyIds = [...idsOf('api-key'), ...idsOf('scim-token')];
    const policyIds = idsOf('lifecycle-policy');
    const [operators, apiKeys, policies] = await Promise.all([
      operatorIds.length > 0
        ? this.manager
            .getRepository(Operator)
            .createQueryBuilder('o')
            .select(['o.id', 'o.username'])
            .where('o.id = ANY(:ids)', { ids: operatorIds })
            .getMany()
        : [],
      apiKeyIds.length > 0
        ? this.manager
            .getRepository(ApiKey)
            .createQueryBuilder('k')
            .select(['k.id', 'k.name'])
            .where('k.id = ANY(:ids)', { ids: apiKeyIds })
            .getMany()
        : [],
      policyIds.length > 0 ? this.policyNames(policyIds) : [],
    ]);
    return new Map([
      ...operators.map((o): [string, string] => [o.id, o.username]),
      ...apiKeys.map((k): [string, string] => [k.id, k.name]),
      ...policies.map((p): [string, string] => [p.id, p.name]),
    ]);
  }

  private policyNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    return this.manager.query(
      `SELECT DISTINCT ON (r.policy_id) r.policy_id::text AS id,
              'Dormant-user policy of ' || coalesce(CASE r.policy_source WHEN 'tenant' THEN t.name ELSE e.name END, '?')
                AS name
         FROM lifecycle_policy_runs r
         LEFT JOIN tenants t ON t.id = r.tenant_id
         LEFT JOIN environments e ON e.id = r.environment_id
        WHERE r.policy_id = ANY($1::uuid[]) AND r.account_id = $2
        ORDER BY r.policy_id, r.id DESC`,
      [ids, this.accountId],
    );
  }
}
