import type { DeepPartial, EntityManager } from 'typeorm';
import { Account } from '../entities/account.entity.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import { accountNameTakenByAnother } from '../queries/accounts.js';
import { getById } from './account-rows.js';

const BY_NAME = { expression: 'lower(a.name)', idColumn: 'a.id' };

/** Accounts, the customers of the deployment. */
export class AccountsRepository {
  constructor(private readonly manager: EntityManager) {}

  create(values: DeepPartial<Account>): Account {
    return this.manager.create(Account, values);
  }

  save(account: Account): Promise<Account> {
    return this.manager.save(account);
  }

  get(id: string, options: { lock?: boolean } = {}): Promise<Account> {
    return getById(this.manager, Account, 'Account', id, options);
  }

  /** A page of accounts by name: every account (null), or only `onlyId`. */
  list(onlyId: string | null, page: PageQuery): Promise<Page<Account>> {
    const query = this.manager.getRepository(Account).createQueryBuilder('a');
    if (onlyId !== null) query.where('a.id = :accountId', { accountId: onlyId });
    return paginate(query, page, BY_NAME);
  }

  /** Whether an account other than `accountId` has this name, ignoring case (under the name's lock). */
  nameTakenByAnother(name: string, accountId: string | null): Promise<boolean> {
    return accountNameTakenByAnother(this.manager, name, accountId);
  }

  async delete(id: string): Promise<void> {
    await this.manager.delete(Account, { id });
  }
}
