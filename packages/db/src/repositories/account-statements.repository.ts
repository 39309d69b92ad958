import type { EntityManager } from 'typeorm';
import { UsageStatement } from '../entities/usage.entity.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import { found } from './errors.js';

const NEWEST_FIRST = { expression: 's.period_from', idColumn: 's.id', descending: true };

/** An account's closed billing statements (row-level security holds them to the bound account too). */
export class AccountStatementsRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly accountId: string | null,
  ) {}

  list(page: PageQuery): Promise<Page<UsageStatement>> {
    const query = this.manager
      .getRepository(UsageStatement)
      .createQueryBuilder('s')
      .where('s.account_id = :accountId', { accountId: this.accountId });
    return paginate(query, page, NEWEST_FIRST);
  }

  /** The statement of the period starting at `periodFrom`, or RecordNotFound. */
  async get(periodFrom: Date): Promise<UsageStatement> {
    const statement = await this.manager
      .getRepository(UsageStatement)
      .findOne({ where: { accountId: this.accountId ?? undefined, periodFrom } });
    return found(statement, 'Statement of the period starting', periodFrom.toISOString());
  }
}
