import { Injectable } from '@nestjs/common';
import { type AccountTransaction, mapPage } from '@roster/db';
import { change, limitsOutsideModel, PLATFORM_ADMIN, type Subscription, visibleAccountId } from '@roster/domain';
import { Work } from '../changes/work.js';
import { badRequest, forbidden, Problem, TITLES } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { PageQuery } from '../common/schemas.js';
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
  constructor(private readonly work: Work) {}

  async create(input: CreateAccountInput): Promise<AccountResponse> {
    const subscription: Subscription = {
      model: input.subscription.model,
      internalLimit: input.subscription.internalLimit ?? null,
      externalLimit: input.subscription.externalLimit ?? null,
      namedLimit: input.subscription.namedLimit ?? null,
      aggregation: input.subscription.aggregation ?? 'sum',
    };
    checkSubscription(subscription);
    return this.work.platform().run(async (data) => {
      await refuseNameOfAnotherAccount(data, input.name, null);
      const account = await data.accounts.save(
        data.accounts.create({
          name: input.name,
          subscriptionModel: subscription.model,
          internalLimit: subscription.internalLimit,
          externalLimit: subscription.externalLimit,
          namedLimit: subscription.namedLimit,
          aggregation: subscription.aggregation,
          billingDay: input.subscription.billingDay ?? 1,
        }),
      );
      const after = toAccountResponse(account);
      data.record(change('account.created', account.id, null, after));
      return after;
    });
  }

  async list(page: PageQuery) {
    const only = visibleAccountId(RequestContext.actor);
    const result = await this.work.platform().read((data) => data.accounts.list(only, page));
    return mapPage(result, toAccountResponse);
  }

  async get(id: string): Promise<AccountResponse> {
    return toAccountResponse(await this.work.account(id).read((data) => data.accounts.get(id)));
  }

  async update(id: string, input: UpdateAccountInput): Promise<AccountResponse> {
    const actor = RequestContext.actor;
    if (input.subscription && actor.role !== PLATFORM_ADMIN) {
      throw forbidden('Only the platform admin changes a subscription; owners may rename the account.');
    }
    return this.work.account(id).run(async (data) => {
      const account = await data.accounts.get(id, { lock: true });
      const before = toAccountResponse(account);
      // Only who sees every account is refused their names (see refuseNameOfAnotherAccount).
      if (input.name !== undefined && visibleAccountId(actor) === null) {
        await refuseNameOfAnotherAccount(data, input.name, id);
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
        account.billingDay = input.subscription.billingDay ?? account.billingDay;
      }
      await data.accounts.save(account);
      const after = toAccountResponse(account);
      data.record(change('account.updated', id, before, after));
      return after;
    });
  }

  /** Permanent: environments, tenants, operators and keys of the account go with it; the audit trail stays. */
  async remove(id: string): Promise<void> {
    await this.work.account(id).run(async (data) => {
      const account = await data.accounts.get(id);
      await data.accounts.delete(id);
      data.record(change('account.deleted', id, toAccountResponse(account), null));
    });
  }
}

/**
 * Account names are unique only in the platform admin's eyes (README: account names): the platform admin,
 * who sees every account, is refused another account's name, ignoring case; an owner is not, since a 409
 * would tell them another customer's name. The advisory lock makes two such requests at once take turns.
 */
async function refuseNameOfAnotherAccount(
  data: AccountTransaction,
  name: string,
  accountId: string | null,
): Promise<void> {
  if (await data.accounts.nameTakenByAnother(name, accountId)) {
    const detail = 'An account with this name already exists (ignoring case).';
    throw new Problem(409, TITLES[409]!, detail, [{ field: 'name', message: detail }]);
  }
}
