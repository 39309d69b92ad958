import type { ChangeActor, ImportFormat, ImportState } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { found, InputRejected } from './errors.js';
import { type AppliedBatch, type ImportPrediction, ImportStaging } from './user-import-staging.js';

/** One reported problem of an import: the file's line, the column (null: the row or file as a whole), what. */
export interface ImportError {
  line: number;
  field: string | null;
  message: string;
}

/** An import as stored (user_imports, migration UserImports1765800000000). */
export interface UserImportRecord {
  id: string;
  tenantId: string;
  accountId: string;
  environmentId: string;
  state: ImportState;
  dryRun: boolean;
  format: ImportFormat;
  actor: ChangeActor;
  sizeBytes: number;
  chunkCount: number;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  licenseInternal: number;
  licenseExternal: number;
  batchesTotal: number;
  batchesApplied: number;
  appliedThroughLine: number;
  fileErrors: ImportError[];
  failure: string | null;
  checkedAt: Date | null;
  applyRequestedAt: Date | null;
  purgedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface NewUserImport {
  id: string;
  dryRun: boolean;
  format: ImportFormat;
  actor: ChangeActor;
}

const COLUMNS = `i.id, i.tenant_id AS "tenantId", i.account_id AS "accountId", i.environment_id AS "environmentId",
  i.state, i.dry_run AS "dryRun", i.format, json_build_object('kind', i.actor_type, 'id', i.actor_id) AS actor,
  i.size_bytes::float8 AS "sizeBytes", i.chunk_count AS "chunkCount", i.total, i.processed, i.created, i.updated,
  i.unchanged, i.failed, i.license_internal AS "licenseInternal", i.license_external AS "licenseExternal",
  i.batches_total AS "batchesTotal", i.batches_applied AS "batchesApplied",
  i.applied_through_line AS "appliedThroughLine", i.file_errors AS "fileErrors", i.failure,
  i.checked_at AS "checkedAt", i.apply_requested_at AS "applyRequestedAt", i.purged_at AS "purgedAt",
  i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.finished_at AS "finishedAt"`;

/** A page of imports, newest first. */
export interface ImportPage {
  items: UserImportRecord[];
  nextCursor: string | null;
}

/** The states a cancel ends (packages/domain CANCELLABLE_IMPORT_STATES), as SQL. */
const CANCELLABLE = `('queued', 'validating', 'validated', 'applying')`;

/**
 * The user imports of one tenant (issue 18): the upload, the import's state and counts, its report, and (through
 * `staging`) the rows of its file with the set-based SQL that checks and applies them. Every statement names the
 * tenant; row-level security holds roster_api to it besides.
 */
export class UserImportsRepository {
  /** The staged rows: COPY, checks, prediction, apply batches. */
  readonly staging: ImportStaging;

  constructor(
    private readonly manager: EntityManager,
    readonly tenantId: string,
    readonly accountId: string,
    readonly environmentId: string,
  ) {
    this.staging = new ImportStaging(manager, tenantId, environmentId);
  }

