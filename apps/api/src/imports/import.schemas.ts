import type { ImportError, UserImportRecord } from '@roster/db';
import { IMPORT_ERRORS_SHOWN, IMPORT_STATES } from '@roster/domain';
import { z } from 'zod';
import { pageQuery } from '../common/schemas.js';

const booleanQuery = z.enum(['true', 'false'], { message: 'must be true or false' });

export const createImportQuery = z
  .object({
    dryRun: booleanQuery
      .default('false')
      .transform((value) => value === 'true')
      .describe(
        '`true`: read and check the file and predict what it would do, then wait in `validated` for ' +
          '`POST …/apply`; `false` (default): apply it as soon as it is checked',
      ),
  })
  .strict();
export type CreateImportQuery = z.output<typeof createImportQuery>;

export const importListQuery = pageQuery;
export type ImportListQuery = z.output<typeof importListQuery>;

export const importErrorsQuery = z
  .object({ format: z.enum(['csv']).default('csv').describe('csv (the only format): line, field, message') })
  .strict();

export const importStartedSchema = z
  .object({
    importId: z.uuid(),
    jobId: z
      .string()
      .describe(
        'the job that moves the import on, readable at `GET /jobs/:jobId` (the import itself, with its errors, ' +
          'stays the full account of it)',
      ),
  })
  .meta({ id: 'ImportStarted' });

const importErrorSchema = z
  .object({
    line: z.number().int().describe('the line of the file (in a CSV file, line 1 is the header)'),
    field: z.string().nullable().describe('the column, or null for the row (or file) as a whole'),
    message: z.string(),
  })
  .meta({ id: 'ImportError' });

const summaryFields = {
  id: z.uuid(),
  state: z
    .enum(IMPORT_STATES)
    .describe(
      'queued → validating → validated (a dry run, waiting for apply) → applying → completed; or failed ' +
        '(`failure` says why) or cancelled',
    ),
  dryRun: z.boolean(),
  format: z.enum(['csv', 'jsonl']),
  sizeBytes: z.number().int().describe('the size of the file uploaded'),
  total: z.number().int().describe('rows in the file (known once validated)'),
  processed: z
    .number()
    .int()
    .describe('rows handled in the current phase: read while validating, applied while applying'),
  created: z.number().int().describe('users the import creates (predicted by the check, then done by the apply)'),
  updated: z.number().int().describe('existing users it changes: a given field differs, or a group or role is added'),
  unchanged: z.number().int().describe('rows that change nothing'),
  failed: z.number().int().describe('rows with an error: never written'),
  licenseEffect: z
    .object({ internal: z.number().int(), external: z.number().int() })
    .describe('how the tenant’s internal and external licensed users move once the import is applied'),
  batches: z
    .object({ applied: z.number().int(), total: z.number().int() })
    .describe('apply batches, each one transaction; batches applied before a cancel or failure stay applied'),
  actor: z.object({ kind: z.string(), id: z.uuid().nullable() }).describe('who started the import (the audit actor)'),
  failure: z.string().optional().describe('why the import failed, when it did'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
};

export const importSummarySchema = z.object(summaryFields).meta({ id: 'ImportSummary' });

export const importSchema = z
  .object({
    ...summaryFields,
    errors: z
      .array(importErrorSchema)
      .describe(`the first ${IMPORT_ERRORS_SHOWN} errors in line order; GET …/errors?format=csv has them all`),
    errorsTruncated: z.boolean().describe(`true when there are more than ${IMPORT_ERRORS_SHOWN} errors`),
  })
  .meta({ id: 'Import' });
export type ImportResponse = z.output<typeof importSchema>;
export type ImportSummaryResponse = z.output<typeof importSummarySchema>;

export function toImportSummary(record: UserImportRecord): ImportSummaryResponse {
  return {
    id: record.id,
    state: record.state,
    dryRun: record.dryRun,
    format: record.format,
    sizeBytes: record.sizeBytes,
    total: record.total,
    processed: record.processed,
    created: record.created,
    updated: record.updated,
    unchanged: record.unchanged,
    failed: record.failed,
    licenseEffect: { internal: record.licenseInternal, external: record.licenseExternal },
    batches: { applied: record.batchesApplied, total: record.batchesTotal },
    actor: record.actor,
    ...(record.failure !== null ? { failure: record.failure } : {}),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}

export function toImportResponse(record: UserImportRecord, errors: ImportError[]): ImportResponse {
  return {
    ...toImportSummary(record),
    errors: errors.slice(0, IMPORT_ERRORS_SHOWN),
    errorsTruncated: errors.length > IMPORT_ERRORS_SHOWN,
  };
}
