import { Injectable } from '@nestjs/common';
import { type AccountTransaction, type ScopedWork, type TenantTransaction, UnitOfWork } from '@roster/db';
import type { ChangeActor } from '@roster/domain';
import { RequestContext } from '../common/request-context.js';

/** Who the request acts as, as change events and the audit trail name them. */
export function requestActor(): ChangeActor {
  const { kind, id } = RequestContext.actor;
  return { kind, id };
}

/**
 * The unit of work of the request being handled: bound to the scope the access guard resolved and to the
 * authenticated actor, both read from the request context (which throws when they are unset).
 */
@Injectable()
export class Work {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** The tenant a tenant-scoped route acts on. */
  tenant(): ScopedWork<TenantTransaction> {
    return this.unitOfWork.forTenant(RequestContext.tenant, requestActor());
  }

  /** The account of the route's scope, or another account (the platform admin's routes name it). */
  account(accountId: string = RequestContext.scope.accountId, environmentId?: string): ScopedWork<AccountTransaction> {
    return this.unitOfWork.forAccount({ accountId, environmentId }, requestActor());
  }

  /** Platform-level work: creating and listing accounts. */
  platform(): ScopedWork<AccountTransaction> {
    return this.unitOfWork.forAccount({ accountId: null }, requestActor());
  }
}
