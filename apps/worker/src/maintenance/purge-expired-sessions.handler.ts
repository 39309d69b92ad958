import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { purgeExpiredSessions } from '@roster/db';
import { DataSource } from 'typeorm';
import { JobHandler } from '../jobs/job-handler.decorator.js';

@Injectable()
export class PurgeExpiredSessionsHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Idempotent by nature: a retry or a second run finds nothing left to delete. */
  @JobHandler('maintenance.purge-expired-sessions')
  async purge(): Promise<{ deleted: number }> {
    return { deleted: await purgeExpiredSessions(this.dataSource) };
  }
}
