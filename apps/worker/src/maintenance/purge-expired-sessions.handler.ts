import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OperatorSession } from '@roster/db';
import { DataSource } from 'typeorm';
import { JobHandler } from '../jobs/job-handler.decorator.js';

@Injectable()
export class PurgeExpiredSessionsHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One set-based DELETE; idempotent by nature (a retry or a second run finds nothing left to
   * delete). The database's clock decides expiry, as it does for the API's token check, so
   * replicas with skewed clocks agree. Served by operator_sessions_expiry_idx.
   */
  @JobHandler('maintenance.purge-expired-sessions')
  async purge(): Promise<{ deleted: number }> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(OperatorSession)
      .where('expires_at < now()')
      .execute();
    return { deleted: result.affected ?? 0 };
  }
}
