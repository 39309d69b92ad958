/**
 * The life of an import (API.md §10, issue 18):
 *
 *   queued → validating → validated (a dry run, waiting to be applied) → applying → completed
 *                       ↘ applying (dryRun=false: straight on)
 *   queued, validating, validated, applying → cancelled (an operator's cancel; batches applied stay applied)
 *   any running state → failed (a permanent error; `failure` says what)
 */
export const IMPORT_STATES = [
  'queued',
  'validating',
  'validated',
  'applying',
  'completed',
  'failed',
  'cancelled',
] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** The states a cancel ends. */
export const CANCELLABLE_IMPORT_STATES: readonly ImportState[] = ['queued', 'validating', 'validated', 'applying'];
/** The states nothing changes any more. */
export const FINISHED_IMPORT_STATES: readonly ImportState[] = ['completed', 'failed', 'cancelled'];

/** What each row of an import does (predicted by the dry run, done by the apply). */
export const IMPORT_ROW_ACTIONS = ['created', 'updated', 'unchanged', 'failed'] as const;
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];

/** How many rows one apply batch writes, in one transaction. */
export const IMPORT_APPLY_BATCH_ROWS = 5_000;
/** How long an import's upload, staging rows and report are kept (a dry run not applied by then expires). */
export const IMPORT_RETENTION_DAYS = 7;

/** Why an import in `state` cannot be applied (a 409's detail), or null when it can. */
export function importApplyRefusal(state: ImportState): string | null {
  if (state === 'validated') return null;
  if (state === 'queued' || state === 'validating') {
    return `The import is ${state}: its dry run has not finished; apply it once its state is validated.`;
  }
  if (state === 'applying' || state === 'completed') {
    return `The import is ${state}: it is being or was applied already.`;
  }
  return `The import is ${state}; only a validated dry run can be applied. Upload the file again.`;
}

/** Why an import in `state` cannot be cancelled (a 409's detail), or null when it can. */
export function importCancelRefusal(state: ImportState): string | null {
  return CANCELLABLE_IMPORT_STATES.includes(state)
    ? null
    : `The import is ${state} already; there is nothing to cancel.`;
}
