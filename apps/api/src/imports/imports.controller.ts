import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { IMPORT_COLUMNS, IGNORED_IMPORT_COLUMNS, IMPORT_MAX_ROWS, TENANT_MANAGERS } from '@roster/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { ResourceId } from '../common/resource-id.pipe.js';
import { pageOf } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import {
  createImportQuery,
  type CreateImportQuery,
  importErrorsQuery,
  importListQuery,
  type ImportListQuery,
  importSchema,
  importStartedSchema,
  importSummarySchema,
} from './import.schemas.js';
import { STREAMED_BODY } from './import-upload.js';
import { ImportsService } from './imports.service.js';

const importId = () => Param('importId', new ResourceId('Import'));
const tenantScoped = () => Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' });

const FILE_DESCRIPTION =
  `A CSV file (header row, then one user per line) or JSON Lines (one object per line), UTF-8, at most ` +
  `512 MB (the deployment’s IMPORT_MAX_SIZE) and ${IMPORT_MAX_ROWS.toLocaleString('en-US')} rows. Columns (keys), ` +
  `any case and order: ${IMPORT_COLUMNS.join(', ')}; ${IGNORED_IMPORT_COLUMNS.join(', ')} are accepted and ignored ` +
  '(an export imports back as it is). `username` is required; a column left out leaves that field of an existing ' +
  'user as it is, an empty value clears it. `isActive`: true/false, 1/0 or yes/no (new users: true). ' +
  '`passwordHash`: a bcrypt, PBKDF2-SHA256 or argon2 hash, set on new users and on users without a password ' +
  '(never replacing one), rehashed with argon2id at the next login; a plain `password` column is refused. ' +
  '`groups` (names) and `roles` (role keys): several separated by `;`, `\\;` and `\\\\` escaping; memberships and ' +
  'direct grants are added, none removed.';

@ApiTags('Users')
@Controller('tenants/:tenantId/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @RouteConfig({ [STREAMED_BODY]: true })
  @ApiOperation({
    operationId: 'createImport',
    summary: 'Import users from a CSV or JSON Lines file',
    description:
      'Stores the file (streamed) and queues its import: every row is checked with the rules of the users API, ' +
      'then against the file (the same username or address twice) and the tenant (addresses taken, unknown groups ' +
      'and roles), and matched to an existing user by username (once normalized), else by an externalId one user ' +
      'has. With `dryRun=true` the import stops at `validated` with its prediction (created, updated, unchanged, ' +
      'failed, license effect, errors) until applied. Rows with errors are never written; the others are, in ' +
      'batches. Follow it with `GET …/imports/:importId`. An empty file, an unknown column or a plain password ' +
      'column is a 400 at once; a file over 512 MB (the deployment’s IMPORT_MAX_SIZE) a 413 naming the limit, and ' +
      'nothing of it is stored.',
  })
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({ description: FILE_DESCRIPTION, schema: { type: 'string' } })
  @HttpCode(202)
  @tenantScoped()
  @ApiAcceptedResponse({ description: 'Stored and queued', standardSchema: importStartedSchema })
  @ApiPayloadTooLargeResponse({
    description: 'The file is over 512 MB (or the deployment’s IMPORT_MAX_SIZE); nothing is stored',
    standardSchema: problemSchema,
  })
  @ApiUnsupportedMediaTypeResponse({
    description: 'Not text/csv or application/x-ndjson, or not UTF-8',
    standardSchema: problemSchema,
  })
  create(
    @Req() request: FastifyRequest,
    @Headers('content-type') contentType: string | undefined,
    @Query({ schema: createImportQuery }) query: CreateImportQuery,
  ) {
    return this.imports.create(request.body, contentType, query.dryRun);
  }

  @Get()
  @ApiOperation({
    operationId: 'listImports',
    summary: 'List the tenant’s imports',
    description: 'Newest first, without their errors (read one import for those).',
  })
  @tenantScoped()
  @ApiOkResponse({ standardSchema: pageOf(importSummarySchema) })
  list(@Query({ schema: importListQuery }) query: ImportListQuery) {
    return this.imports.list(query);
  }

  @Get(':importId')
  @ApiOperation({
    operationId: 'getImport',
    summary: 'Get an import: its state, prediction or outcome, and errors',
    description:
      'The counts are the dry run’s prediction until the import is applied, then what the apply did (equal unless ' +
      'the tenant changed meanwhile). `errors`: the first 1000, each with its line and column.',
  })
  @tenantScoped()
  @ApiOkResponse({ standardSchema: importSchema })
  get(@importId() id: string) {
    return this.imports.get(id);
  }

  @Get(':importId/errors')
  @ApiOperation({
    operationId: 'getImportErrors',
    summary: 'Download every error of an import',
    description: 'All the errors of the import as CSV (line, field, message), in line order.',
  })
  @tenantScoped()
  @ApiOkResponse({
    description: 'CSV: line,field,message (a header row, then one error per row)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async errors(
    @importId() id: string,
    @Query({ schema: importErrorsQuery }) _query: { format: 'csv' },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = await this.imports.errorsCsv(id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${id}-errors.csv"`);
    return csv;
  }

  @Post(':importId/apply')
  @ApiOperation({
    operationId: 'applyImport',
    summary: 'Apply a dry run',
    description:
      'Applies a validated dry run (its rows are re-checked first if the tenant changed). From any other state a 409 ' +
      'says which state the import is in.',
  })
  @ApiConflictResponse({ description: 'The import is not `validated`', standardSchema: problemSchema })
  @HttpCode(202)
  @tenantScoped()
  @ApiAcceptedResponse({ description: 'Queued', standardSchema: importStartedSchema })
  apply(@importId() id: string) {
    return this.imports.apply(id);
  }

  @Post(':importId/cancel')
  @ApiOperation({
    operationId: 'cancelImport',
    summary: 'Cancel an import',
    description:
      'Cancels a queued, validating, validated or applying import; the worker stops before its next batch. Batches ' +
      'applied before stay applied (`batches.applied`). A finished import is a 409.',
  })
  @ApiConflictResponse({ description: 'The import has finished', standardSchema: problemSchema })
  @HttpCode(200)
  @tenantScoped()
  @ApiOkResponse({ description: 'The import, cancelled', standardSchema: importSchema })
  cancel(@importId() id: string) {
    return this.imports.cancel(id);
  }
}
