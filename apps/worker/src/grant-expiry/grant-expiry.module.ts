import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { RemoveExpiredGrantsHandler } from './remove-expired-grants.handler.js';

/** Expiring role grants (issue 18): removing the expired ones. Needs the DataSource (global) and WorkerChanges. */
@Module({ imports: [ChangesModule], providers: [RemoveExpiredGrantsHandler] })
export class GrantExpiryModule {}
