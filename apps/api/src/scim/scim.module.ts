import { Module } from '@nestjs/common';
import { ScimAccessGuard } from './scim-access.guard.js';
import { ScimUsersController } from './users/scim-users.controller.js';
import { ScimUsersService } from './users/scim-users.service.js';

/** The SCIM 2.0 service provider of every tenant (issue 17, API.md §11). */
@Module({
  controllers: [ScimUsersController],
  providers: [ScimAccessGuard, ScimUsersService],
})
export class ScimModule {}
