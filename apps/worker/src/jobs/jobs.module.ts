import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunner } from './job-runner.service.js';

/**
 * The queue machinery; the handlers themselves live in the feature modules that own the jobs.
 * Global so a handler that starts further jobs (e.g. a recount flow) can inject JobRunner.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobRunner],
  exports: [JobRunner],
})
export class JobsModule {}
