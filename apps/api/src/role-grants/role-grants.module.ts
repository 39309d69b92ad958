import { Module } from '@nestjs/common';
import { RoleGrantsController } from './role-grants.controller.js';
import { RoleGrantsService } from './role-grants.service.js';

@Module({ controllers: [RoleGrantsController], providers: [RoleGrantsService], exports: [RoleGrantsService] })
export class RoleGrantsModule {}
