import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { LifecyclePoliciesHandler } from './lifecycle-policies.handler.js';

/** Dormant-user policies' runs (the `lifecycle` queue). Needs the DataSource, JobRunner (global) and WorkerChanges. */
@Module({ imports: [ChangesModule], providers: [LifecyclePoliciesHandler] })
export class LifecycleModule {}