  /** A new import, queued; its upload follows (addChunk, uploaded). */
  async create(input: NewUserImport): Promise<void> {
    await this.manager.query(
      `INSERT INTO user_imports (tenant_id, id, account_id, environment_id, dry_run, format, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.tenantId,
        input.id,
        this.accountId,
        this.environmentId,
        input.dryRun,
        input.format,
        input.actor.kind,
        input.actor.id,
      ],
    );
  }

  /** Stores the `seq`-th piece of the upload. */
  async addChunk(importId: string, seq: number, data: Buffer): Promise<void> {
    await this.manager.query(
      'INSERT INTO user_import_chunks (tenant_id, import_id, seq, data) VALUES ($1, $2, $3, $4)',
      [this.tenantId, importId, seq, data],
    );
  }

  /** Records the upload's size once every piece is stored. */
  async uploaded(importId: string, sizeBytes: number, chunkCount: number): Promise<void> {
    await this.manager.query(
      'UPDATE user_imports SET size_bytes = $3, chunk_count = $4 WHERE tenant_id = $1 AND id = $2',
      [this.tenantId, importId, sizeBytes, chunkCount],
    );
  }

  /** The `seq`-th piece of the upload, or null past the last (or once they were deleted). */
  async chunk(importId: string, seq: number): Promise<Buffer | null> {
    const rows: { data: Buffer }[] = await this.manager.query(
      'SELECT data FROM user_import_chunks WHERE tenant_id = $1 AND import_id = $2 AND seq = $3',
      [this.tenantId, importId, seq],
    );
    return rows[0]?.data ?? null;
  }

  /** Deletes the upload (the staged rows hold what the worker needs from then on). */
  async deleteChunks(importId: string): Promise<void> {
    await this.manager.query('DELETE FROM user_import_chunks WHERE tenant_id = $1 AND import_id = $2', [
      this.tenantId,
      importId,
    ]);
  }

  /** The import, or RecordNotFound (404) when this tenant has none with this id; `lock` holds it FOR UPDATE. */
  async get(importId: string, options: { lock?: boolean } = {}): Promise<UserImportRecord> {
    const rows: UserImportRecord[] = await this.manager.query(
      `SELECT ${COLUMNS} FROM user_imports i WHERE i.tenant_id = $1 AND i.id = $2${options.lock ? ' FOR UPDATE' : ''}`,
      [this.tenantId, importId],
    );
    return found(rows[0], 'Import', importId);
  }

  /** A page of the tenant's imports, newest first (ids are UUIDv7: time-ordered). */
  async list(page: { limit: number; cursor?: string }): Promise<ImportPage> {
    const after = page.cursor === undefined ? null : decodeCursor(page.cursor);
    const rows: UserImportRecord[] = await this.manager.query(
      `SELECT ${COLUMNS} FROM user_imports i
        WHERE i.tenant_id = $1 AND ($2::uuid IS NULL OR i.id < $2::uuid)
        ORDER BY i.id DESC LIMIT $3`,
      [this.tenantId, after, page.limit + 1],
    );
    const items = rows.slice(0, page.limit);
    const next = rows.length > page.limit ? items.at(-1)!.id : null;
    return {
      items,
      nextCursor: next === null ? null : Buffer.from(JSON.stringify(['imports', next])).toString('base64url'),
    };
  }

  /** How many imports the tenant has. */
  async count(): Promise<number> {
    const [row] = (await this.manager.query('SELECT count(*)::int AS n FROM user_imports WHERE tenant_id = $1', [
      this.tenantId,
    ])) as { n: number }[];
    return row!.n;
  }

  /**
   * Moves the import from one of `from` to `to`, with the columns given; returns the import as it is afterwards, or
   * null when it was in no state of `from` (nothing changed).
   */
  async transition(
    importId: string,
    from: readonly ImportState[],
    to: ImportState,
    set: Partial<Record<'failure' | 'finished' | 'applyRequested' | 'checked', string | boolean>> = {},
  ): Promise<UserImportRecord | null> {
    const assignments = ['state = $3', 'updated_at = now()'];
    const parameters: unknown[] = [this.tenantId, importId, to, from];
    if (set.failure !== undefined) {
      parameters.push(set.failure);
      assignments.push(`failure = $${parameters.length}`);
    }
    if (set.finished) assignments.push('finished_at = now()');
    if (set.applyRequested) {
      parameters.push(await this.clock());
      assignments.push(`apply_requested_at = $${parameters.length}`);
    }
    // An UPDATE answers [rows, count] through TypeORM.
    const [, changed] = (await this.manager.query(
      `UPDATE user_imports SET ${assignments.join(', ')}
        WHERE tenant_id = $1 AND id = $2 AND state = ANY($4::text[])`,
      parameters,
    )) as [unknown, number];
    return changed === 0 ? null : this.get(importId);
  }

  /** Cancels the import if it is still running (CANCELLABLE); returns whether it did. */
  async cancel(importId: string): Promise<boolean> {
    const [, changed] = (await this.manager.query(
      `UPDATE user_imports SET state = 'cancelled', finished_at = now(), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND state IN ${CANCELLABLE}`,
      [this.tenantId, importId],
    )) as [unknown, number];
    return changed > 0;
  }

  /** Starts the file's validation afresh (a retried one too): no staged rows, no counts, no file errors. */
  async startValidation(importId: string): Promise<void> {
    await this.manager.query('DELETE FROM user_import_rows WHERE tenant_id = $1 AND import_id = $2', [
      this.tenantId,
      importId,
    ]);
    await this.manager.query(
      `UPDATE user_imports SET state = 'validating', total = 0, processed = 0, created = 0, updated = 0, unchanged = 0,
              failed = 0, license_internal = 0, license_external = 0, batches_total = 0, batches_applied = 0,
              applied_through_line = 0, file_errors = '[]', failure = NULL, checked_at = NULL, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, importId],
    );
  }

  /** Records what refused the whole file, and fails the import with `failure` (unless it was cancelled meanwhile). */
  async refuseFile(importId: string, problem: ImportError, failure: string): Promise<void> {
    await this.manager.query(
      `UPDATE user_imports SET state = 'failed', file_errors = $3::jsonb, failure = $4, finished_at = now(),
              updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND state = 'validating'`,
      [this.tenantId, importId, JSON.stringify([problem]), failure],
    );
  }

