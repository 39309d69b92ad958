import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LoginAttempt } from '@roster/db';
import { LOGIN_ATTEMPT_RETENTION_DAYS } from '@roster/domain';
import { DataSource } from 'typeorm';
import { JobHandler } from '../jobs/job-handler.decorator.js';

@Injectable()
export class PurgeOldLoginAttemptsHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One set-based DELETE served by login_attempts_at_idx; idempotent (a rerun finds nothing older). */
  @JobHandler('maintenance.purge-old-login-attempts')
  async purge(): Promise<{ deleted: number }> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(LoginAttempt)
      .where(`at < now() - make_interval(days => :days)`, { days: LOGIN_ATTEMPT_RETENTION_DAYS })
      .execute();
    return { deleted: result.affected ?? 0 };
  }
}
