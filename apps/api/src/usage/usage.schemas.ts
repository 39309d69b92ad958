import { AGGREGATIONS, SUBSCRIPTION_MODELS } from '@roster/domain';
import { z } from 'zod';
import { examples } from '../openapi/examples.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest history one request may ask for, per granularity (keeps the answer ≤ ~750 items). */
export const HISTORY_MAX_RANGE_MS = { hour: 31 * DAY_MS, day: 366 * DAY_MS } as const;
/** Without from: this long before `to`. */
export const HISTORY_DEFAULT_RANGE_MS = 30 * DAY_MS;

const count = z.number().int().nullable();
const limitStatus = z.enum(['ok', 'warning', 'exceeded']).nullable();

export const environmentUsageSchema = z
  .object({
    environmentId: z.uuid(),
    kind: z.enum(['production', 'non-production']),
    internal: count,
    external: count,
    named: count,
    anonymous: count,
    inactive: count,
    computedAt: z.iso
      .datetime()
      .nullable()
      .describe('when the counted data was read (the oldest read of an account total); null before the first count'),
  })
  .meta({ id: 'EnvironmentUsage', examples: [examples.environmentUsage] });
export type EnvironmentUsageResponse = z.output<typeof environmentUsageSchema>;

export const environmentUsageListSchema = z
  .object({
    items: z.array(environmentUsageSchema.extend({ name: z.string() }).meta({ id: 'NamedEnvironmentUsage' })),
  })
  .meta({ id: 'EnvironmentUsageList' });
export type EnvironmentUsageListResponse = z.output<typeof environmentUsageListSchema>;

export const accountUsageSchema = z
  .object({
    accountId: z.uuid(),
    model: z.enum(SUBSCRIPTION_MODELS),
    aggregation: z.enum(AGGREGATIONS),
    internal: count,
    external: count,
    named: count,
    limits: z.object({ internal: count, external: count, named: count }),
    status: z.object({ internal: limitStatus, external: limitStatus, named: limitStatus }),
    environments: z
      .array(
        z.object({
          environmentId: z.uuid(),
          name: z.string().nullable().describe('null once the environment is deleted'),
          internal: z.number().int(),
          external: z.number().int(),
          named: z.number().int(),
        }),
      )
      .describe('production environments only'),
    computedAt: z.iso
      .datetime()
      .nullable()
      .describe('when the counted data was read (the oldest read of an account total); null before the first count'),
  })
  .meta({ id: 'AccountUsage', examples: [examples.accountUsage] });
export type AccountUsageResponse = z.output<typeof accountUsageSchema>;

export const usageHistoryQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe('default: 30 days before `to`'),
    to: z.iso.datetime({ offset: true }).optional().describe('default: now'),
    granularity: z.enum(['hour', 'day']).default('day'),
  })
  .strict();
export type UsageHistoryQuery = z.output<typeof usageHistoryQuerySchema>;

export const usageHistorySchema = z
  .object({
    items: z.array(
      z.object({
        at: z.iso.datetime().describe('the start of the bucket (UTC)'),
        internal: z.number().int().describe('the peak in the bucket'),
        external: z.number().int(),
        named: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'UsageHistory', examples: [examples.usageHistory] });
export type UsageHistoryResponse = z.output<typeof usageHistorySchema>;

export const recountAcceptedSchema = z
  .object({ jobId: z.string().describe('follow it with GET /jobs/{jobId}') })
  .meta({ id: 'RecountAccepted' });
