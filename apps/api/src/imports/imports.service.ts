import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { newId, type TenantTransaction, type UserImportRecord } from '@roster/db';
import {
  DEFAULT_JOB_OPTIONS,
  importApplyRefusal,
  importCancelRefusal,
  type ImportFileProblem,
  type ImportItem,
  IMPORT_ERRORS_SHOWN,
  IMPORT_MEDIA_TYPES,
  importReader,
  type JobPayloads,
} from '@roster/domain';
import { Work, requestActor } from '../changes/work.js';
import { badRequest, conflict, Problem, TITLES } from '../common/problems.js';
import { CONFIG, type Config } from '../config/config.js';
import { RequestContext } from '../common/request-context.js';
import { Queues } from '../queues/queues.module.js';
import {
  type ImportListQuery,
  type ImportResponse,
  type ImportSummaryResponse,
  toImportResponse,
  toImportSummary,
} from './import.schemas.js';
import { emptyUpload, importMediaType, uploadChunks } from './import-upload.js';

/** An import's job retries sooner than the default: a user waits on it. */
const IMPORT_JOB_OPTIONS = { ...DEFAULT_JOB_OPTIONS, backoff: { type: 'exponential' as const, delay: 2_000 } };
/** Errors read per page of the CSV download. */
const ERROR_PAGE = 5_000;

export interface ImportStarted {
  importId: string;
  jobId: string;
}

/**
 * User imports of the tenant the request acts on (API.md §10, issue 18): the upload, stored as it streams in;
 * the job that checks (and applies) it; its report; apply and cancel. The worker does the reading, checking and
 * writing (apps/worker/src/imports).
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly work: Work,
    private readonly queues: Queues,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Stores the upload (in one transaction: an interrupted upload, or one that passes IMPORT_MAX_SIZE, leaves
   * nothing) and queues its job. Refuses at once what the first megabyte shows: an empty file, an unknown column, a
   * plain password column.
   */
  async create(body: unknown, contentType: string | undefined, dryRun: boolean): Promise<ImportStarted> {
    const mediaType = importMediaType(contentType);
    if (!(body instanceof Readable) && !(typeof body === 'object' && body !== null && 'pipe' in body)) {
      // A body Fastify parsed as something else never reaches here (its parser is the import one); no body at all.
      throw emptyUpload();
    }
    const format = IMPORT_MEDIA_TYPES[mediaType];
    const chunks = uploadChunks(body as Readable, this.config.importMaxBytes);
    const first = await chunks.next();
    if (first.done || first.value.toString('utf8').trim() === '') throw emptyUpload();
    // A second piece, read ahead: only a file of one piece can show from it that it holds no row at all.
    const second = await chunks.next();
    refuseAtOnce(format, first.value, second.done === true);

    const importId = newId();
    await this.work.tenant().run(async (data) => {
      await data.imports.create({ id: importId, dryRun, format, actor: requestActor() });
      let seq = 0;
      let size = 0;
      const store = async (chunk: Buffer) => {
        await data.imports.addChunk(importId, seq, chunk);
        seq += 1;
        size += chunk.length;
      };
      await store(first.value);
      if (!second.done) await store(second.value);
      for await (const chunk of chunks) await store(chunk);
      await data.imports.uploaded(importId, size, seq);
    });
    const jobId = await this.enqueue(importId, `import-${importId}`, async () => {
      await this.work.tenant().run((data) =>
        data.imports.transition(importId, ['queued'], 'failed', {
          failure: 'The import could not be queued (the job queue was unavailable); upload the file again.',
          finished: true,
        }),
      );
    });
    return { importId, jobId };
  }

  async get(importId: string): Promise<ImportResponse> {
    return this.work.tenant().read(async (data) => {
      const record = await data.imports.get(importId);
      return toImportResponse(record, await errorsOf(data.imports, record, IMPORT_ERRORS_SHOWN + 1));
    });
  }

  async list(
    query: ImportListQuery,
  ): Promise<{ items: ImportSummaryResponse[]; nextCursor: string | null; total?: number }> {
    return this.work.tenant().read(async (data) => {
      const page = await data.imports.list(query);
      return {
        items: page.items.map(toImportSummary),
        nextCursor: page.nextCursor,
        ...(query.includeTotal ? { total: await data.imports.count() } : {}),
      };
    });
  }

  /** Applies a validated dry run: 409 from any other state, naming it. */
  async apply(importId: string): Promise<ImportStarted> {
    await this.work.tenant().run(async (data) => {
      const record = await data.imports.get(importId, { lock: true });
      const refusal = importApplyRefusal(record.state);
      if (refusal) throw conflict(refusal);
      await data.imports.transition(importId, ['validated'], 'applying', { applyRequested: true });
    });
    const jobId = await this.enqueue(importId, `import-${importId}-apply-${Date.now()}`, async () => {
      await this.work.tenant().run((data) => data.imports.transition(importId, ['applying'], 'validated'));
    });
    return { importId, jobId };
  }

  /**
   * Cancels a running import: 409 once it finished. The worker stops at its next batch (or while reading); the
   * batches applied before stay applied, and the import says how many.
   */
  async cancel(importId: string): Promise<ImportResponse> {
    await this.work.tenant().run(async (data) => {
      const record = await data.imports.get(importId, { lock: true });
      const refusal = importCancelRefusal(record.state);
      if (refusal) throw conflict(refusal);
      await data.imports.cancel(importId);
      await data.imports.deleteChunks(importId);
    });
    return this.get(importId);
  }

  /**
   * Every error of the import as CSV (line, field, message), read a page at a time. Checks the import exists
   * first, so another tenant's id is a 404 rather than an empty file.
   */
  async errorsCsv(importId: string): Promise<Readable> {
    const work = this.work.tenant();
    await work.read((data) => data.imports.get(importId));
    async function* lines(): AsyncGenerator<string> {
      yield 'line,field,message\r\n';
      let after = 0;
      for (;;) {
        let page = await work.read((data) => data.imports.errors(importId, ERROR_PAGE, after));
        const full = page.length === ERROR_PAGE;
        // A page ends with whole lines: the next starts after the last one it holds completely.
        if (full) {
          const last = page.at(-1)!.line;
          const whole = page.filter((error) => error.line < last);
          if (whole.length > 0) page = whole;
        }
        if (page.length === 0) return;
        yield page
          .map((error) => `${error.line},${csvField(error.field ?? '')},${csvField(error.message)}\r\n`)
          .join('');
        if (!full) return;
        after = page.at(-1)!.line;
      }
    }
    return Readable.from(lines());
  }

  /** Queues the import's job; if Redis does not take it, `undo` puts the import back and the caller gets a 503. */
  private async enqueue(importId: string, jobId: string, undo: () => Promise<void>): Promise<string> {
    const { accountId, environmentId, tenantId } = RequestContext.tenant;
    const payload: JobPayloads['imports.process'] = { accountId, environmentId, tenantId, importId };
    try {
      const job = await this.queues.run(() =>
        this.queues.get('imports').add('imports.process', payload, { ...IMPORT_JOB_OPTIONS, jobId }),
      );
      return job.id ?? jobId;
    } catch (error) {
      this.logger.warn(`Import ${importId} could not be queued: ${(error as Error).message}`);
      await undo().catch(() => undefined);
      throw new Problem(503, TITLES[503]!, 'The job queue is unavailable right now; send the request again shortly.');
    }
  }
}

