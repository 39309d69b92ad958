import type { DeepPartial, EntityManager } from 'typeorm';
import { Operator } from '../entities/operator.entity.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import { found } from './errors.js';

const BY_USERNAME = { expression: 'lower(o.username)', idColumn: 'o.id' };

/** The operators of accounts (the platform admin, of no account, is never one of them here). */
export class OperatorsRepository {
  constructor(private readonly manager: EntityManager) {}

  create(values: DeepPartial<Operator>): Operator {
    return this.manager.create(Operator, values);
  }

  save(operator: Operator): Promise<Operator> {
    return this.manager.save(operator);
  }

  /** An account's operator, or RecordNotFound (the platform admin is no account's). */
  async get(id: string): Promise<Operator> {
    const operator = await this.manager.findOneBy(Operator, { id });
    return found(operator?.accountId ? operator : null, 'Operator', id);
  }

  list(accountId: string, page: PageQuery): Promise<Page<Operator>> {
    const query = this.manager
      .getRepository(Operator)
      .createQueryBuilder('o')
      .where('o.account_id = :accountId', { accountId });
    return paginate(query, page, BY_USERNAME);
  }

  /**
   * Locks the operator's account row first, then the operator: changes to one account's operators run
   * one at a time. Two owners demoting each other would otherwise each lock their target, then wait for
   * the other's row in otherOwnersLocked (a deadlock). FOR NO KEY UPDATE leaves inserts that refer to the
   * account (audit events, environments) free to proceed.
   */
  async lockWithAccount(id: string): Promise<Operator> {
    const [row] = (await this.manager.query('SELECT account_id FROM operators WHERE id = $1', [id])) as {
      account_id: string | null;
    }[];
    found(row?.account_id, 'Operator', id);
    await this.manager.query('SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [row!.account_id]);
    const operator = await this.manager.findOne(Operator, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return found(operator?.accountId ? operator : null, 'Operator', id);
  }

  /** How many owners of the account other than `leavingId` there are, locked until the transaction ends. */
  async otherOwnersLocked(accountId: string, leavingId: string): Promise<number> {
    const others: unknown[] = await this.manager.query(
      `SELECT id FROM operators WHERE account_id = $1 AND role = 'owner' AND id <> $2 FOR UPDATE`,
      [accountId, leavingId],
    );
    return others.length;
  }

  /** Ends every session of the operator (a new password does). */
  async endSessions(id: string): Promise<void> {
    await this.manager.query('DELETE FROM operator_sessions WHERE operator_id = $1', [id]);
  }

  async delete(id: string): Promise<void> {
    await this.manager.delete(Operator, { id });
  }
}
