import { TENANT_USAGE_SORTS } from '@roster/db';
import { AGGREGATIONS } from '@roster/domain';
import { z } from 'zod';
import { examples } from '../openapi/examples.js';
import { idField, pageOf, pageQuery } from '../common/schemas.js';

const count = z.number().int().nullable();
const SORTS = TENANT_USAGE_SORTS.flatMap((key) => [key, `-${key}`] as const);

export const tenantUsageListQuerySchema = pageQuery
  .extend({
    tenantId: idField.optional().describe('only this tenant (an empty list when the account has no such tenant)'),
    environmentId: idField.optional().describe('only the tenants of this environment'),
    kind: z
      .enum(['production', 'non-production'])
      .optional()
      .describe('only the tenants of production (or non-production) environments'),
    sort: z
      .enum(SORTS)
      .default('-named')
      .describe('a count (tenants not counted yet come last when descending) or the name; `-` for descending'),
  })
  .strict();
export type TenantUsageListQuery = z.output<typeof tenantUsageListQuerySchema>;

export const tenantUsageSchema = z
  .object({
    tenantId: z.uuid(),
    name: z.string(),
    environment: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['production', 'non-production']) }),
    internal: count,
    external: count,
    named: count,
    anonymous: count,
    inactive: count,
    changedAt: z.iso.datetime().nullable().describe('since when these counts hold; null before the first count'),
    computedAt: z.iso
      .datetime()
      .nullable()
      .describe('when the newest count that found them read the data; null before the first count'),
  })
  .meta({ id: 'TenantUsage' });

export const tenantUsageListSchema = pageOf(tenantUsageSchema)
  .extend({
    aggregation: z.enum(AGGREGATIONS).describe('how the account total counts a person with several records'),
    attribution: z
      .string()
      .describe('how a person counted in several tenants is attributed, and how the tenants relate to the total'),
  })
  .meta({ id: 'TenantUsageList', examples: [examples.tenantUsageList] });
export type TenantUsageListResponse = z.output<typeof tenantUsageListSchema>;
