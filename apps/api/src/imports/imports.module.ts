import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** User imports (API.md §10, issue 18): upload, report, apply, cancel; the worker does the work. */
@Module({ controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
