import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountToClose, type PeriodSnapshots, StatementsRepository } from '@roster/db';
import {
  type BillingPeriod,
  change,
  debouncedWebhookFanOut,
  lastBefore,
  periodsEndedBetween,
  STATEMENT_CLOSE_DELAY_MS,
  statementFigures,
} from '@roster/domain';
import { DataSource } from 'typeorm';
import { accountEvent, derivedId } from '../changes/account-events.js';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { JobRunner } from '../jobs/job-runner.service.js';

/**
 * Closes billing periods (API.md §8): for every account, each period that ended STATEMENT_CLOSE_DELAY_MS ago or
 * more and has no statement yet gets one, computed from the stored snapshots and written once. The first period
 * of an account is the one it was created in. Idempotent: a rerun finds every period closed.
 */
@Injectable()
export class CloseStatementsHandler {
  private readonly logger = new Logger('Statements');
  private readonly statements: StatementsRepository;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(JobRunner) private readonly runner?: JobRunner,
  ) {
    this.statements = new StatementsRepository(dataSource);
  }

  @JobHandler('usage.close-statements')
  async closeAll(): Promise<{ closed: number }> {
    const now = new Date(Date.now() - STATEMENT_CLOSE_DELAY_MS);
    let closed = 0;
    for (const account of await this.statements.accounts()) {
      for (const period of periodsEndedBetween(account.billingDay, since(account), now)) {
        if (await this.close(account, period)) closed += 1;
      }
    }
    if (closed > 0) {
      this.logger.log(`Closed ${closed} billing statement(s)`);
      // Webhook subscribers hear of it now rather than at the next scheduled fan-out.
      const { name, data, opts } = debouncedWebhookFanOut();
      await this.runner?.queue('webhooks')?.add(name, data, opts);
    }
    return { closed };
  }

  private async close(account: AccountToClose, period: BillingPeriod): Promise<boolean> {
    const statement = buildStatement(account, period, await this.statements.snapshots(account.id, period));
    const closed = accountEvent(
      change('usage.statement.closed', account.id, null, {
        statementId: statement.id,
        period: statement.period,
        account: statement.account,
      }),
      account.id,
      statementName(account.id, period),
    );
    return this.statements.close(account.id, period, statement, closed);
  }
}

/** What names a statement, and its event: the account and the period's start. */
const statementName = (accountId: string, period: BillingPeriod) =>
  `statement:${accountId}:${period.from.toISOString()}`;

/** Where to look for ended periods: after the newest statement, or from the account's creation. */
function since(account: AccountToClose): Date {
  return account.lastClosedTo ?? account.createdAt;
}

/** The statement of one period, from its snapshots: a pure function of what is stored, so a rerun is identical. */
export function buildStatement(account: AccountToClose, period: BillingPeriod, snapshots: PeriodSnapshots) {
  const id = derivedId(statementName(account.id, period));
  const atEnd = lastBefore(snapshots.account, period.to);
  return {
    id,
    accountId: account.id,
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    billingDay: account.billingDay,
    model: account.model,
    aggregation: account.aggregation,
    limits: atEnd?.limits ?? null,
    status: atEnd?.status ?? null,
    account: statementFigures(snapshots.account, period),
    environments: [...seriesBy(snapshots.environments, (s) => s.environmentId)].map(([environmentId, series]) => ({
      environmentId,
      name: lastBefore(series, period.to)?.name ?? null,
      ...statementFigures(series, period),
    })),
    // Every production tenant with a licensed user during the period (those deleted during it included), by
    // name; tenants with none have nothing to invoice, and the ended series of tenants deleted long ago stay out.
    tenants: [...seriesBy(snapshots.tenants, (s) => s.tenantId)]
      .map(([tenantId, series]) => {
        const last = lastBefore(series, period.to) ?? series[0]!;
        return { tenantId, environmentId: last.environmentId, name: last.name, ...statementFigures(series, period) };
      })
      .filter((tenant) => (tenant.named.peak ?? 0) > 0)
      .sort((a, b) => a.name.localeCompare(b.name) || a.tenantId.localeCompare(b.tenantId)),
  };
}

/** The snapshots grouped into one series per key. */
function seriesBy<T>(snapshots: readonly T[], key: (snapshot: T) => string): Map<string, T[]> {
  const series = new Map<string, T[]>();
  for (const snapshot of snapshots) series.set(key(snapshot), [...(series.get(key(snapshot)) ?? []), snapshot]);
  return series;
}
