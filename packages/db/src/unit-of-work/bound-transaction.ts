import type pg from 'pg';
import { type QueryRunner, QueryFailedError } from 'typeorm';
import { bindingStatement, type BoundIds, inlineParameters } from './bound-reads.js';

/** A statement and its parameters, as `manager.query` takes them. */
export interface Statement {
  text: string;
  parameters: unknown[];
}

/** What a use case may tell its transaction about its writes (see BoundTransaction). */
export interface TransactionWrites {
  /** Sends a statement whose result the work does not need with the transaction's next message. */
  later(statement: Statement): void;
  /** The work changed nothing after all: the transaction ends with ROLLBACK (see wroteNothing). */
  wroteNothing(): void;
}

/** Characters of parameters a statement sent with COMMIT may have written into its text (see commit). */
const INLINE_PARAMETERS_UP_TO = 64 * 1024;

const parametersLength = (statement: Statement) =>
  statement.parameters.reduce<number>((sum, value) => sum + (typeof value === 'string' ? value.length : 0), 0);

/** Sends a statement with the transaction's next message (TransactionWrites.later). */
export type Later = (statement: Statement) => void;

/**
 * A write's transaction in as few round trips as its statements allow (docs/performance.md, issue 17): on this
 * kind of machine a round trip's socket writes cost more CPU than most statements do. Opening it and binding the
 * scope go with the work's first statement, `START TRANSACTION; <binding>; <statement>` in one simple-protocol
 * message (its parameters written in as bound-reads does); storing the changes goes with COMMIT. A deactivation
 * is then two round trips, not five; a transaction that sends nothing sends nothing at all. A write whose result
 * the work does not need can wait for the next message (later()): an UPDATE goes with the COMMIT, or ahead of the
 * next statement, which then sees it.
 *
 * Only those messages are rewritten; every other statement goes as TypeORM sends it. A statement that fails in a
 * message aborts the transaction, as it would have on its own, and its error is the message's; rollback() ends it.
 */
export class BoundTransaction implements TransactionWrites {
  /** Set once `START TRANSACTION` has been sent; what it answered, to be awaited before COMMIT. */
  private opened: Promise<unknown> | null = null;
  private readonly opening: string;
  /** Statements waiting for the next message, their parameters written in. */
  private waiting: string[] = [];
  private changedNothing = false;

  constructor(
    private readonly runner: QueryRunner,
    private readonly client: pg.PoolClient,
    ids: BoundIds,
  ) {
    this.opening = `START TRANSACTION; ${bindingStatement(ids)}`;
    const query = (text: unknown, parameters?: unknown[]): unknown => {
      if (typeof text !== 'string') {
        // A stream (a Submittable) cannot be prefixed: what it must follow is queued ahead of it.
        const ahead = this.take();
        if (ahead.length > 0) {
          const sent = client.query(ahead.join('; '));
          this.opened ??= sent;
          sent.catch(() => undefined);
        }
        return client.query(text as string, parameters);
      }
      const ahead = this.take();
      if (ahead.length === 0) return client.query(text, parameters);
      const sent = client.query(`${ahead.join('; ')}; ${inlineParameters(text, parameters)}`) as unknown as Promise<
        pg.QueryResult[]
      >;
      this.opened ??= sent;
      return sent.then((results) => results[results.length - 1]);
    };
    const bound = new Proxy(client, {
      get(target, property) {
        if (property === 'query') return query;
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    // TypeORM's runner sends every statement through the client its connect() resolved to; being told a
    // transaction is open (as startTransaction would), its saves join this one instead of opening their own.
    Object.assign(runner, {
      databaseConnection: bound,
      databaseConnectionPromise: Promise.resolve(bound),
      isTransactionActive: true,
      transactionDepth: 1,
    });
  }

  /** Sends `statement` with the next message: ahead of the work's next statement, or with the COMMIT. */
  later(statement: Statement): void {
    this.waiting.push(inlineParameters(statement.text, statement.parameters));
  }

  /**
   * Ends the transaction with ROLLBACK instead of COMMIT: a transaction that locked a row (or wrote anything) waits
   * for the disk to commit, and one that changed nothing needs not. Its locks go as they would.
   */
  wroteNothing(): void {
    this.changedNothing = true;
  }

  /**
   * Commits, with what waits and `last` (the changes' store) in the same message; nothing is sent if nothing was.
   * A large `last` (an import batch's thousands of changes) goes ahead on its own instead, its parameters bound:
   * written into the text, megabytes of JSON would be escaped character by character and parsed as a literal, which
   * costs more than the round trip saved.
   */
  async commit(last?: Statement): Promise<void> {
    if (last && parametersLength(last) > INLINE_PARAMETERS_UP_TO) await this.send(last);
    else if (last) this.later(last);
    if (this.changedNothing) {
      if (this.waiting.length > 0) throw new Error('A transaction that wrote nothing has writes to send');
      return this.rollback();
    }
    if (!this.opened && this.waiting.length === 0) return this.ended();
    // A stream's opening went on its own: had it failed, COMMIT would roll back without a word.
    if (this.opened) await this.opened;
    const statements = this.take();
    const text = [...statements, 'COMMIT'].join('; ');
    try {
      await this.client.query(text);
    } catch (error) {
      // As TypeORM reports a failed statement, so a refused write is answered as if it had been sent alone.
      throw new QueryFailedError(text, [], error as Error);
    }
    this.ended();
  }

  /** Sends `statement` now, with its parameters bound, after what must go ahead of it. */
  private async send(statement: Statement): Promise<void> {
    const ahead = this.take();
    try {
      if (ahead.length > 0) {
        const sent = this.client.query(ahead.join('; '));
        this.opened ??= sent;
        await sent;
      }
      await this.client.query(statement.text, statement.parameters);
    } catch (error) {
      throw new QueryFailedError(statement.text, [], error as Error);
    }
  }

  /** Rolls back what was sent, if anything was. */
  async rollback(): Promise<void> {
    if (this.opened) await this.client.query('ROLLBACK');
    this.ended();
  }

  /** What must go ahead of the next statement: the opening, once, and the statements waiting. */
  private take(): string[] {
    const ahead = this.opened ? this.waiting : [this.opening, ...this.waiting];
    this.waiting = [];
    return ahead;
  }

  private ended(): void {
    Object.assign(this.runner, { isTransactionActive: false, transactionDepth: 0 });
  }
}
