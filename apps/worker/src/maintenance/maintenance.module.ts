import { Module } from '@nestjs/common';
import { PurgeExpiredSessionsHandler } from './purge-expired-sessions.handler.js';

/** Housekeeping jobs of the `maintenance` queue. Needs only the DataSource (global). */
@Module({ providers: [PurgeExpiredSessionsHandler] })
export class MaintenanceModule {}
