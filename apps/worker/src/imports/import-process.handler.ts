import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  newId,
  RecordNotFound,
  type ScopedWork,
  type TenantScope,
  type TenantTransaction,
  type UserImportRecord,
} from '@roster/db';
import {
  CANCELLABLE_IMPORT_STATES,
  type ChangeActor,
  type ImportFileProblem,
  type ImportItem,
  importReader,
  type JobPayloads,
  readImportRow,
} from '@roster/domain';
import { UnrecoverableError } from 'bullmq';
import { WorkerChanges } from '../changes/worker-changes.js';
import { JobHandler, type JobOf } from '../jobs/job-handler.decorator.js';
import { STARTUP_OPTIONS, type StartupOptions } from '../startup-options.js';
import { batchChanges } from './batch-changes.js';

/** Who reads an import and writes its progress: no change of anyone's data, so no actor of its own. */
const SYSTEM: ChangeActor = { kind: 'system', id: null };

/** The import was cancelled (or moved on) while the worker read it: its work so far is rolled back. */
class ImportStopped extends Error {}

/** The file was refused as a whole (a column nobody knows, a plain password column): nothing is staged. */
class FileRefused extends Error {
  constructor(readonly problem: ImportFileProblem) {
    super(problem.message);
  }
}

export interface ImportJobResult {
  importId: string;
  state: UserImportRecord['state'];
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  batches: { applied: number; total: number };
}

/**
 * The user import's job (issue 18, API.md §10). One job moves an import on from the state it finds it in:
 *
 * - queued (or validating: a retry): reads the stored upload piece by piece, checks each row on its own
 *   (readImportRow: the users API's rules) and COPYs it into the staging table, then checks the whole file against
 *   itself and the tenant in SQL and stores the prediction: `validated` for a dry run, else straight on.
 * - applying: re-checks once if the tenant may have changed since the dry run, then applies the rows in line
 *   order, `importBatchRows` per transaction through the unit of work, as the import's actor: each batch's users,
 *   memberships and grants, their change events (audit and outbox), the watermark and the progress commit together.
 *   A retried job (a worker killed mid-apply) starts after the last committed batch; a cancel is seen between
 *   batches.
 *
 * Errors retry (the job's attempts); the last attempt fails the import with a readable `failure`.
 */
@Injectable()
export class ImportProcessHandler {
  private readonly logger = new Logger('Imports');

  constructor(
    @Inject(WorkerChanges) private readonly changes: WorkerChanges,
    @Inject(STARTUP_OPTIONS) private readonly options: StartupOptions,
  ) {}

