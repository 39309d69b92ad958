import { Module } from '@nestjs/common';
import { UserExportController } from './user-export.controller.js';
import { UserExportService } from './user-export.service.js';

/** A tenant's users as a CSV or JSON Lines file, streamed from a database cursor (API.md §10). */
@Module({ controllers: [UserExportController], providers: [UserExportService] })
export class UserExportModule {}
