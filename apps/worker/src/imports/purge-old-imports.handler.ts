import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UserImportRetentionRepository } from '@roster/db';
import { IMPORT_RETENTION_DAYS } from '@roster/domain';
import { DataSource } from 'typeorm';
import { JobHandler } from '../jobs/job-handler.decorator.js';

@Injectable()
export class PurgeOldImportsHandler {
  private readonly imports: UserImportRetentionRepository;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.imports = new UserImportRetentionRepository(dataSource);
  }

  /**
   * Imports older than IMPORT_RETENTION_DAYS lose their upload and staged rows (their counts stay); a dry run
   * nobody applied in that time fails as expired. Idempotent: a rerun finds nothing left.
   */
  @JobHandler('maintenance.purge-old-imports')
  async purge(): Promise<{ expired: number; purged: number }> {
    return this.imports.purgeOlderThan(IMPORT_RETENTION_DAYS);
  }
}
