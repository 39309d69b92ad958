import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { EnvironmentsModule } from '../environments/environments.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { RoleGrantsModule } from '../role-grants/role-grants.module.js';
import { UsersModule } from '../users/users.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { BootstrapService } from './bootstrap.service.js';
import { DemoData } from './demo-data.js';

@Module({
  imports: [
    AccountsModule,
    EnvironmentsModule,
    ApplicationsModule,
    TenantsModule,
    UsersModule,
    GroupsModule,
    RoleGrantsModule,
  ],
  providers: [BootstrapService, DemoData],
})
export class BootstrapModule {}
