import type { ChangeActor, RecordedChange } from '@roster/domain';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { bindEachStatement, bindingStatement, UUID } from './bound-reads.js';
import { AccountTransaction, type AccountScope } from './account-transaction.js';
import { ChangeLog, type WorkScope } from './change-log.js';
import type { ChangeDispatcher } from './dispatcher.js';
import { storeChanges } from './outbox.js';
import { TenantTransaction, type TenantScope } from './tenant-transaction.js';

const idsOf = (scope: WorkScope) => ({ accountId: scope.accountId ?? '', tenantId: scope.tenantId ?? '' });

/**
 * Opens the transaction and binds its scope for row-level security (DESIGN.md §5) in one round trip:
 * START TRANSACTION and the settings, local to the transaction so a pooled connection carries nothing over to
 * the next one. The runner is told a transaction is open, as startTransaction would, so TypeORM's saves join
 * it instead of opening their own.
 */
async function beginBound(runner: QueryRunner, scope: WorkScope): Promise<void> {
  await runner.query(`START TRANSACTION; ${bindingStatement(idsOf(scope))}`);
  Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
}

/** Runs use cases of one scope, for one actor: writes with their changes, and reads. */
export class ScopedWork<Tx> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: ChangeDispatcher,
    private readonly scope: WorkScope,
    private readonly actor: ChangeActor,
    private readonly open: (manager: EntityManager, changes: ChangeLog) => Tx,
  ) {}

  /**
   * A write: one transaction bound to the scope; the changes the work records become audit and outbox rows
   * in it, and after the commit go to their consumers. Resolves once they did (a deleted key is refused by
   * every replica when its 204 is sent); a consumer's failure is the relay's to retry, not the caller's.
   */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const { result, changes } = await this.transaction(work);
    await this.dispatcher.dispatch(changes);
    return result;
  }

  /**
   * Reads: each statement carries the scope's binding (see bindEachStatement), without a transaction held
   * open around them. It records nothing.
   */
  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      bindEachStatement(runner, (await runner.connect()) as PoolClient, idsOf(this.scope));
      return await work(this.open(runner.manager, new ChangeLog(this.scope, this.actor, true)));
    } finally {
      await runner.release();
    }
  }

  /**
   * Stores the changes in the transaction. Platform-level work (an account's creation) binds no account up
   * front, so each account's changes are stored with their account bound, as the audit trail's policy wants.
   */
  private async store(manager: EntityManager, changes: RecordedChange[]): Promise<void> {
    if (this.scope.accountId !== null) return storeChanges(manager, changes);
    for (const accountId of new Set(changes.map((change) => change.accountId))) {
      await manager.query(bindingStatement({ accountId: accountId ?? '', tenantId: '' }));
      await storeChanges(
        manager,
        changes.filter((change) => change.accountId === accountId),
      );
    }
  }

  private async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<{ result: T; changes: RecordedChange[] }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await beginBound(runner, this.scope);
      const log = new ChangeLog(this.scope, this.actor);
      const result = await work(this.open(runner.manager, log));
      const changes = log.seal();
      await this.store(runner.manager, changes);
      await runner.commitTransaction();
      return { result, changes };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

/**
 * The one write path (DESIGN.md §5): every change to Roster's data goes through a unit of work, which opens
 * the transaction, binds the tenant or account, hands out the repositories that own the SQL, and turns the
 * typed change events the use case records into audit rows, outbox rows and, after the commit, deliveries
 * to every consumer (cache invalidation, recounts, webhooks). A new writer gets all of that by using it.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: ChangeDispatcher,
  ) {}

  forTenant(scope: TenantScope, actor: ChangeActor): ScopedWork<TenantTransaction> {
    for (const [name, id] of Object.entries(scope)) {
      if (typeof id !== 'string' || !UUID.test(id)) throw new Error(`A tenant's unit of work needs its ${name}`);
    }
    const { accountId, environmentId, tenantId } = scope;
    return new ScopedWork(
      this.dataSource,
      this.dispatcher,
      { accountId, environmentId, tenantId },
      actor,
      (manager, log) => new TenantTransaction(manager, { accountId, environmentId, tenantId }, log),
    );
  }

  /** An account's work; `accountId: null` is the platform's (creating and listing accounts). */
  forAccount(scope: AccountScope, actor: ChangeActor): ScopedWork<AccountTransaction> {
    if (scope.accountId !== null && !UUID.test(scope.accountId)) {
      throw new Error("An account's unit of work needs the account id");
    }
    const bound: WorkScope = { accountId: scope.accountId, environmentId: scope.environmentId ?? null };
    return new ScopedWork(
      this.dataSource,
      this.dispatcher,
      bound,
      actor,
      (manager, log) => new AccountTransaction(manager, scope, log),
    );
  }
}
