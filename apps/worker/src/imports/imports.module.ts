import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ImportProcessHandler } from './import-process.handler.js';
import { PurgeOldImportsHandler } from './purge-old-imports.handler.js';

/**
 * User imports (issue 18): the job that checks and applies an import, and the retention sweep. Writes through the
 * worker's unit of work (ChangesModule's WorkerChanges), whose consumers tell the API replicas' caches, recounts
 * and webhooks about every user written.
 */
@Module({ imports: [ChangesModule], providers: [ImportProcessHandler, PurgeOldImportsHandler] })
export class ImportsModule {}
