import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type EnvironmentKind,
  EnvironmentNotFoundError,
  type EnvironmentReading,
  newestOtherAccountSnapshot,
  UsageCountsRepository,
  type UsageEnvironmentEntry,
} from '@roster/db';
import {
  type Aggregation,
  debouncedWebhookFanOut,
  evaluateLimits,
  isSuperseded,
  JOBS,
  type JobPayloads,
  type LimitEvaluation,
  oldestReadTime,
  postponedRecountRequest,
  recountWaitMs,
  type SubscriptionModel,
  type Totals,
  usageDebounceId,
  usageRecountFlow,
} from '@roster/domain';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { JobHandler, type JobOf } from '../jobs/job-handler.decorator.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import { ensureAccountSchedule, removeAccountSchedule } from './account-schedules.js';
import { RecountCosts } from './recount-costs.js';
import { usageEvents } from './usage-events.js';

/** A child's result (stored by BullMQ in the parent): the environment's snapshot, or why there is none. */
export type EnvironmentRecountResult =
  | {
      skipped: false;
      environmentId: string;
      name: string;
      kind: EnvironmentKind;
      runId: string;
      internal: number;
      external: number;
      named: number;
      anonymous: number;
      inactive: number;
      /** When the counted data was read (ISO 8601). Absent from the results of workers before issue 14. */
      dataAsOf?: string;
      /** How long the count and its snapshot took the database (ms). Absent from workers' results before issue 17. */
      countedInMs?: number;
    }
  | { skipped: true; reason: 'environment-not-found'; environmentId: string };

export type AccountRecountResult =
  | ({
      skipped: false;
      accountId: string;
      runId: string;
      model: SubscriptionModel;
      aggregation: Aggregation;
      environments: UsageEnvironmentEntry[];
      dataAsOf: string;
    } & Totals &
      LimitEvaluation)
  | { skipped: true; reason: 'account-not-found'; accountId: string }
  /** Its data is older than a snapshot already stored: it would never be served, so it is not stored. */
  | { skipped: true; reason: 'superseded'; accountId: string; runId: string; dataAsOf: string; newerDataAsOf: string };

export type RecountRequestResult =
  | { skipped: false; accountId: string; flowJobId: string; environments: number }
  | { skipped: true; reason: 'account-not-found'; accountId: string }
  /** Asked for by changes too soon after a costly run: a request that waits `waitMs` more took its place. */
  | { skipped: true; reason: 'postponed'; accountId: string; waitMs: number };

/**
 * The usage flow of DESIGN.md §6. A run is one flow: a `usage.recount-environment` child per
 * environment of the account and a `usage.recount-account` parent that BullMQ starts once every child
 * has finished. The run id of every snapshot of a run is the parent job's id, and both snapshot
 * tables are UNIQUE (…, run_id) and written with an upsert, so a retried or re-run job rewrites its
 * own row: a crash at any point loses nothing and duplicates nothing.
 */
@Injectable()
export class UsageRecountHandler {
  private readonly logger = new Logger('UsageRecount');

