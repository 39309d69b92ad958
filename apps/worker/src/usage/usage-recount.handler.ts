import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, type EnvironmentKind, type UsageEnvironmentEntry } from '@roster/db';
import {
  type Aggregation,
  evaluateLimits,
  type JobPayloads,
  type LimitEvaluation,
  type SubscriptionModel,
  type Totals,
  usageRecountFlow,
} from '@roster/domain';
import { DataSource } from 'typeorm';
import { JobHandler, type JobOf } from '../jobs/job-handler.decorator.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import { accountLicensedTotals, countEnvironment, EnvironmentNotFoundError } from './environment-counts.js';

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
    } & Totals &
      LimitEvaluation)
  | { skipped: true; reason: 'account-not-found'; accountId: string };

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
  ) {}

  /**
   * Starts one recount flow over the account's current environments (production or not). The
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
    if (rows.length === 0) return { skipped: true, reason: 'account-not-found', accountId };
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
    try {
      counts = await countEnvironment(this.dataSource, environmentId);
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
                (id, environment_id, account_id, run_id, kind, internal, external, named, anonymous, inactive, computed_at)
              SELECT gen_random_uuid(), e.id, e.account_id, $2, $3, $4, $5, $6, $7, $8, now() FROM e
              ON CONFLICT (environment_id, run_id) DO UPDATE SET
                account_id = EXCLUDED.account_id, kind = EXCLUDED.kind, internal = EXCLUDED.internal,
                external = EXCLUDED.external, named = EXCLUDED.named, anonymous = EXCLUDED.anonymous,
                inactive = EXCLUDED.inactive, computed_at = EXCLUDED.computed_at
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
      ],
    )) as { name: string }[];
    if (written.length === 0) return skipped;
    return { skipped: false, environmentId, name: written[0]!.name, runId, ...counts };
  }

  /**
   * Runs after every child finished: the account snapshot of the run. Production children only
   * (their kind as counted) enter totals and the breakdown. `sum` adds the children's counts, so the
   * totals agree with the environment snapshots of the same run; `unique` needs people, not counts,
   * and asks the database (accountLicensedTotals) — read now, a moment after the children counted.
   */
  @JobHandler('usage.recount-account')
  async recountAccount(
    { accountId }: JobPayloads['usage.recount-account'],
    job: JobOf<'usage.recount-account'>,
  ): Promise<AccountRecountResult> {
    const runId = job.id!;
    const account = await this.dataSource.getRepository(Account).findOneBy({ id: accountId });
    if (!account) return { skipped: true, reason: 'account-not-found', accountId };

    const children = Object.values(await job.getChildrenValues<EnvironmentRecountResult>());
    const production = children
      .filter((child): child is Extract<EnvironmentRecountResult, { skipped: false }> => !child.skipped)
      .filter((child) => child.kind === 'production')
      .sort((a, b) => a.name.localeCompare(b.name) || a.environmentId.localeCompare(b.environmentId));
    const environments: UsageEnvironmentEntry[] = production.map(
      ({ environmentId, name, internal, external, named }) => ({ environmentId, name, internal, external, named }),
    );
    const totals: Totals =
      account.aggregation === 'sum'
        ? environments.reduce(
            (sum, e) => ({
              internal: sum.internal + e.internal,
              external: sum.external + e.external,
              named: sum.named + e.named,
            }),
            { internal: 0, external: 0, named: 0 },
          )
        : await accountLicensedTotals(this.dataSource, accountId, 'unique');
    const { limits, status } = evaluateLimits(account.subscription, totals);
    // INSERT … SELECT FROM accounts: an account deleted meanwhile writes nothing instead of failing.
    const written = (await this.dataSource.query(
      `INSERT INTO account_usage
         (id, account_id, run_id, model, aggregation, internal, external, named, limits, status, environments, computed_at)
       SELECT gen_random_uuid(), a.id, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, now()
         FROM accounts a WHERE a.id = $1
       ON CONFLICT (account_id, run_id) DO UPDATE SET
         model = EXCLUDED.model, aggregation = EXCLUDED.aggregation, internal = EXCLUDED.internal,
         external = EXCLUDED.external, named = EXCLUDED.named, limits = EXCLUDED.limits,
         status = EXCLUDED.status, environments = EXCLUDED.environments, computed_at = EXCLUDED.computed_at
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
    };
  }
}
