import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Public } from '../auth/authenticated.decorator.js';
import { REDIS } from '../database/redis.module.js';

const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['up', 'down']), redis: z.enum(['up', 'down']) })
  .meta({ id: 'Health' });

/** Resolves false when the check fails or takes longer than a second. */
async function answers(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000)));
  try {
    return await Promise.race([
      check().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('Health')
@Controller({ path: 'api/health' })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ standardSchema: healthSchema })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down', standardSchema: healthSchema })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis] = await Promise.all([
      answers(() => this.dataSource.query('SELECT 1')),
      answers(() => this.redis.ping()),
    ]);
    const healthy = database && redis;
    void reply.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'degraded', database: database ? 'up' : 'down', redis: redis ? 'up' : 'down' };
  }
}