  /** How many rows the validation has read so far (its progress). */
  async setProcessed(importId: string, processed: number): Promise<void> {
    await this.manager.query(
      'UPDATE user_imports SET processed = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2',
      [this.tenantId, importId, processed],
    );
  }

  /**
   * Stores what the checks predict, and moves the import on: `validated` after a dry run, `applying` otherwise (or
   * still `applying` when an apply re-checked before its first batch). The apply starts counting from line 0.
   */
  async recordPrediction(
    importId: string,
    prediction: ImportPrediction,
    next: 'validated' | 'applying',
    batchRows: number,
  ): Promise<void> {
    await this.manager.query(
      `UPDATE user_imports
          SET state = $3, total = $4, created = $5, updated = $6, unchanged = $7, failed = $8, license_internal = $9,
              license_external = $10, batches_total = $11, batches_applied = 0, applied_through_line = 0,
              processed = CASE WHEN $3 = 'validated' THEN $4 ELSE 0 END, checked_at = $12, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        this.tenantId,
        importId,
        next,
        prediction.total,
        prediction.created,
        prediction.updated,
        prediction.unchanged,
        prediction.failed,
        prediction.licenseInternal,
        prediction.licenseExternal,
        Math.ceil(prediction.actionable / batchRows),
        await this.clock(),
      ],
    );
  }

  /**
   * The database's time now, not at the start of the transaction: a check and an apply request, made in
   * transactions of their own, are compared by it. Read apart rather than in the UPDATE: Citus refuses an UPDATE
   * of a distributed table that calls a volatile function such as clock_timestamp().
   */
  private async clock(): Promise<Date> {
    const [row] = (await this.manager.query('SELECT clock_timestamp() AS now')) as { now: Date }[];
    return row!.now;
  }

  /**
   * Advances the apply past a batch, in the batch's own transaction: the watermark, the progress, and the rows that
   * failed only now (a username taken or a user deleted since the check) moved from their predicted count.
   */
  async advance(importId: string, batch: AppliedBatch): Promise<void> {
    await this.manager.query(
      `UPDATE user_imports
          SET applied_through_line = $3, processed = processed + $4, batches_applied = batches_applied + 1,
              created = created - $5, updated = updated - $6, failed = failed + $5 + $6, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, importId, batch.lastLine, batch.rows, batch.lost, batch.vanished],
    );
  }

  /** Ends an apply that has no row left to write: every row of the file is processed. */
  async complete(importId: string): Promise<void> {
    await this.manager.query(
      `UPDATE user_imports
          SET state = 'completed', processed = total, finished_at = now(), updated_at = now(),
              applied_through_line = greatest(applied_through_line,
                (SELECT coalesce(max(line), 0) FROM user_import_rows WHERE tenant_id = $1 AND import_id = $2))
        WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, importId],
    );
  }

  /**
   * The first `limit` errors of the import in line order: what refused the file, then each row's (on its own,
   * then against the file and tenant). `afterLine`: the rows after it only (the next page of a download).
   */
  async errors(importId: string, limit: number, afterLine = 0): Promise<ImportError[]> {
    return this.manager.query(
      `SELECT e.line, e.field, e.message FROM (
         SELECT (f->>'line')::int AS line, f->>'field' AS field, f->>'message' AS message, 0 AS source, n
           FROM user_imports i, jsonb_array_elements(i.file_errors) WITH ORDINALITY AS x(f, n)
          WHERE i.tenant_id = $1 AND i.id = $2 AND (f->>'line')::int > $3
         UNION ALL
         SELECT r.line, x.f->>'field', x.f->>'message', 1, x.n
           FROM user_import_rows r,
                jsonb_array_elements(coalesce(r.row_errors, '[]') || coalesce(r.check_errors, '[]'))
                  WITH ORDINALITY AS x(f, n)
          WHERE r.tenant_id = $1 AND r.import_id = $2 AND r.line > $3
            AND (r.row_errors IS NOT NULL OR r.check_errors IS NOT NULL)
       ) e
       ORDER BY e.line, e.source, e.n
       LIMIT $4`,
      [this.tenantId, importId, afterLine, limit],
    );
  }
}

function decodeCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded[0] === 'imports' &&
      typeof decoded[1] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(decoded[1])
    ) {
      return decoded[1];
    }
  } catch {
    // reported below
  }
  throw new InputRejected('The cursor is not one this list handed out; start again without it.', [
    { field: 'cursor', message: 'is not a valid cursor' },
  ]);
}
