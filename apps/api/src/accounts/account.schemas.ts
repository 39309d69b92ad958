import { AGGREGATIONS, SUBSCRIPTION_MODELS } from '@roster/domain';
import type { Account } from '@roster/db';
import { z } from 'zod';
import { nameField } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

const limitField = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(2_000_000_000)
  .nullable()
  .describe('null means unlimited');

const billingDayField = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be from 1 to 28')
  .max(28, 'must be from 1 to 28')
  .describe('The day of the month (UTC) each billing period starts; 1–28, so every month has it');

export const subscriptionInputSchema = z
  .object({
    model: z.enum(SUBSCRIPTION_MODELS),
    internalLimit: limitField.optional(),
    externalLimit: limitField.optional(),
    namedLimit: limitField.optional(),
    aggregation: z.enum(AGGREGATIONS).optional().describe('default: sum'),
    billingDay: billingDayField.optional().describe('default: 1'),
  })
  .strict()
  .meta({ id: 'SubscriptionInput' });

export const subscriptionSchema = z
  .object({
    model: z.enum(SUBSCRIPTION_MODELS),
    internalLimit: z.number().int().nullable(),
    externalLimit: z.number().int().nullable(),
    namedLimit: z.number().int().nullable(),
    aggregation: z.enum(AGGREGATIONS),
    billingDay: billingDayField,
  })
  .meta({ id: 'Subscription' });

export const createAccountSchema = z
  .object({ name: nameField(), subscription: subscriptionInputSchema })
  .strict()
  .meta({ id: 'CreateAccount', examples: [examples.createAccount] });
export type CreateAccountInput = z.output<typeof createAccountSchema>;

export const updateAccountSchema = z
  .object({
    name: nameField().optional(),
    subscription: subscriptionInputSchema.partial().strict().optional(),
  })
  .strict()
  .meta({ id: 'UpdateAccount' });
export type UpdateAccountInput = z.output<typeof updateAccountSchema>;

export const accountSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    subscription: subscriptionSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Account', examples: [examples.account] });
export type AccountResponse = z.infer<typeof accountSchema>;

export function toAccountResponse(account: Account): AccountResponse {
  return {
    id: account.id,
    name: account.name,
    subscription: { ...account.subscription, billingDay: account.billingDay },
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
