import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditReader } from './audit.reader.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditReader],
  exports: [AuditService, AuditReader],
})
export class AuditModule {}
