import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, type EnvironmentKind, newestAccountDataAsOf, type UsageEnvironmentEntry } from '@roster/db';
import {
  type Aggregation,
  evaluateLimits,
  isSuperseded,
  JOBS,
  type JobPayloads,
  type LimitEvaluation,
  oldestReadTime,
  type SubscriptionModel,
  type Totals,
  usageRecountFlow,
} from '@roster/domain';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { JobHandler, type JobOf } from '../jobs/job-handler.decorator.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import {
  accountLicensedTotals,
  countEnvironment,
  EnvironmentNotFoundError,
  readAtOneInstant,
} from './environment-counts.js';
import { ensureAccountSchedule, removeAccountSchedule } from './account-schedules.js';

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
  | { skipped: true; reason: 'account-not-found'; accountId: string };

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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JobRunner) private readonly runner: JobRunner,
    @Inject(CONFIG) private readonly config: WorkerConfig,
  ) {}

  /**
   * The one entrance of a recount: the API (and the change relay) only add this request; the worker makes
   * sure the account has its periodic scheduler (or removes it, the account being gone) and starts one
   * recount flow over the account's current environments (production or not). The
   * parent gets a random UUID as job id, so run ids stay unique even if Redis is emptied and
   * BullMQ's counters restart (an incremental id would then overwrite an older run's snapshot).
   * A retry after the flow was added starts one more exact recount, which is harmless.
   */
  @JobHandler('usage.request-recount')
  async requestRecount({ accountId }: JobPayloads['usage.request-recount']): Promise<RecountRequestResult> {
    const rows = (await this.dataSource.query(
      `SELECT a.id AS account_id, e.id AS environment_id
         FROM accounts a LEFT JOIN environments e ON e.account_id = a.id
        WHERE a.id = $1
        ORDER BY e.id`,
      [accountId],
    )) as { account_id: string; environment_id: string | null }[];
    const queue = this.runner.queue(JOBS['usage.request-recount'].queue);
    if (!queue) throw new Error('The job runner is not started');
    if (rows.length === 0) {
      await removeAccountSchedule(queue, accountId);
      return { skipped: true, reason: 'account-not-found', accountId };
    }
    await ensureAccountSchedule(queue, accountId, this.config.usageRecountEveryMs);
    const environmentIds = rows.flatMap((row) => (row.environment_id === null ? [] : [row.environment_id]));
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
    let counts: Awaited<ReturnType<typeof countEnvironment>>;
    let readAt: Date;
    try {
      ({ readAt, value: counts } = await readAtOneInstant(this.dataSource, (db) =>
        countEnvironment(db, environmentId),
      ));
    } catch (error) {
      if (error instanceof EnvironmentNotFoundError) return skipped;
      throw error;
    }
    // The environment's row supplies account_id and name in the same statement as the upsert, so an
    // environment deleted between the count and the write yields no row (not a foreign-key error).
    const written = (await this.dataSource.query(
      `WITH e AS (SELECT id, account_id, name FROM environments WHERE id = $1),
            w AS (
              INSERT INTO environment_usage
                (id, environment_id, account_id, run_id, kind, internal, external, named, anonymous, inactive,
                 data_as_of, computed_at)
              SELECT gen_random_uuid(), e.id, e.account_id, $2, $3, $4, $5, $6, $7, $8, $9, now() FROM e
              ON CONFLICT (environment_id, run_id) DO UPDATE SET
                account_id = EXCLUDED.account_id, kind = EXCLUDED.kind, internal = EXCLUDED.internal,
                external = EXCLUDED.external, named = EXCLUDED.named, anonymous = EXCLUDED.anonymous,
                inactive = EXCLUDED.inactive, data_as_of = EXCLUDED.data_as_of, computed_at = EXCLUDED.computed_at
              RETURNING environment_id)
       SELECT e.name FROM e JOIN w ON w.environment_id = e.id`,
      [
        environmentId,
        runId,
        counts.kind,
        counts.internal,
        counts.external,
        counts.named,
        counts.anonymous,
        counts.inactive,
        readAt,
      ],
    )) as { name: string }[];
    if (written.length === 0) return skipped;
    return { skipped: false, environmentId, name: written[0]!.name, runId, ...counts, dataAsOf: readAt.toISOString() };
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

    const { readAt, value: read } = await readAtOneInstant(this.dataSource, async (db) => {
      const account = await db.getRepository(Account).findOneBy({ id: accountId });
      if (!account) return undefined;
      const unique = account.aggregation === 'unique' ? await accountLicensedTotals(db, accountId, 'unique') : null;
      return { account, unique };
    });
    if (!read) return { skipped: true, reason: 'account-not-found', accountId };
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
    const newer = await newestAccountDataAsOf(this.dataSource, accountId, runId);
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
    // INSERT … SELECT FROM accounts: an account deleted meanwhile writes nothing instead of failing.
    const written = (await this.dataSource.query(
      `INSERT INTO account_usage
         (id, account_id, run_id, model, aggregation, internal, external, named, limits, status, environments,
          data_as_of, computed_at)
       SELECT gen_random_uuid(), a.id, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, now()
         FROM accounts a WHERE a.id = $1
       ON CONFLICT (account_id, run_id) DO UPDATE SET
         model = EXCLUDED.model, aggregation = EXCLUDED.aggregation, internal = EXCLUDED.internal,
         external = EXCLUDED.external, named = EXCLUDED.named, limits = EXCLUDED.limits,
         status = EXCLUDED.status, environments = EXCLUDED.environments, data_as_of = EXCLUDED.data_as_of,
         computed_at = EXCLUDED.computed_at
       RETURNING id`,
      [
        accountId,
        runId,
        account.subscriptionModel,
        account.aggregation,
        totals.internal,
        totals.external,
        totals.named,
        JSON.stringify(limits),
        JSON.stringify(status),
        JSON.stringify(environments),
        dataAsOf,
      ],
    )) as unknown[];
    if (written.length === 0) return { skipped: true, reason: 'account-not-found', accountId };
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
