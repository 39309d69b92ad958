import { Global, Module } from '@nestjs/common';
import { WorkerStateCollectors } from './state-collectors.js';
import { WorkerMetrics } from './worker-metrics.js';

/** The worker's metrics; global so JobRunner can time jobs. The HTTP side is ops-server.ts. */
@Global()
@Module({ providers: [WorkerMetrics, WorkerStateCollectors], exports: [WorkerMetrics] })
export class OpsModule {}
