import { describe, expect, it } from 'vitest';
import {
  actorLabel,
  cancelConsequence,
  changesText,
  formatBytes,
  formatOfFileName,
  formatOfMediaType,
  hasPrediction,
  IMPORT_ACCEPT,
  IMPORT_MAX_BYTES,
  importProgress,
  importsHref,
  type ImportSummary,
  isCancellable,
  isFinished,
  isRunning,
  licenseEffectText,
  mediaTypeOf,
  signed,
  statusText,
  uploadProblem,
  uploadProgress,
} from './imports';

const ME = '01a21c6e-4977-7144-bdef-a402fc7fc48a';

function summary(changes: Partial<ImportSummary> = {}): ImportSummary {
  return {
    id: '01a21c6e-0000-7000-8000-000000000001',
    state: 'validated',
    dryRun: true,
    format: 'csv',
    sizeBytes: 2048,
    total: 4,
    processed: 4,
    created: 2,
    updated: 1,
    unchanged: 0,
    failed: 1,
    licenseEffect: { internal: 1, external: 1 },
    batches: { applied: 0, total: 1 },
    actor: { kind: 'operator', id: ME },
    createdAt: '2026-03-04T10:00:00.000Z',
    updatedAt: '2026-03-04T10:00:01.000Z',
    finishedAt: null,
    ...changes,
  };
}

