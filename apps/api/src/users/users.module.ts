import { Module } from '@nestjs/common';
import { BulkActionsService } from './bulk-actions.service.js';
import { UserLookupController } from './user-lookup.controller.js';
import { UserUpsertService } from './user-upsert.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [UserLookupController, UsersController],
  providers: [UsersService, BulkActionsService, UserUpsertService],
  exports: [UsersService],
})
export class UsersModule {}
