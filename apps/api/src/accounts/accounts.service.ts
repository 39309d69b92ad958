import { Injectable } from '@nestjs/common';
import { Account, accountNameTakenByAnother } from '@roster/db';
import { limitsOutsideModel, PLATFORM_ADMIN, type Subscription } from '@roster/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { mapPage, paginate } from '@roster/db';
import { badRequest, forbidden, notFound, Problem, TITLES } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { PageQuery } from '../common/schemas.js';
import { UsageRecounts } from '../usage/usage-recounts.js';
import {
  type AccountResponse,
  type CreateAccountInput,
  toAccountResponse,
  type UpdateAccountInput,
} from './account.schemas.js';

/** Refuses limits the model would ignore (a named-users limit on an internal/external plan, …). */
function checkSubscription(subscription: Subscription): void {
  const stray = limitsOutsideModel(subscription);
  if (stray.length > 0) {
    throw badRequest(
      `A "${subscription.model}" subscription does not use ${stray.join(' or ')}; remove it or change the model.`,
      stray.map((field) => ({
        field: `subscription.${field}`,
        message: `is not used by the ${subscription.model} model`,
      })),
    );
  }
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly recounts: UsageRecounts,
    private readonly bus: InvalidationBus,
  ) {}

  async create(input: CreateAccountInput): Promise<AccountResponse> {
    const subscription: Subscription = {
      model: input.subscription.model,
      internalLimit: input.subscription.internalLimit ?? null,
      externalLimit: input.subscription.externalLimit ?? null,
      namedLimit: input.subscription.namedLimit ?? null,
      aggregation: input.subscription.aggregation ?? 'sum',
    };
    checkSubscription(subscription);
    const created = await this.dataSource.transaction(async (manager) => {
      await refuseNameOfAnotherAccount(manager, input.name, null);
      const account = manager.create(Account, {
        name: input.name,
        subscriptionModel: subscription.model,
        internalLimit: subscription.internalLimit,
        externalLimit: subscription.externalLimit,
        namedLimit: subscription.namedLimit,
        aggregation: subscription.aggregation,
      });
      await manager.save(account);
      const after = toAccountResponse(account);
      await this.audit.record(manager, {
        accountId: account.id,
        action: 'account.created',
        targetType: 'account',
        targetId: account.id,
        after,
      });
      return after;
    });
    await this.recounts.schedule(created.id);
    return created;
  }

  async list(page: PageQuery) {
    const actor = RequestContext.actor;
    const query = this.dataSource.getRepository(Account).createQueryBuilder('a');
    if (actor.role !== PLATFORM_ADMIN) query.where('a.id = :accountId', { accountId: actor.accountId });
    const result = await paginate(query, page, {
      expression: 'lower(a.name)',
      idColumn: 'a.id',
    });
    return mapPage(result, toAccountResponse);
  }

  async get(id: string): Promise<AccountResponse> {
    return toAccountResponse(await this.find(id));
  }

  async update(id: string, input: UpdateAccountInput): Promise<AccountResponse> {
    const actor = RequestContext.actor;
    if (input.subscription && actor.role !== PLATFORM_ADMIN) {
      throw forbidden('Only the platform admin changes a subscription; owners may rename the account.');
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const account = await manager.findOne(Account, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw notFound('Account', id);
      const before = toAccountResponse(account);
      if (input.name !== undefined && actor.role === PLATFORM_ADMIN) {
        await refuseNameOfAnotherAccount(manager, input.name, id);
      }
      if (input.name !== undefined) account.name = input.name;
      if (input.subscription) {
        const merged: Subscription = { ...before.subscription, ...input.subscription };
        checkSubscription(merged);
        account.subscriptionModel = merged.model;
        account.internalLimit = merged.internalLimit;
        account.externalLimit = merged.externalLimit;
        account.namedLimit = merged.namedLimit;
        account.aggregation = merged.aggregation;
      }
      await manager.save(account);
      const after = toAccountResponse(account);
      await this.audit.record(manager, {
        accountId: id,
        action: 'account.updated',
        targetType: 'account',
        targetId: id,
        before,
        after,
      });
      return after;
    });
    // New limits or aggregation: the snapshot's totals and status are re-evaluated by a recount.
    if (input.subscription) await this.recounts.requestSoon(id);
    return updated;
  }

  /** Permanent: environments, tenants, operators and keys of the account go with it; the audit trail stays. */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.find(id);
      await manager.delete(Account, { id });
      await this.audit.record(manager, {
        accountId: id,
        action: 'account.deleted',
        targetType: 'account',
        targetId: id,
        before: toAccountResponse(account),
      });
    });
    await this.bus.announce({ kind: 'all' });
    await this.recounts.unschedule(id);
  }

  private async find(id: string): Promise<Account> {
    const account = await this.dataSource.getRepository(Account).findOneBy({ id });
    if (!account) throw notFound('Account', id);
    return account;
  }
}

/**
 * Account names are unique only in the platform admin's eyes (README: account names): the platform admin,
 * who sees every account, is refused another account's name, ignoring case; an owner is not, since a 409
 * would tell them another customer's name. The advisory lock makes two such requests at once take turns.
 */
async function refuseNameOfAnotherAccount(
  manager: EntityManager,
  name: string,
  accountId: string | null,
): Promise<void> {
  if (await accountNameTakenByAnother(manager, name, accountId)) {
    const detail = 'An account with this name already exists (ignoring case).';
    throw new Problem(409, TITLES[409]!, detail, [{ field: 'name', message: detail }]);
  }
}
