import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { purgeOldImports } from '@roster/db';
import { IMPORT_RETENTION_DAYS } from '@roster/domain';
import { DataSource } from 'typeorm';
import { JobHandler } from '../jobs/job-handler.decorator.js';

@Injectable()
export class PurgeOldImportsHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Imports older than IMPORT_RETENTION_DAYS lose their upload and staged rows (their counts stay); a dry run
   * nobody applied in that time fails as expired. Idempotent: a rerun finds nothing left.
   */
  @JobHandler('maintenance.purge-old-imports')
  async purge(): Promise<{ expired: number; purged: number }> {
    return purgeOldImports(this.dataSource.manager, IMPORT_RETENTION_DAYS);
  }
}
