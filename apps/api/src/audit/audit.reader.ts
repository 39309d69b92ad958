import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiKey, AuditEvent, Operator } from '@roster/db';
import { In, Repository } from 'typeorm';
import { mapPage, paginate } from '@roster/db';
import type { AuditQuery } from './audit.schemas.js';

@Injectable()
export class AuditReader {
  // Plain repositories fit here: the trail is read per account (a tenant is only a filter), read only, outside
  // any transaction. Tenant-owned entities never get one: they are reached only through TenantDataSource.
  constructor(
    @InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>,
    @InjectRepository(Operator) private readonly operators: Repository<Operator>,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
  ) {}

  /** Newest first; ids are UUIDv7, so ordering by id is ordering by time. */
  async list(where: { accountId: string; tenantId?: string }, filter: AuditQuery) {
    const query = this.events
      .createQueryBuilder('e')
      .where('e.account_id = :accountId', { accountId: where.accountId });
    if (where.tenantId) query.andWhere('e.tenant_id = :tenantId', { tenantId: where.tenantId });
    if (filter.targetId) query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    if (filter.actorId) query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action?.endsWith('.')) query.andWhere('starts_with(e.action, :action)', { action: filter.action });
    else if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.at < :to', { to: filter.to });
    const page = await paginate(query, filter, {
      expression: 'e.id',
      idColumn: 'e.id',
      descending: true,
    });
    const names = await this.actorNames(page.items);
    return mapPage(page, (e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: (e.actorId && names.get(e.actorId)) ?? null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      tenantId: e.tenantId,
      before: e.before,
      after: e.after,
    }));
  }

  /**
   * Today's names of the operators and API keys that acted on a page: two lookups by primary key
   * rather than a join, which keyset pagination does not allow. A deleted actor has no name.
   */
  private async actorNames(events: readonly AuditEvent[]): Promise<Map<string, string>> {
    const idsOf = (type: AuditEvent['actorType']) => [
      ...new Set(events.filter((e) => e.actorType === type && e.actorId).map((e) => e.actorId as string)),
    ];
    const operatorIds = idsOf('operator');
    const apiKeyIds = idsOf('api-key');
    const [operators, apiKeys] = await Promise.all([
      operatorIds.length > 0
        ? this.operators.find({ select: { id: true, username: true }, where: { id: In(operatorIds) } })
        : [],
      apiKeyIds.length > 0 ? this.apiKeys.find({ select: { id: true, name: true }, where: { id: In(apiKeyIds) } }) : [],
    ]);
    return new Map([
      ...operators.map((o): [string, string] => [o.id, o.username]),
      ...apiKeys.map((k): [string, string] => [k.id, k.name]),
    ]);
  }
}
