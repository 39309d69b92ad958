import { Module } from '@nestjs/common';
import { SigningKeyMaintenance } from '@roster/db';
import { RoleGrantsModule } from '../role-grants/role-grants.module.js';
import { AccessTokens } from './access-tokens.js';
import { EndUserAuthController } from './end-user-auth.controller.js';
import { EndUserLoginService } from './end-user-login.service.js';
import { EndUserPasswordStrategy } from './end-user-password.strategy.js';
import { KeyMaintenanceConnection } from './key-maintenance-connection.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { SigningKeys } from './signing-keys.service.js';

@Module({
  imports: [RoleGrantsModule],
  controllers: [EndUserAuthController],
  providers: [
    SigningKeys,
    AccessTokens,
    EndUserLoginService,
    EndUserPasswordStrategy,
    LoginAttemptsService,
    KeyMaintenanceConnection,
    {
      provide: SigningKeyMaintenance,
      useFactory: async (connection: KeyMaintenanceConnection) => new SigningKeyMaintenance(await connection.open()),
      inject: [KeyMaintenanceConnection],
    },
  ],
})
export class EndUserAuthModule {}
