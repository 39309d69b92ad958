import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type RemovedGrant, type TenantScope, tenantsWithExpiredGrants, type UnitOfWork } from '@roster/db';
import { type ChangeActor, roleRevoked } from '@roster/domain';
import { DataSource } from 'typeorm';
import { WorkerChanges } from '../changes/worker-changes.js';
import { JobHandler } from '../jobs/job-handler.decorator.js';

/** Grants removed per transaction (one tenant's): a backlog goes in short transactions of this size. */
const BATCH = 500;
/** Tenants looked up at a time; the sweep asks again until none holds an expired grant. */
const TENANTS_PER_ROUND = 100;

/** Roster itself removes an expired grant: the audit trail and webhooks name the system as its actor. */
export const GRANT_EXPIRY_ACTOR: ChangeActor = { kind: 'system', id: null };

/**
 * Removes the role grants whose expiry has passed (issue 18): per tenant, in batches, each batch in one unit of
 * work that records a revoke with `reason: 'expired'` for every grant it removed, so the audit trail, the caches
 * and webhooks hear of it as of any revoke. Housekeeping only: an expired grant stops counting at its instant
 * whether or not this has run. Expiry is the database's clock (as for the role-holder lists). Idempotent: a
 * rerun finds nothing left; two runs at once skip each other's locked grants instead of telling one twice.
 */
@Injectable()
export class RemoveExpiredGrantsHandler {
  private readonly logger = new Logger('GrantExpiry');
  private readonly unitOfWork: UnitOfWork;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WorkerChanges) changes: WorkerChanges,
  ) {
    this.unitOfWork = changes.unitOfWork;
  }

  @JobHandler('maintenance.remove-expired-grants')
  async removeExpired(): Promise<{ removed: number }> {
    let removed = 0;
    for (;;) {
      const tenants = await tenantsWithExpiredGrants(this.dataSource, TENANTS_PER_ROUND);
      let round = 0;
      for (const tenant of tenants) round += await this.removeFromTenant(tenant);
      removed += round;
      // Nothing found, or nothing this run could take (another run holds them): done until the next run.
      if (round === 0) break;
    }
    if (removed > 0) this.logger.log(`Removed ${removed} expired role grant(s)`);
    return { removed };
  }

  private async removeFromTenant(scope: TenantScope): Promise<number> {
    let removed = 0;
    for (;;) {
      const count = await this.unitOfWork.forTenant(scope, GRANT_EXPIRY_ACTOR).run(async (data) => {
        const gone = await data.grants.removeExpired(BATCH);
        data.record(...gone.map(expiredGrantRevoked));
        return gone.length;
      });
      removed += count;
      if (count < BATCH) return removed;
    }
  }
}

function expiredGrantRevoked(grant: RemovedGrant) {
  return roleRevoked(grant.holder, grant.role, { expiresAt: grant.expiresAt, reason: 'expired' });
}
