import { Module } from '@nestjs/common';
import { EnvironmentLifecycleController, TenantLifecycleController } from './lifecycle-policies.controller.js';
import { LifecyclePoliciesService } from './lifecycle-policies.service.js';
import { LifecycleReadConnection } from './lifecycle-read-connection.js';

/** Dormant-user policies (API.md §10): environments' policies, tenants' overrides, previews and runs. */
@Module({
  controllers: [EnvironmentLifecycleController, TenantLifecycleController],
  providers: [LifecyclePoliciesService, LifecycleReadConnection],
})
export class LifecyclePoliciesModule {}
