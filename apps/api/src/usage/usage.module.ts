import { Global, Module } from '@nestjs/common';
import { TenantUsageController } from './tenant-usage.controller.js';
import { TenantUsageService } from './tenant-usage.service.js';
import { UsageController } from './usage.controller.js';
import { UsageRecounts } from './usage-recounts.js';
import { UsageService } from './usage.service.js';

/** Global so that every service whose changes can move a count can ask for a recount. */
@Global()
@Module({
  controllers: [UsageController, TenantUsageController],
  providers: [UsageService, TenantUsageService, UsageRecounts],
  exports: [UsageRecounts],
})
export class UsageModule {}
