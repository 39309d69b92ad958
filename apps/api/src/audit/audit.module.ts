import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey, AuditEvent, Operator } from '@roster/db';
import { AuditController } from './audit.controller.js';
import { AuditReader } from './audit.reader.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, Operator, ApiKey])],
  controllers: [AuditController],
  providers: [AuditService, AuditReader],
  exports: [AuditService, AuditReader],
})
export class AuditModule {}
