import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/authenticated.decorator.js';
import { type Readiness, ReadinessCheck } from './readiness.js';

const livenessSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });

const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    database: z.enum(['up', 'down']),
    redis: z.enum(['up', 'down']),
    migrations: z
      .enum(['up-to-date', 'pending', 'unknown'])
      .describe('unknown while the migrations table cannot be read (the database is down or slow)'),
    pendingMigrations: z.array(z.string()).optional().describe('The migrations not run yet, while there are any'),
    shuttingDown: z.literal(true).optional().describe('Present once the process received a stop signal'),
  })
  .meta({ id: 'Readiness' }) satisfies z.ZodType<Readiness>;

/** Kubernetes-style probes (API.md §11); GET /api/health stays the combined status of §1. */
@ApiTags('Health')
@Controller({ path: 'api/health' })
export class ProbesController {
  constructor(@Inject(ReadinessCheck) private readonly readiness: ReadinessCheck) {}

  @Public()
  @Get('live')
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Liveness probe',
    description:
      'Answers 200 as long as the process runs and its event loop responds. It checks no dependency on ' +
      'purpose: a database or Redis outage must take replicas out of rotation (readiness), not restart them. ' +
      'Restart the process when this does not answer. No authentication.',
    security: [],
  })
  @ApiOkResponse({ description: 'The process is alive', standardSchema: livenessSchema })
  live(): z.infer<typeof livenessSchema> {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness probe',
    description:
      'Answers 200 when this replica can serve traffic: PostgreSQL and Redis each answer within a second and ' +
      'every migration of this build has run. Answers 503 naming the failing parts otherwise, and from the ' +
      'moment the process receives SIGTERM (`shuttingDown: true`), so a load balancer stops sending before ' +
      'the listener closes. Send no traffic while it answers 503. No authentication.',
    security: [],
  })
  @ApiOkResponse({ description: 'Ready for traffic', standardSchema: readinessSchema })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down, migrations are pending, or the process is shutting down',
    standardSchema: readinessSchema,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const readiness = await this.readiness.check();
    void reply.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
