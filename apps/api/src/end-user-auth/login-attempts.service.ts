import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { mapPage, paginate } from '../common/pagination.js';
import type { PageQuery } from '../common/schemas.js';
import { TenantDataSource } from '../common/tenant-data.js';
import { LoginLimiter } from '../login-protection/login-limiter.js';

/** What operators see of end-user logins: the attempt log, and lifting a block. */
@Injectable()
export class LoginAttemptsService {
  constructor(
    private readonly tenant: TenantDataSource,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
  ) {}

  /** Newest first (ids are UUIDv7); attempts with an unknown username belong to no user. */
  async list(userId: string, page: PageQuery) {
    const data = this.tenant.read();
    await data.user(userId);
    const query = data.loginAttempts.query('a').andWhere('a.user_id = :userId', { userId });
    const result = await paginate(query, page, { expression: 'a.id', idColumn: 'a.id', descending: true });
    return mapPage(result, (attempt) => ({ at: attempt.at.toISOString(), result: attempt.result, ip: attempt.ip }));
  }

  async unblock(userId: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      const user = await data.user(userId);
      if (user.username === null) return;
      await this.limiter.unblock({ tenantId: data.tenantId }, user.username);
      await this.audit.recordInTenant(data, { action: 'user.unblocked', targetType: 'user', targetId: userId });
    });
  }
}