  @JobHandler('imports.process')
  async process(payload: JobPayloads['imports.process'], job: JobOf<'imports.process'>): Promise<ImportJobResult> {
    const { accountId, environmentId, tenantId, importId } = payload;
    const scope: TenantScope = { accountId, environmentId, tenantId };
    try {
      let current = await this.read(scope, importId);
      if (current.state === 'queued' || current.state === 'validating') {
        current = await this.validate(scope, current, job);
      }
      if (current.state === 'applying') current = await this.apply(scope, current, job);
      return resultOf(current);
    } catch (error) {
      if (error instanceof RecordNotFound) {
        throw new UnrecoverableError(`Import ${importId} no longer exists (its tenant was deleted?)`);
      }
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) await this.fail(scope, importId, error as Error);
      throw error;
    }
  }

  private read(scope: TenantScope, importId: string): Promise<UserImportRecord> {
    return this.work(scope, SYSTEM).read((tx) => tx.imports.get(importId));
  }

  private work(scope: TenantScope, actor: ChangeActor): ScopedWork<TenantTransaction> {
    return this.changes.unitOfWork.forTenant(scope, actor);
  }

  /** Reads, stages and checks the file; answers the import as it is afterwards. */
  private async validate(
    scope: TenantScope,
    imported: UserImportRecord,
    job: JobOf<'imports.process'>,
  ): Promise<UserImportRecord> {
    const id = imported.id;
    const work = this.work(scope, imported.actor);
    const started = await work.run(async (tx) => {
      const current = await tx.imports.get(id, { lock: true });
      if (current.state !== 'queued' && current.state !== 'validating') return false;
      await tx.imports.startValidation(id);
      return true;
    });
    if (!started) return this.read(scope, id);
    const began = Date.now();
    try {
      await work.run(async (tx) => {
        const rows = await this.stage(scope, imported, tx);
        const prediction = await tx.imports.staging.check(id);
        // Cancelled while it was read: nothing of it stays.
        if ((await tx.imports.get(id, { lock: true })).state !== 'validating') throw new ImportStopped();
        await tx.imports.recordPrediction(
          id,
          prediction,
          imported.dryRun ? 'validated' : 'applying',
          this.options.importBatchRows,
        );
        await tx.imports.deleteChunks(id);
        this.logger.log(`Import ${id}: ${rows} row(s) read and checked in ${Date.now() - began} ms`);
      });
    } catch (error) {
      if (error instanceof ImportStopped) {
        await work.run((tx) => tx.imports.deleteChunks(id));
      } else if (error instanceof FileRefused) {
        await work.run(async (tx) => {
          await tx.imports.refuseFile(id, error.problem, `The file was refused: ${error.problem.message}`);
          await tx.imports.deleteChunks(id);
        });
      } else {
        throw error;
      }
    }
    await job.updateProgress(imported.dryRun ? 100 : 0);
    return this.read(scope, id);
  }

  /**
   * Streams the upload through the reader into the staging table (COPY, in `tx`); reads the pieces and writes the
   * progress on other connections. Returns how many rows were staged.
   */
  private async stage(scope: TenantScope, imported: UserImportRecord, tx: TenantTransaction): Promise<number> {
    const id = imported.id;
    const writer = await tx.imports.staging.copyRows(id);
    const reader = importReader(imported.format);
    const decoder = new TextDecoder('utf-8');
    const side = this.work(scope, SYSTEM);
    let rows = 0;
    const take = async (items: ImportItem[]) => {
      for (const item of items) {
        if (item.kind === 'refused') throw new FileRefused(item.problem);
        rows += 1;
        if (item.kind === 'unreadable') {
          const errors = [{ field: item.field, message: item.message }];
          await writer.write({ line: item.line, row: null, errors, newUserId: newId() });
        } else {
          const { row, errors } = readImportRow(item.raw);
          await writer.write({ line: item.line, row, errors, newUserId: newId() });
        }
      }
    };
    try {
      for (let seq = 0; ; seq += 1) {
        const chunk = await side.read((r) => r.imports.chunk(id, seq));
        const items: ImportItem[] = [];
        const push = (item: ImportItem) => items.push(item);
        if (chunk === null) {
          reader.write(decoder.decode(), push);
          reader.end(push);
          await take(items);
          break;
        }
        reader.write(decoder.decode(chunk, { stream: true }), push);
        await take(items);
        const state = await side.run(async (r) => {
          await r.imports.setProcessed(id, rows);
          return (await r.imports.get(id)).state;
        });
        if (state !== 'validating') throw new ImportStopped();
      }
      return await writer.end();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  /** Applies the remaining batches; answers the import as it is afterwards. */
  private async apply(
    scope: TenantScope,
    imported: UserImportRecord,
    job: JobOf<'imports.process'>,
  ): Promise<UserImportRecord> {
    const id = imported.id;
    const work = this.work(scope, imported.actor);
    const batchRows = this.options.importBatchRows;
    // A dry run checked some time ago: the tenant may have changed since (a username taken, a group deleted).
    const stale =
      imported.checkedAt === null ||
      (imported.applyRequestedAt !== null && imported.checkedAt.getTime() < imported.applyRequestedAt.getTime());
    if (stale) {
      await work.run(async (tx) => {
        if ((await tx.imports.get(id, { lock: true })).state !== 'applying') return;
        await tx.imports.recordPrediction(id, await tx.imports.staging.check(id), 'applying', batchRows);
      });
    }
    for (;;) {
      const progress = await work.run(async (tx) => {
        const current = await tx.imports.get(id, { lock: true });
        if (current.state !== 'applying') return null;
        const batch = await tx.imports.staging.applyBatch(id, current.appliedThroughLine, batchRows);
        if (batch.lastLine === null) {
          await tx.imports.complete(id);
          return null;
        }
        tx.record(...batchChanges(batch));
        await tx.imports.advance(id, batch);
        return { applied: current.batchesApplied + 1, total: current.batchesTotal };
      });
      if (progress === null) break;
      await job.updateProgress(Math.min(99, Math.round((100 * progress.applied) / Math.max(progress.total, 1))));
    }
    const finished = await this.read(scope, id);
    if (finished.state === 'completed') await job.updateProgress(100);
    return finished;
  }

  /** Fails a running import for good, saying why; the batches it applied stay applied. */
  private async fail(scope: TenantScope, importId: string, error: Error): Promise<void> {
    try {
      await this.work(scope, SYSTEM).run(async (tx) => {
        const failed = await tx.imports.transition(importId, CANCELLABLE_IMPORT_STATES, 'failed', {
          failure:
            `The import failed and was given up after its retries: ${error.message}. Rows applied before ` +
            'stay applied (see batches); upload the file again to retry.',
          finished: true,
        });
        if (failed) await tx.imports.deleteChunks(importId);
      });
    } catch (failing) {
      this.logger.error(`Import ${importId}: could not record its failure: ${(failing as Error).message}`);
    }
  }
}

function resultOf(imported: UserImportRecord): ImportJobResult {
  return {
    importId: imported.id,
    state: imported.state,
    total: imported.total,
    created: imported.created,
    updated: imported.updated,
    unchanged: imported.unchanged,
    failed: imported.failed,
    batches: { applied: imported.batchesApplied, total: imported.batchesTotal },
  };
}