/**
 * Refuses at once (400) what the first chunk shows is wrong with the whole file: a column no import knows, a
 * plain password column (with why), no username column; a single-chunk file without any row. Rows are the
 * worker's to check, every one of them.
 */
function refuseAtOnce(format: 'csv' | 'jsonl', first: Buffer, whole: boolean): void {
  const reader = importReader(format);
  const items: ImportItem[] = [];
  // A multi-byte character split at the chunk's end decodes as U+FFFD, which no column name holds.
  reader.write(new TextDecoder('utf-8').decode(first), (item) => items.push(item));
  if (whole) reader.end((item) => items.push(item));
  const refused = items.find(
    (item): item is { kind: 'refused'; problem: ImportFileProblem } => item.kind === 'refused',
  );
  if (refused) {
    const { line, field, message } = refused.problem;
    throw badRequest(`The file is refused at line ${line}: ${message}`, [{ field, message }]);
  }
  if (whole && items.length === 0) {
    throw badRequest(
      format === 'csv'
        ? 'The file has a header row but no users; add one line per user.'
        : 'The file has no users; send one JSON object per line.',
    );
  }
}

/** The import's errors, when it has any (read from its staged rows only then). */
async function errorsOf(imports: TenantTransaction['imports'], record: UserImportRecord, limit: number) {
  return record.failed > 0 || record.fileErrors.length > 0 ? imports.errors(record.id, limit) : [];
}

/** A CSV value: quoted when it holds a comma, quote or line break; a leading = + @ is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
