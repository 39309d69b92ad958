import { Injectable } from '@nestjs/common';
import { type AuditRepository, mapPage } from '@roster/db';
import { Work } from '../changes/work.js';
import type { AuditQuery } from './audit.schemas.js';

/** The audit trail as clients read it: an account's (its tenants' included), or one tenant's. */
@Injectable()
export class AuditReader {
  constructor(private readonly work: Work) {}

  /** Every change in the account the route names (resolved by the access guard), newest first. */
  listOfAccount(filter: AuditQuery) {
    return this.work.account().read((data) => page(data.audit, filter));
  }

  /** Every change in the request's tenant, newest first. */
  listOfTenant(filter: AuditQuery) {
    return this.work.tenant().read((data) => page(data.audit, filter));
  }
}

async function page(audit: AuditRepository, filter: AuditQuery) {
  return mapPage(await audit.list(filter), (e) => ({
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    tenantId: e.tenantId,
    before: e.before,
    after: e.after,
  }));
}
