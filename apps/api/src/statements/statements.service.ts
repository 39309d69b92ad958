import { Injectable } from '@nestjs/common';
import { mapPage } from '@roster/db';
import { Work } from '../changes/work.js';
import type { PageQuery } from '../common/schemas.js';
import { toStatementResponse, toStatementSummary } from './statement.schemas.js';

/** An account's closed billing statements (API.md §8): the worker writes them, this reads them. */
@Injectable()
export class StatementsService {
  constructor(private readonly work: Work) {}

  async list(accountId: string, page: PageQuery) {
    const result = await this.work.account(accountId).read((data) => data.statements.list(page));
    return mapPage(result, toStatementSummary);
  }

  async get(accountId: string, periodFrom: Date) {
    return toStatementResponse(await this.work.account(accountId).read((data) => data.statements.get(periodFrom)));
  }
}
