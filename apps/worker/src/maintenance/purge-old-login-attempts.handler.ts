import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { purgeLoginAttemptsOlderThan } from '@roster/db';
import { LOGIN_ATTEMPT_RETENTION_DAYS } from '@roster/domain';
import { DataSource } from 'typeorm';
import { JobHandler } from '../jobs/job-handler.decorator.js';

@Injectable()
export class PurgeOldLoginAttemptsHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Idempotent: a rerun finds nothing older. */
  @JobHandler('maintenance.purge-old-login-attempts')
  async purge(): Promise<{ deleted: number }> {
    return { deleted: await purgeLoginAttemptsOlderThan(this.dataSource, LOGIN_ATTEMPT_RETENTION_DAYS) };
  }
}
