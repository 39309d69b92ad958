import { Module } from '@nestjs/common';
import { BulkActionsService } from './bulk-actions.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({ controllers: [UsersController], providers: [UsersService, BulkActionsService], exports: [UsersService] })
export class UsersModule {}
