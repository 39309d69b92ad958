import { Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api-metrics.js';
import { MetricsPortServer } from './metrics-port.server.js';
import { StateCollectors } from './state-collectors.js';

/** Prometheus metrics (API.md §11); global so login and cache code can count without importing it. */
@Global()
@Module({
  providers: [ApiMetrics, StateCollectors, MetricsPortServer],
  exports: [ApiMetrics],
})
export class MetricsModule {}
