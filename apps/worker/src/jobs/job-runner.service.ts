import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { UsageCountsRepository } from '@roster/db';
import { JOBS, QUEUE_NAMES, type QueueName } from '@roster/domain';
import { type FlowJob, FlowProducer, type Job, type JobNode, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { RedisClient } from '@roster/ops';
import type { Logger as PinoLogger } from '@roster/logging';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { Database } from '../database/database.module.js';
import { logJobEvents, withJobLog } from '../logging/job-log.js';
import { ROOT_LOGGER } from '../logging/worker-logger.js';
import { WorkerMetrics } from '../ops/worker-metrics.js';
import { syncAccountSchedules } from '../usage/account-schedules.js';
import { STARTUP_OPTIONS, type StartupOptions } from '../startup-options.js';
import { ActiveJobs } from './active-jobs.js';
import { assertOneHandlerPerJob, discoverHandlers, dispatchTables, type FoundHandler } from './handler-discovery.js';
import { connectRedis, DEFAULT_JOB_OPTIONS, KEEP_COMPLETED, KEEP_FAILED, QUEUE_CONCURRENCY } from './queue-options.js';
import { STATIC_SCHEDULES } from './schedules.js';

/** This process among the deployment's workers: its host (a pod's name) and process id. */
const WORKER_NAME = `${hostname()}:${process.pid}`;

/**
 * Owns the worker's life: check handlers, connect, schedule, consume, stop.
 * - onModuleInit (before any connection): the registry check, so a broken build fails fast.
 * - onApplicationBootstrap: database, Redis, schedulers (static, then one recount per account),
 *   then one Worker per queue.
 * - beforeApplicationShutdown: close the workers (letting running jobs finish) before
 *   Nest's onApplicationShutdown closes the database they use.
 */
@Injectable()
export class JobRunner implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private handlers: FoundHandler[] = [];
  private redis: RedisClient | undefined;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private flowProducer: FlowProducer | undefined;
  /** The jobs being processed now: a shutdown out of time hands them back (see shutdown/). */
  readonly activeJobs = new ActiveJobs();

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(CONFIG) private readonly config: WorkerConfig,
    @Inject(STARTUP_OPTIONS) private readonly startup: StartupOptions,
    @Inject(Database) private readonly database: Database,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(ROOT_LOGGER) private readonly rootLogger: PinoLogger,
  ) {}

  onModuleInit(): void {
    this.handlers = discoverHandlers(this.discovery, this.scanner);
    assertOneHandlerPerJob(this.handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.database.connect();
    try {
      this.redis = await connectRedis(this.config, this.startup.redisConnectTimeoutMs);
      for (const name of QUEUE_NAMES) this.queues.set(name, this.createQueue(name));
      this.flowProducer = new FlowProducer({ connection: this.redis, prefix: this.config.queuePrefix });
      this.flowProducer.on('error', (error) => this.logger.error(`FlowProducer: ${error.message}`));
      await this.upsertSchedules();
      const tables = dispatchTables(this.handlers);
      for (const name of QUEUE_NAMES) this.workers.push(this.createWorker(name, tables.get(name) ?? new Map()));
      await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
      // Schedulers live in Redis: a Redis that comes back empty (restarted without persistence, failed
      // over) would otherwise run no scheduled job until the next worker start. Upserts are idempotent.
      this.redis.on('ready', () => {
        this.upsertSchedules().catch((error: Error) => this.logger.error(`Re-creating schedulers: ${error.message}`));
      });
    } catch (error) {
      // Nest does not run shutdown hooks when start-up fails: release what we opened.
      await this.beforeApplicationShutdown();
      await this.database.disconnect();
      throw error;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close())); // waits for running jobs
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.flowProducer?.close();
    this.flowProducer = undefined;
    this.workers.length = 0;
    this.queues.clear();
    await this.redis?.quit().catch(() => undefined); // already gone: nothing to close
    this.redis = undefined;
  }

  /**
   * Adds a flow (parent + children, e.g. usageRecountFlow) on this process's Redis connection and
   * prefix, so the flow's jobs reach these workers. Only valid while the runner is started.
   */
  async addFlow(flow: FlowJob): Promise<JobNode> {
    if (!this.flowProducer) throw new Error('The job runner is not started: cannot add a flow');
    return this.flowProducer.add(flow);
  }

  /** One queue of this process, to add jobs to; undefined until started and after stopping. */
  queue(name: QueueName): Queue | undefined {
    return this.queues.get(name);
  }

  /** The queues (for their depth); empty until started and after stopping. */
  queueList(): Queue[] {
    return [...this.queues.values()];
  }

  /** The shared Redis connection, or undefined while not started (readiness pings it). */
  get redisConnection(): RedisClient | undefined {
    return this.redis;
  }

  /** Whether every queue has a Worker that is running (readiness). */
  workersRunning(): boolean {
    return this.workers.length === QUEUE_NAMES.length && this.workers.every((worker) => worker.isRunning());
  }

  private createQueue(name: QueueName): Queue {
    const queue = new Queue(name, {
      connection: this.redis!,
      prefix: this.config.queuePrefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    queue.on('error', (error) => this.logger.error(`Queue ${name}: ${error.message}`));
    return queue;
  }

  private async upsertSchedules(): Promise<void> {
    for (const { job, everyMs, data } of STATIC_SCHEDULES) {
      await this.queues.get(JOBS[job].queue)!.upsertJobScheduler(job, { every: everyMs }, { name: job, data });
    }
    const usage = this.queues.get(JOBS['usage.request-recount'].queue)!;
    const { removed } = await syncAccountSchedules(
      new UsageCountsRepository(this.dataSource),
      usage,
      this.config.usageRecountEveryMs,
    );
    if (removed > 0) this.logger.log(`Removed ${removed} recount scheduler(s) of deleted accounts`);
  }

  /** A Worker that dispatches by job name to this queue's handlers. */
  private createWorker(name: QueueName, table: Map<string, FoundHandler['run']>): Worker {
    const processor = this.metrics.timed(name, async (job: Job): Promise<unknown> => {
      const run = table.get(job.name);
      // A job no handler of this queue knows (stale scheduler, wrong queue, newer producer)
      // would fail the same way on every attempt: fail it once, visibly.
      if (!run) throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${name}"`);
      return run(job.data, job);
    });
    const worker = new Worker(name, withJobLog(name, this.rootLogger, processor), {
      connection: this.redis!,
      prefix: this.config.queuePrefix,
      // Stored on every job it takes (Job.processedBy, shown by the queue dashboard): which of N worker
      // processes ran, or holds, a job.
      name: WORKER_NAME,
      concurrency: QUEUE_CONCURRENCY[name],
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      // A crashed worker's jobs are taken over once their lock expired and a stalled check ran: both
      // follow JOB_LOCK_DURATION, so an operator (or a test) shortens the recovery with one setting.
      lockDuration: this.config.jobLockDurationMs,
      stalledInterval: this.startup.stalledIntervalMs ?? this.config.jobLockDurationMs,
    });
    // Without an 'error' listener an emitted error would crash the process.
    worker.on('error', (error) => this.logger.error(`Worker ${name}: ${error.message}`));
    logJobEvents(worker, name, this.rootLogger);
    this.activeJobs.follow(worker);
    return worker;
  }
}
