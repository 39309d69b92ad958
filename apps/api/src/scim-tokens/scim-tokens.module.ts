import { Module } from '@nestjs/common';
import { ScimRequestLog } from './scim-request-log.js';
import { ScimTokensController } from './scim-tokens.controller.js';
import { ScimTokensService } from './scim-tokens.service.js';

/** SCIM tokens and the SCIM request log of each tenant: what its Provisioning page manages and shows. */
@Module({
  controllers: [ScimTokensController],
  providers: [ScimTokensService, ScimRequestLog],
  exports: [ScimRequestLog],
})
export class ScimTokensModule {}
