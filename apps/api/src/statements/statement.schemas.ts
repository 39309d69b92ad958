import type { UsageStatement } from '@roster/db';
import { z } from 'zod';
import { pageQuery } from '../common/schemas.js';

const figures = z
  .object({
    peak: z.number().nullable(),
    p95: z.number().nullable().describe('Exceeded during at most 5 % of the covered time'),
    average: z.number().nullable().describe('Weighted by how long each value held; 2 decimals'),
    end: z.number().nullable().describe('In force when the period ended'),
  })
  .describe('null where no snapshot covers any of the period')
  .meta({ id: 'StatementFigures' });

const dimensions = { internal: figures, external: figures, named: figures };
const limitsOrStatus = <T extends z.ZodType>(value: T) =>
  z.object({ internal: value, external: value, named: value }).nullable();

export const statementSchema = z
  .object({
    id: z.uuid().describe('Also the id of its usage.statement.closed event'),
    accountId: z.uuid(),
    period: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
    closedAt: z.iso.datetime(),
    billingDay: z.number().int(),
    model: z.enum(['internal-external', 'named']),
    aggregation: z.enum(['sum', 'unique']),
    limits: limitsOrStatus(z.number().int().nullable()).describe('In force at the end of the period'),
    status: limitsOrStatus(z.enum(['ok', 'warning', 'exceeded']).nullable()).describe('At the end of the period'),
    account: z.object(dimensions),
    environments: z.array(
      z.object({ environmentId: z.uuid(), name: z.string().nullable(), ...dimensions }).describe('Production only'),
    ),
    tenants: z
      .array(
        z.object({
          tenantId: z.uuid(),
          environmentId: z.uuid(),
          name: z.string().describe('as last counted in the period'),
          ...dimensions,
        }),
      )
      .describe(
        'Each client tenant of a production environment with a licensed user during the period (deleted ones ' +
          'included), by name; empty in statements closed before per-tenant counts existed',
      ),
  })
  .meta({ id: 'UsageStatement' });
export type StatementResponse = z.infer<typeof statementSchema>;

export const statementSummarySchema = statementSchema
  .pick({ id: true, period: true, closedAt: true, account: true })
  .meta({ id: 'UsageStatementSummary' });

export const statementListQuery = pageQuery;

export const statementQuery = z
  .object({ format: z.enum(['json', 'csv'], { message: 'must be json or csv' }).optional() })
  .strict();
export type StatementQuery = z.output<typeof statementQuery>;

/** `2026-11-01` or `2026-11-01T00:00:00.000Z`: the start of a period (API.md §8). */
export const periodStartParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/, 'must be a date such as 2026-11-01 (the period’s first day, UTC)')
  .transform((text) => new Date(text.length === 10 ? `${text}T00:00:00.000Z` : text))
  .refine((date) => !Number.isNaN(date.getTime()), 'is not a date');

export function toStatementResponse(row: UsageStatement): StatementResponse {
  const statement = row.statement as Omit<StatementResponse, 'closedAt' | 'tenants'> & { tenants?: unknown };
  return {
    ...statement,
    tenants: (statement.tenants as StatementResponse['tenants'] | undefined) ?? [],
    closedAt: row.closedAt.toISOString(),
  };
}

export function toStatementSummary(row: UsageStatement) {
  const { id, period, closedAt, account } = toStatementResponse(row);
  return { id, period, closedAt, account };
}
