import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type RedisClient, redisServes } from '@roster/ops';
import { ScopesRepository } from '@roster/db';
import { z } from 'zod';
import { Public } from '../auth/authenticated.decorator.js';
import { REDIS } from '../database/redis.module.js';
import { Queues } from '../queues/queues.module.js';
import { answers, within } from './checks.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

const count = z.number().int().min(0);
const queueCountsSchema = z
  .object({ waiting: count, active: count, delayed: count, failed: count, completed: count })
  .meta({ id: 'QueueCounts', description: 'Jobs per state in one queue (BullMQ getJobCounts)' });

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['up', 'down']),
    redis: z.enum(['up', 'down']),
    queues: z
      .record(z.string(), queueCountsSchema)
      .nullable()
      .optional()
      .describe('Job counts per queue; null while Redis is down or the counts did not arrive within a second'),
  })
  .meta({ id: 'Health' });

type QueueCounts = z.infer<typeof queueCountsSchema>;

@ApiTags('Health')
@Controller({ path: 'api/health' })
export class HealthController {
  constructor(
    private readonly scopes: ScopesRepository,
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly queues: Queues,
  ) {}

  /** Counts per queue, or undefined when any queue does not answer. */
  private async queueCounts(): Promise<Record<string, QueueCounts> | undefined> {
    return within(async () =>
      Object.fromEntries(
        await Promise.all(
          this.queues.all().map(async (queue) => {
            const counts = await queue.getJobCounts(...JOB_STATES);
            const row = Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as QueueCounts;
            return [queue.name, row] as const;
          }),
        ),
      ),
    );
  }

  @Public()
  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Check the API’s health',
    description:
      'Whether PostgreSQL and Redis answer (within a second each), with job counts per queue. 200 with `status: ' +
      '"ok"` when both are up, 503 with `status: "degraded"` and the failing part otherwise.',
  })
  @ApiOkResponse({ standardSchema: healthSchema })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down', standardSchema: healthSchema })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis, queues] = await Promise.all([
      answers(() => this.scopes.ping()),
      answers(() => redisServes(this.redis)),
      this.queueCounts(),
    ]);
    const healthy = database && redis;
    void reply.status(healthy ? 200 : 503);
    return {
      status: healthy ? 'ok' : 'degraded',
      database: database ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      queues: redis ? (queues ?? null) : null,
    };
  }
}