  private readonly counts: UsageCountsRepository;
  private readonly costs: RecountCosts;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JobRunner) private readonly runner: JobRunner,
    @Inject(CONFIG) private readonly config: WorkerConfig,
  ) {
    this.counts = new UsageCountsRepository(dataSource);
    this.costs = new RecountCosts(runner);
  }

  /**
   * The one entrance of a recount: the API (and the change relay) only add this request; the worker makes
   * sure the account has its periodic scheduler (or removes it, the account being gone) and starts one
   * recount flow over the account's current environments (production or not). The
   * parent gets a random UUID as job id, so run ids stay unique even if Redis is emptied and
   * BullMQ's counters restart (an incremental id would then overwrite an older run's snapshot).
   * A retry after the flow was added starts one more exact recount, which is harmless.
   *
   * A request made by changes (the debounced one, known by the debounce's deduplication id) that comes too soon after a
   * costly run of the account is put off instead (recountWaitMs), so that counting a large account under a
   * steady stream of changes takes a bounded share of the database. Operators' and scheduled requests run now.
   */
  @JobHandler('usage.request-recount')
  async requestRecount(
    { accountId }: JobPayloads['usage.request-recount'],
    job: JobOf<'usage.request-recount'>,
  ): Promise<RecountRequestResult> {
    const queue = this.runner.queue(JOBS['usage.request-recount'].queue);
    if (!queue) throw new Error('The job runner is not started');
    if (job.deduplicationId === usageDebounceId(accountId)) {
      const waitMs = recountWaitMs(await this.costs.read(accountId), Date.now());
      if (waitMs > 0) {
        const later = postponedRecountRequest(accountId, waitMs);
        await queue.add(later.name, later.data, later.opts);
        return { skipped: true, reason: 'postponed', accountId, waitMs };
      }
    }
    const environmentIds = await this.counts.environmentsOfAccount(accountId);
    if (environmentIds === null) {
      await removeAccountSchedule(queue, accountId);
      return { skipped: true, reason: 'account-not-found', accountId };
    }
    await ensureAccountSchedule(queue, accountId, this.config.usageRecountEveryMs);
    const node = await this.runner.addFlow(usageRecountFlow(accountId, environmentIds, randomUUID()));
    return { skipped: false, accountId, flowJobId: node.job.id!, environments: environmentIds.length };
  }

  /**
   * Counts one environment into environment_usage. An environment deleted since the flow was added
   * completes with `{skipped: true}` rather than failing: retrying cannot bring it back, and a failed
   * child would leave the parent waiting for its children forever (BullMQ's default), so the
   * account snapshot of the run would never be written. The parent ignores skipped children.
   */
  @JobHandler('usage.recount-environment')
  async recountEnvironment(
    { environmentId }: JobPayloads['usage.recount-environment'],
    job: JobOf<'usage.recount-environment'>,
  ): Promise<EnvironmentRecountResult> {
    const runId = job.parent?.id ?? job.id!;
    const skipped = { skipped: true, reason: 'environment-not-found', environmentId } as const;
    let reading: EnvironmentReading;
    let readAt: Date;
    const started = performance.now();
    try {
      ({ readAt, value: reading } = await this.counts.countEnvironment(environmentId));
    } catch (error) {
      if (error instanceof EnvironmentNotFoundError) return skipped;
      throw error;
    }
    const name = await this.counts.writeEnvironmentSnapshot(environmentId, runId, reading, readAt);
    if (name === null) return skipped;
    // The tenants' counts stay in the database: the result (kept in Redis for the parent) holds the environment's.
    const { tenants: _tenants, ...counts } = reading;
    const countedInMs = Math.round(performance.now() - started);
    return { skipped: false, environmentId, name, runId, ...counts, dataAsOf: readAt.toISOString(), countedInMs };
  }
  /**
   * Runs after every child finished: the account snapshot of the run. Production children only
   * (their kind as counted) enter totals and the breakdown. `sum` adds the children's counts, so the
   * totals agree with the environment snapshots of the same run; `unique` needs people, not counts,
   * and asks the database (accountLicensedTotals) — read now, a moment after the children counted.
   *
   * The snapshot holds data as of the oldest read it was built from (the children's, and its own), not as of
   * when this job ran: a parent can run long after its children (one held up by a lock, a killed worker's job
   * recovered, a retry), and stamping now() on their counts replaced newer totals with older ones. If another
   * run already stored newer data, this one is not stored at all (isSuperseded): it would never be served, and
   * the history holds only totals that were the latest when stored.
   */
  @JobHandler('usage.recount-account')
  async recountAccount(
    { accountId }: JobPayloads['usage.recount-account'],
    job: JobOf<'usage.recount-account'>,
  ): Promise<AccountRecountResult> {
    const runId = job.id!;
    const children = Object.values(await job.getChildrenValues<EnvironmentRecountResult>());
    const counted = children.filter(
      (child): child is Extract<EnvironmentRecountResult, { skipped: false }> => !child.skipped,
    );
    const production = counted
      .filter((child) => child.kind === 'production')
      .sort((a, b) => a.name.localeCompare(b.name) || a.environmentId.localeCompare(b.environmentId));
    const environments: UsageEnvironmentEntry[] = production.map(
      ({ environmentId, name, internal, external, named }) => ({ environmentId, name, internal, external, named }),
    );

    const reading = performance.now();
    const { readAt, value: read } = await this.counts.readAccount(accountId);
    if (!read) return { skipped: true, reason: 'account-not-found', accountId };
    // What this run cost the database, for the spacing of the account's next recount asked for by changes.
    await this.costs.record(accountId, {
      databaseMs: Math.round(
        performance.now() - reading + counted.reduce((sum, child) => sum + (child.countedInMs ?? 0), 0),
      ),
      finishedAt: Date.now(),
    });
    // Tenants deleted since the previous run (or with their environment) stop counting as of this read.
    await this.counts.endVanishedTenants(accountId, runId, readAt);
    const { account, unique } = read;
    const totals: Totals =
      unique ??
      environments.reduce(
        (sum, e) => ({
          internal: sum.internal + e.internal,
          external: sum.external + e.external,
          named: sum.named + e.named,
        }),
        { internal: 0, external: 0, named: 0 },
      );
    const { limits, status } = evaluateLimits(account.subscription, totals);

    // Every child counted (production or not: its kind is data too); a result without a read time comes from a
    // worker older than these columns, and only the reads that say when they happened can be weighed.
    const reads = counted.flatMap((child) => (child.dataAsOf === undefined ? [] : [new Date(child.dataAsOf)]));
    const dataAsOf = oldestReadTime([readAt, ...reads])!;
    const previous = await newestOtherAccountSnapshot(this.dataSource, accountId, runId);
    const newer = previous?.dataAsOf;
    if (isSuperseded(dataAsOf, newer)) {
      this.logger.log(
        `Run ${runId} not stored: its data (as of ${dataAsOf.toISOString()}) is older than the stored ` +
          `snapshot's (${newer!.toISOString()})`,
      );
      return {
        skipped: true,
        reason: 'superseded',
        accountId,
        runId,
        dataAsOf: dataAsOf.toISOString(),
        newerDataAsOf: newer!.toISOString(),
      };
    }
    const model = account.subscriptionModel;
    const aggregation = account.aggregation;
    const events = usageEvents(
      accountId,
      { runId, model, aggregation, ...totals, limits, status, environments, dataAsOf },
      previous?.status ?? null,
    );
    const written = await this.counts.writeAccountSnapshot(
      { accountId, runId, model, aggregation, totals, limits, status, environments, dataAsOf },
      events,
    );
    if (!written) return { skipped: true, reason: 'account-not-found', accountId };
    // Webhook subscribers hear of the snapshot now rather than at the next scheduled fan-out.
    const fanOut = debouncedWebhookFanOut();
    await this.runner.queue('webhooks')?.add(fanOut.name, fanOut.data, fanOut.opts);
    if (children.length !== production.length) {
      this.logger.debug(`Run ${runId}: ${children.length - production.length} child(ren) outside totals`);
    }
    return {
      skipped: false,
      accountId,
      runId,
      model: account.subscriptionModel,
      aggregation: account.aggregation,
      ...totals,
      limits,
      status,
      environments,
      dataAsOf: dataAsOf.toISOString(),
    };
  }
}
