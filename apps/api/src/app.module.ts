import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { ApplicationsModule } from './applications/applications.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CachesModule } from './cache/caches.js';
import { ChangesModule } from './changes/changes.module.js';
import { BootstrapModule } from './bootstrap/bootstrap.module.js';
import { ProblemFilter } from './common/problem.filter.js';
import { Clock } from './common/clock.js';
import { QueuesModule } from './queues/queues.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { createValidationPipe } from './common/validation.js';
import { CONFIG, type Config } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { RedisModule } from './database/redis.module.js';
import { EnvironmentsModule } from './environments/environments.module.js';
import { HealthModule } from './health/health.module.js';
import { OperatorsModule } from './operators/operators.module.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { UsersModule } from './users/users.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { UserExportModule } from './user-export/user-export.module.js';
import { GroupsModule } from './groups/groups.module.js';
import { RoleGrantsModule } from './role-grants/role-grants.module.js';
import { LoginProtectionModule } from './login-protection/login-protection.module.js';
import { EndUserAuthModule } from './end-user-auth/end-user-auth.module.js';
import { UsageModule } from './usage/usage.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ScimModule } from './scim/scim.module.js';
import { ScimTokensModule } from './scim-tokens/scim-tokens.module.js';
import { LifecyclePoliciesModule } from './lifecycle-policies/lifecycle-policies.module.js';

/** The feature modules that serve HTTP routes (also what the OpenAPI document is built from). */
export const FEATURE_MODULES = [
  AuthModule,
  AccountsModule,
  OperatorsModule,
  ApiKeysModule,
  EnvironmentsModule,
  ApplicationsModule,
  TenantsModule,
  UsersModule,
  ImportsModule,
  UserExportModule,
  GroupsModule,
  RoleGrantsModule,
  LoginProtectionModule,
  EndUserAuthModule,
  AuditModule,
  UsageModule,
  WebhooksModule,
  StatementsModule,
  JobsModule,
  HealthModule,
  ScimTokensModule,
  ScimModule,
  LifecyclePoliciesModule,
];

@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule,
        RedisModule,
        CachesModule,
        QueuesModule,
        ChangesModule,
        MetricsModule,
        ...FEATURE_MODULES,
        BootstrapModule,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        Clock,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [CONFIG, Clock],
    };
  }
}
