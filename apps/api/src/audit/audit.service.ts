import { Injectable } from '@nestjs/common';
import { AuditEvent, newId } from '@roster/db';
import type { EntityManager } from 'typeorm';
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

/** Writes who changed what, before → after, inside the caller's transaction (DESIGN.md §8). */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const actor = RequestContext.actor;
    const event = manager.create(AuditEvent, {
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
      at: new Date(),
    });
    await manager.save(event);
  }
}