describe('file formats', () => {
  it('reads the format from the file name, in any case, and nothing from other names', () => {
    expect(formatOfFileName('users.csv')).toBe('csv');
    expect(formatOfFileName('Export 2026.CSV')).toBe('csv');
    expect(formatOfFileName('people.jsonl')).toBe('jsonl');
    expect(formatOfFileName('people.ndjson')).toBe('jsonl');
    expect(formatOfFileName('people.json')).toBeNull();
    expect(formatOfFileName('csv')).toBeNull();
  });

  it('sends each format with the media type the API takes, and reads it back from a Content-Type', () => {
    expect(mediaTypeOf('csv')).toBe('text/csv');
    expect(mediaTypeOf('jsonl')).toBe('application/x-ndjson');
    expect(formatOfMediaType('text/csv; charset=utf-8')).toBe('csv');
    expect(formatOfMediaType('Application/X-NDJSON')).toBe('jsonl');
    expect(formatOfMediaType('multipart/form-data; boundary=x')).toBeNull();
    expect(formatOfMediaType(null)).toBeNull();
    expect(IMPORT_ACCEPT).toBe('.csv,.jsonl,.ndjson,text/csv,application/x-ndjson');
  });

  it('refuses before uploading what the API would refuse for its size or cannot tell the format of', () => {
    expect(uploadProblem(null, '')).toMatch(/Choose a CSV or JSON Lines file/);
    expect(uploadProblem({ name: 'users.csv', size: 0 }, '')).toMatch(/empty/);
    expect(uploadProblem({ name: 'users.csv', size: IMPORT_MAX_BYTES + 1 }, '')).toMatch(/at most 512 MB/);
    expect(uploadProblem({ name: 'users.csv', size: IMPORT_MAX_BYTES }, '')).toBeNull();
    expect(uploadProblem({ name: 'users.txt', size: 10 }, '')).toMatch(/choose its format/);
    expect(uploadProblem({ name: 'users.txt', size: 10 }, 'csv')).toBeNull();
  });

  it('writes sizes in units of 1024, as the API gives its limit', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(2_560)).toBe('2.5 KB');
    expect(formatBytes(12_800)).toBe('13 KB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(150 * 1024)).toBe('150 KB');
    expect(formatBytes(IMPORT_MAX_BYTES)).toBe('512 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });
});

describe('states', () => {
  it('tells running, cancellable and finished states apart', () => {
    expect(['queued', 'validating', 'applying'].map((state) => isRunning(state as never))).toEqual([true, true, true]);
    expect(isRunning('validated')).toBe(false);
    expect(isCancellable('validated')).toBe(true);
    expect(isCancellable('completed')).toBe(false);
    expect(isFinished('cancelled')).toBe(true);
    expect(isFinished('applying')).toBe(false);
  });

  it('shows the progress of each phase: rows read while checking, batches while applying', () => {
    expect(importProgress(summary({ state: 'queued' }))).toEqual({
      text: 'Waiting for the worker to pick it up…',
      done: null,
      total: null,
    });
    expect(importProgress(summary({ state: 'validating', total: 0, processed: 12_500 }))).toEqual({
      text: 'Checking: 12,500 rows read so far…',
      done: null,
      total: null,
    });
    expect(importProgress(summary({ state: 'validating', total: 0, processed: 0 }))?.text).toBe('Reading the file…');
    expect(importProgress(summary({ state: 'validating', total: 200, processed: 50 }))).toMatchObject({
      done: 50,
      total: 200,
    });
    expect(
      importProgress(summary({ state: 'applying', processed: 10_000, batches: { applied: 2, total: 5 } })),
    ).toEqual({ text: 'Applying: 2 of 5 batches written (10,000 rows)', done: 2, total: 5 });
    expect(importProgress(summary({ state: 'applying', batches: { applied: 0, total: 0 } }))?.done).toBeNull();
    expect(importProgress(summary({ state: 'validated' }))).toBeNull();
    expect(importProgress(summary({ state: 'completed' }))).toBeNull();
  });

  it('follows an upload: the bytes sent, then the wait while the API stores the file', () => {
    expect(uploadProgress(1_572_864, 3_145_728)).toEqual({
      text: 'Uploading: 1.5 MB of 3 MB',
      done: 1_572_864,
      total: 3_145_728,
    });
    expect(uploadProgress(0, 812)).toEqual({ text: 'Uploading: 0 bytes of 812 bytes', done: 0, total: 812 });
    expect(uploadProgress(812, 812)).toEqual({ text: 'Uploaded. Storing the file…', done: null, total: null });
  });

  it('says what each state means, and what a cancel would do now', () => {
    expect(statusText(summary())).toMatch(/nothing written yet/);
    expect(statusText(summary({ state: 'cancelled', batches: { applied: 2, total: 3 } }))).toBe(
      'Cancelled after 2 of 3 batches: those stay written.',
    );
    expect(statusText(summary({ state: 'cancelled' }))).toBe('Cancelled; nothing was written.');
    expect(statusText(summary({ state: 'failed', batches: { applied: 1, total: 3 } }))).toMatch(/after 1 batch,/);
    expect(cancelConsequence(summary({ state: 'applying', batches: { applied: 3, total: 5 } }))).toMatch(
      /The 3 batches written so far stay written/,
    );
    expect(cancelConsequence(summary())).toMatch(/dry run is dropped/);
    expect(cancelConsequence(summary({ state: 'validating' }))).toMatch(/check stops/);
  });

  it('has a prediction once the file is checked through', () => {
    expect(hasPrediction(summary())).toBe(true);
    expect(hasPrediction(summary({ state: 'validating', total: 0 }))).toBe(false);
    expect(hasPrediction(summary({ state: 'failed', total: 0 }))).toBe(false);
    expect(hasPrediction(summary({ state: 'cancelled', total: 10 }))).toBe(true);
  });
});

describe('the prediction in words', () => {
  it('signs count changes with a real minus sign', () => {
    expect(signed(1500)).toBe('+1,500');
    expect(signed(-2)).toBe('−2');
    expect(signed(0)).toBe('0');
    expect(licenseEffectText({ internal: 2, external: -1 })).toBe('+2 internal, −1 external');
    expect(licenseEffectText({ internal: 0, external: 0 })).toBe('no change');
  });

  it('names what an apply changes', () => {
    expect(changesText({ created: 2, updated: 1 })).toBe('2 users created, 1 user updated');
    expect(changesText({ created: 0, updated: 3 })).toBe('3 users updated');
    expect(changesText({ created: 0, updated: 0 })).toBe('no user created or updated');
  });
});

describe('who and where', () => {
  it('calls the signed-in operator "You" and anyone else by kind and the end of the id', () => {
    expect(actorLabel({ kind: 'operator', id: ME }, ME)).toBe('You');
    expect(actorLabel({ kind: 'operator', id: ME }, 'someone-else')).toBe('Operator …fc7fc48a');
    expect(actorLabel({ kind: 'api-key', id: ME }, ME)).toBe('API key …fc7fc48a');
    expect(actorLabel({ kind: 'system', id: null }, ME)).toBe('System');
  });

  it('links the tenant’s imports and each import', () => {
    expect(importsHref('t1')).toBe('/tenants/t1/imports');
    expect(importsHref('t1', 'i1')).toBe('/tenants/t1/imports/i1');
  });
});
