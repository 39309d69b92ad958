import type { ChangeActor, RecordedChange } from '@roster/domain';
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { bindEachStatement, bindingStatement, UUID } from './bound-reads.js';
import { AccountTransaction, type AccountScope } from './account-transaction.js';
import { BoundTransaction, type Statement, type TransactionWrites } from './bound-transaction.js';
import { openCursorText, type TextStreamOptions } from './cursor-text.js';
import { ChangeLog, type WorkScope } from './change-log.js';
import type { ChangeDispatcher } from './dispatcher.js';
import { changesStatement, storeChanges } from './outbox.js';
import { TenantTransaction, type TenantScope } from './tenant-transaction.js';

/** A read's: it has no writes to send, and ends as it always does. */
const READ_ONLY: TransactionWrites = {
  later() {
    throw new Error('A read writes nothing; use run() to write');
  },
  wroteNothing() {},
};

const idsOf = (scope: WorkScope) => ({ accountId: scope.accountId ?? '', tenantId: scope.tenantId ?? '' });

/** Runs use cases of one scope, for one actor: writes with their changes, and reads. */
export class ScopedWork<Tx> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: ChangeDispatcher,
    private readonly scope: WorkScope,
    private readonly actor: ChangeActor,
    private readonly open: (manager: EntityManager, changes: ChangeLog, writes: TransactionWrites) => Tx,
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
      return await work(this.open(runner.manager, new ChangeLog(this.scope, this.actor, true), READ_ONLY));
    } finally {
      await runner.release();
    }
  }

  /**
   * A read streamed from a server-side cursor, for answers too large to hold (an export): `work` may read first
   * (what it throws, a 404, is the caller's before any byte is sent) and returns the statement to stream, whose rows
   * are one text column each; the stream is their text, `options.head` first (see openCursorText).
   *
   * It runs on a connection of its own, in one REPEATABLE READ, READ ONLY transaction bound to the scope (row-level
   * security holds for the cursor as for any statement): `work`'s reads and every row streamed see one snapshot,
   * however long the client takes. The transaction ends and the connection goes back to the pool when the stream
   * ends, fails or is destroyed (a client that went away); a connection that could not be closed cleanly is
   * discarded rather than reused.
   */
  async stream(work: (tx: Tx) => Promise<Statement>, options?: TextStreamOptions): Promise<Readable> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const done = async (lost?: Error) => {
      let broken = lost;
      if (!broken) await client.query('ROLLBACK').catch((error: unknown) => (broken = error as Error));
      await releaseConnection(runner, broken);
    };
    let statement: Statement;
    try {
      await client.query(
        `START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; ${bindingStatement(idsOf(this.scope))}`,
      );
      statement = await work(this.open(runner.manager, new ChangeLog(this.scope, this.actor, true), READ_ONLY));
    } catch (error) {
      await done();
      throw error;
    }
    return openCursorText(client, statement, done, options);
  }

  /**
   * Commits the transaction with its changes as audit and outbox rows: in the COMMIT's own message for a scope's
   * work. Platform-level work (an account's creation) binds no account up front, so each account's changes are
   * stored with their account bound, as the audit trail's policy wants, before the COMMIT.
   */
  private async commit(
    transaction: BoundTransaction,
    manager: EntityManager,
    changes: RecordedChange[],
  ): Promise<void> {
    if (changes.length === 0) return transaction.commit();
    if (this.scope.accountId !== null) return transaction.commit(changesStatement(changes));
    for (const accountId of new Set(changes.map((change) => change.accountId))) {
      await manager.query(bindingStatement({ accountId: accountId ?? '', tenantId: '' }));
      await storeChanges(
        manager,
        changes.filter((change) => change.accountId === accountId),
      );
    }
    await transaction.commit();
  }

  private async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<{ result: T; changes: RecordedChange[] }> {
    const runner = this.dataSource.createQueryRunner();
    const transaction = new BoundTransaction(runner, (await runner.connect()) as PoolClient, idsOf(this.scope));
    try {
      const log = new ChangeLog(this.scope, this.actor);
      const result = await work(this.open(runner.manager, log, transaction));
      const changes = log.seal();
      await this.commit(transaction, runner.manager, changes);
      return { result, changes };
    } catch (error) {
      if (runner.isTransactionActive) await transaction.rollback().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

/** Hands the runner's connection back to the pool, or, with `broken`, has the pool close it instead. */
async function releaseConnection(runner: QueryRunner, broken: Error | undefined): Promise<void> {
  const release = (runner as QueryRunner & { releasePostgresConnection?(error?: Error): Promise<void> })
    .releasePostgresConnection;
  if (broken && release) await release.call(runner, broken);
  else await runner.release();
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
      (manager, log, writes) => new TenantTransaction(manager, { accountId, environmentId, tenantId }, log, writes),
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
