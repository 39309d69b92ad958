import { Injectable } from '@nestjs/common';
import { AuditEvent, newId } from '@roster/db';
import type { EntityManager } from 'typeorm';
import type { TenantData } from '../common/tenant-data.js';
import { RequestContext } from '../common/request-context.js';

export interface AuditEntry {
  accountId: string | null;
  tenantId?: string | null;
  /** e.g. "tenant.created", "environment.internal-domains.replaced". */
  action: string;
  targetType: string;
  targetId: string;
  before?: object | null;
  after?: object | null;
}

/** A change inside the tenant the request acts on. */
export type TenantAuditEntry = Omit<AuditEntry, 'accountId' | 'tenantId'>;

/** Writes who changed what, before → after, inside the caller's transaction (DESIGN.md §8). */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** Many events in one INSERT (bulk actions write up to a thousand at once). */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const actor = RequestContext.actor;
    const at = new Date();
    const rows = entries.map((entry) => ({
      id: newId(),
      accountId: entry.accountId,
      tenantId: entry.tenantId ?? null,
      actorType: actor.kind,
      actorId: actor.id,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: (entry.before ?? null) as Record<string, unknown> | null,
      after: (entry.after ?? null) as Record<string, unknown> | null,
      at,
    }));
    // jsonb columns defeat TypeORM's deep-partial typing; the rows are complete AuditEvents.
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEvent)
      .values(manager.create(AuditEvent, rows) as never)
      .execute();
  }

  /** Records changes in the request's tenant, in the transaction `data` works in. */
  async recordInTenant(data: TenantData, ...entries: TenantAuditEntry[]): Promise<void> {
    await this.recordMany(
      data.manager,
      entries.map((entry) => ({ ...entry, accountId: data.accountId, tenantId: data.tenantId })),
    );
  }
}
