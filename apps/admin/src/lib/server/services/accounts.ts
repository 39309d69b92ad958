import type { RosterClient, Schemas } from '@roster/api-client';
import { count, text } from '$lib/server/forms';
import { callApi } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';

export type Account = Schemas['Account'];
export type Subscription = Schemas['Subscription'];
export type SubscriptionModel = Subscription['model'];
export type Aggregation = Subscription['aggregation'];

/** Names of accounts, environments and tenants (the API's `nameField`). */
export const MAX_NAME_LENGTH = 200;
/** The largest limit the API accepts. */
export const MAX_LIMIT = 2_000_000_000;

const ACCOUNT_NOT_FOUND = 'This account does not exist, or you have no access to it.';
const ACCOUNT_NAME_TAKEN = 'Another account already has this name.';

/** What reading a form gave: the value to send, or messages per field (named like the API's fields). */
export type FormRead<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string> };

/** Every account for the platform admin; the operator's own for everyone else. */
export function listAccounts(api: RosterClient): Promise<Account[]> {
  return collectAll((cursor) =>
    callApi(() => api.GET('/api/v1/accounts', { params: { query: { limit: MAX_PAGE_SIZE, cursor } } })),
  );
}

export function getAccount(api: RosterClient, accountId: string): Promise<Account> {
  return callApi(() => api.GET('/api/v1/accounts/{accountId}', { params: { path: { accountId } } }), {
    404: ACCOUNT_NOT_FOUND,
  });
}

/** Platform admin only. */
export function createAccount(api: RosterClient, body: Schemas['CreateAccount']): Promise<Account> {
  return callApi(() => api.POST('/api/v1/accounts', { body }), {
    403: 'Only the platform admin creates accounts.',
    409: ACCOUNT_NAME_TAKEN,
  });
}

/** Owners may rename; only the platform admin changes the subscription (403 otherwise). */
export function updateAccount(api: RosterClient, accountId: string, body: Schemas['UpdateAccount']): Promise<Account> {
  return callApi(() => api.PATCH('/api/v1/accounts/{accountId}', { params: { path: { accountId } }, body }), {
    403: body.subscription
      ? 'Only the platform admin changes a subscription.'
      : 'Only an owner of the account may rename it.',
    404: ACCOUNT_NOT_FOUND,
    409: ACCOUNT_NAME_TAKEN,
  });
}

/** Permanent: environments, tenants, end users, operators and API keys go with the account. */
export async function deleteAccount(api: RosterClient, accountId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/accounts/{accountId}', { params: { path: { accountId } } }), {
    403: 'Only the platform admin deletes accounts.',
    404: ACCOUNT_NOT_FOUND,
  });
}

/** The message for a name field's value, or null when the API will accept it. */
export function nameProblem(value: string): string | null {
  if (value === '') return 'Enter a name.';
  if (value.length > MAX_NAME_LENGTH) return `Use at most ${MAX_NAME_LENGTH} characters.`;
  return null;
}

/** The trimmed `name` field of a form. */
export function readName(form: FormData, field = 'name'): FormRead<string> {
  const value = text(form, field);
  const problem = nameProblem(value);
  return problem ? { ok: false, fieldErrors: { [field]: problem } } : { ok: true, value };
}

type LimitField = 'internalLimit' | 'externalLimit' | 'namedLimit';

/** The limits each model applies; the API refuses the others (they would silently never count). */
export const LIMITS_OF_MODEL: Readonly<Record<SubscriptionModel, readonly LimitField[]>> = {
  'internal-external': ['internalLimit', 'externalLimit'],
  named: ['namedLimit'],
};

/**
 * Reads the subscription fields (`model`, the limits, `aggregation`, `billingDay`). An empty limit means
 * unlimited; limits the chosen model does not use are sent as null, so changing the model
 * clears them. Field errors are keyed like the API's (`subscription.internalLimit`).
 */
export function readSubscription(form: FormData): FormRead<Subscription> {
  const fieldErrors: Record<string, string> = {};
  const model = text(form, 'model');
  const aggregation = text(form, 'aggregation') || 'sum';
  const billingDayText = text(form, 'billingDay') || '1';
  const billingDay = Number(billingDayText);

  if (!/^\d{1,2}$/.test(billingDayText) || billingDay < 1 || billingDay > 28) {
    fieldErrors['subscription.billingDay'] = 'Choose a day from 1 to 28, so that every month has it.';
  }
  if (!isModel(model)) fieldErrors['subscription.model'] = 'Choose how this subscription counts users.';
  if (aggregation !== 'sum' && aggregation !== 'unique') {
    fieldErrors['subscription.aggregation'] = 'Choose how production environments are combined.';
  }

  const limits: Record<LimitField, number | null> = { internalLimit: null, externalLimit: null, namedLimit: null };
  for (const field of isModel(model) ? LIMITS_OF_MODEL[model] : []) {
    const value = count(form, field);
    if (value === undefined) {
      fieldErrors[`subscription.${field}`] =
        'Enter a whole number such as 1,000 or 1000, or leave it empty for unlimited.';
    } else if (value !== null && value > MAX_LIMIT) {
      fieldErrors[`subscription.${field}`] =
        `Use at most ${MAX_LIMIT.toLocaleString('en-US')}, or leave it empty for unlimited.`;
    } else {
      limits[field] = value;
    }
  }

  if (Object.keys(fieldErrors).length > 0 || !isModel(model)) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: { model, ...limits, aggregation: aggregation === 'unique' ? 'unique' : 'sum', billingDay },
  };
}

/** The create form: a name and a subscription, every problem reported at once. */
export function readNewAccount(form: FormData): FormRead<Schemas['CreateAccount']> {
  const name = readName(form);
  const subscription = readSubscription(form);
  if (!name.ok || !subscription.ok) {
    return {
      ok: false,
      fieldErrors: { ...(name.ok ? {} : name.fieldErrors), ...(subscription.ok ? {} : subscription.fieldErrors) },
    };
  }
  return { ok: true, value: { name: name.value, subscription: subscription.value } };
}

function isModel(value: string): value is SubscriptionModel {
  return value === 'internal-external' || value === 'named';
}
