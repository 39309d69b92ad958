import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { EnvironmentsModule } from '../environments/environments.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { BootstrapService } from './bootstrap.service.js';
import { DemoData } from './demo-data.js';

@Module({
  imports: [AccountsModule, EnvironmentsModule, ApplicationsModule, TenantsModule],
  providers: [BootstrapService, DemoData],
})
export class BootstrapModule {}
