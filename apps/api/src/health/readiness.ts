import { Inject, Injectable } from '@nestjs/common';
import { pendingMigrations } from '@roster/db';
import { type RedisClient, redisServes } from '@roster/ops';
import { ScopesRepository } from '@roster/db';
import { DataSource } from 'typeorm';
import { REDIS } from '../database/redis.module.js';
import { ShutdownState } from '../shutdown/shutdown-state.js';
import { answers, within } from './checks.js';

export interface Readiness {
  status: 'ready' | 'not-ready';
  database: 'up' | 'down';
  redis: 'up' | 'down';
  /** unknown: the migrations table could not be read (the database is down or slow). */
  migrations: 'up-to-date' | 'pending' | 'unknown';
  /** Present while migrations are pending: their names. */
  pendingMigrations?: string[];
  /** Present once a stop signal arrived. */
  shuttingDown?: true;
}

/**
 * Whether this replica should receive traffic: PostgreSQL and Redis answer within a second, every
 * migration this build knows has run, and no stop signal arrived. Liveness checks none of this, so
 * an outage of a dependency takes replicas out of the load balancer without getting them restarted.
 */
@Injectable()
export class ReadinessCheck {
  /**
   * Migrations only ever go from pending to run while a build is deployed, so once none is pending
   * the answer is kept and a probe costs no query for it.
   */
  private migrationsUpToDate = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ScopesRepository) private readonly scopes: ScopesRepository,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(ShutdownState) private readonly shutdown: ShutdownState,
  ) {}

  async check(): Promise<Readiness> {
    const [database, redis, pending] = await Promise.all([
      answers(() => this.scopes.ping()),
      answers(() => redisServes(this.redis)),
      this.pendingMigrations(),
    ]);
    const migrations = pending === undefined ? 'unknown' : pending.length === 0 ? 'up-to-date' : 'pending';
    const shuttingDown = this.shutdown.shuttingDown;
    const ready = database && redis && migrations === 'up-to-date' && !shuttingDown;
    return {
      status: ready ? 'ready' : 'not-ready',
      database: database ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      migrations,
      ...(migrations === 'pending' ? { pendingMigrations: pending } : {}),
      ...(shuttingDown ? { shuttingDown: true as const } : {}),
    };
  }

  /** The pending migrations' names, or undefined when the table could not be read in time. */
  private async pendingMigrations(): Promise<string[] | undefined> {
    if (this.migrationsUpToDate) return [];
    const pending = await within(() => pendingMigrations(this.dataSource));
    if (pending?.length === 0) this.migrationsUpToDate = true;
    return pending;
  }
}
