import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunner } from './job-runner.service.js';

/** The queue machinery; the handlers themselves live in the feature modules that own the jobs. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobRunner],
})
export class JobsModule {}
