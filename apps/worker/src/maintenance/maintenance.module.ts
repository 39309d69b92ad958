import { Module } from '@nestjs/common';
import { PurgeExpiredSessionsHandler } from './purge-expired-sessions.handler.js';
import { PurgeOldLoginAttemptsHandler } from './purge-old-login-attempts.handler.js';

/** Housekeeping jobs of the `maintenance` queue. Needs only the DataSource (global). */
@Module({ providers: [PurgeExpiredSessionsHandler, PurgeOldLoginAttemptsHandler] })
export class MaintenanceModule {}
