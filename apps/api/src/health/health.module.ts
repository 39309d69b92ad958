import { Module } from '@nestjs/common';
import { ShutdownModule } from '../shutdown/shutdown.module.js';
import { HealthController } from './health.controller.js';
import { ProbesController } from './probes.controller.js';
import { ReadinessCheck } from './readiness.js';

/** The health routes, which setRoutePrefix keeps outside /api/v1 (API.md §1, §11). */
export const HEALTH_ROUTES = ['api/health', 'api/health/live', 'api/health/ready'];

@Module({
  imports: [ShutdownModule],
  controllers: [HealthController, ProbesController],
  providers: [ReadinessCheck],
})
export class HealthModule {}
