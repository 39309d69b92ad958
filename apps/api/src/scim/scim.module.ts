import { Module } from '@nestjs/common';
import { ScimBulkController } from './bulk/scim-bulk.controller.js';
import { ScimBulkService } from './bulk/scim-bulk.service.js';
import { ScimDiscoveryController } from './discovery.controller.js';
import { ScimGroupsController } from './groups/scim-groups.controller.js';
import { ScimGroupsService } from './groups/scim-groups.service.js';
import { ScimTotals } from './scim-totals.js';
import { ScimAccessGuard } from './scim-access.guard.js';
import { ScimUsersController } from './users/scim-users.controller.js';
import { ScimUsersService } from './users/scim-users.service.js';

/** The SCIM 2.0 service provider of every tenant (issue 17, API.md §11). */
@Module({
  controllers: [ScimDiscoveryController, ScimUsersController, ScimGroupsController, ScimBulkController],
  providers: [ScimAccessGuard, ScimUsersService, ScimGroupsService, ScimBulkService, ScimTotals],
})
export class ScimModule {}
