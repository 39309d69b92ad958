/**
 * How the console talks about user imports (API.md §10, docs/imports.md): file formats, states, progress, the
 * prediction and who started one. Pure and safe to import in the browser.
 */
import type { Schemas } from '@roster/api-client';
import {
  CANCELLABLE_IMPORT_STATES,
  FINISHED_IMPORT_STATES,
  IMPORT_MEDIA_TYPES,
  type ImportFormat,
  type ImportMediaType,
  type ImportState,
} from '@roster/domain';
import { shortId } from './audit';
import { plural } from './lists';
import { formatCount } from './numbers';
import { exactTime } from './time';

export type ImportSummary = Schemas['ImportSummary'];
export type ImportDetail = Schemas['Import'];
export type ImportError = ImportDetail['errors'][number];
export type { ImportFormat, ImportMediaType, ImportState };

/**
 * The most one import takes (the API's default IMPORT_MAX_SIZE, docs/imports.md; the console's BODY_SIZE_LIMIT is set
 * to match): larger files are refused before they upload. A deployment with a lower limit has the API say so.
 */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;

/** Errors the import's page lists itself; the downloaded report has every one. */
export const IMPORT_ERRORS_SHOWN = 50;

/** Who may import (the roles of the API's user writes, TENANT_MANAGERS), said when someone else tries. */
export const IMPORTERS_ONLY = 'Only owners, admins and the tenant’s tenant-admins import users.';

/** Imports per page of the tenant's list. */
export const IMPORT_PAGE_SIZE = 20;

/** The formats an import reads, what the console calls them, and the file names that say which one a file is. */
export const IMPORT_FORMATS: readonly { format: ImportFormat; label: string; extensions: readonly string[] }[] = [
  { format: 'csv', label: 'CSV', extensions: ['.csv'] },
  { format: 'jsonl', label: 'JSON Lines', extensions: ['.jsonl', '.ndjson'] },
];

/** The file picker's `accept`: the extensions and media types above. */
export const IMPORT_ACCEPT = [
  ...IMPORT_FORMATS.flatMap(({ extensions }) => extensions),
  ...Object.keys(IMPORT_MEDIA_TYPES),
].join(',');

/** "users.CSV" → csv, "people.jsonl" → jsonl; null when the name does not say (the operator then picks one). */
export function formatOfFileName(name: string): ImportFormat | null {
  const lower = name.trim().toLowerCase();
  return IMPORT_FORMATS.find(({ extensions }) => extensions.some((ext) => lower.endsWith(ext)))?.format ?? null;
}

/** The Content-Type an upload in this format is sent with (the API takes exactly these). */
export function mediaTypeOf(format: ImportFormat): ImportMediaType {
  const entry = Object.entries(IMPORT_MEDIA_TYPES).find(([, value]) => value === format);
  return entry![0] as ImportMediaType;
}

/** The format a request's Content-Type names (parameters such as charset aside), or null for any other type. */
export function formatOfMediaType(contentType: string | null): ImportFormat | null {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return essence in IMPORT_MEDIA_TYPES ? IMPORT_MEDIA_TYPES[essence as ImportMediaType] : null;
}

export function formatLabel(format: ImportFormat): string {
  return IMPORT_FORMATS.find((entry) => entry.format === format)?.label ?? format;
}

/**
 * Why a chosen file cannot be sent as it is, or null: nothing chosen, an empty file, one over the API's limit, or a
 * name that says no format while none was chosen.
 */
export function uploadProblem(file: { name: string; size: number } | null, format: ImportFormat | ''): string | null {
  if (!file) return 'Choose a CSV or JSON Lines file.';
  if (file.size === 0) return 'The file is empty: choose a file with a header row and one user per line.';
  if (file.size > IMPORT_MAX_BYTES) {
    return (
      `The file is ${formatBytes(file.size)}; an import takes at most ${formatBytes(IMPORT_MAX_BYTES)}. ` +
      'Split it into several files (each CSV file with its header row).'
    );
  }
  if (format === '' && formatOfFileName(file.name) === null) {
    return 'The file name ends neither in .csv nor in .jsonl: choose its format.';
  }
  return null;
}

const BYTE_UNITS = ['KB', 'MB', 'GB'] as const;

/** 812 → "812 bytes", 12_800 → "12.5 KB", 536_870_912 → "512 MB" (units of 1024, as the API's limit is given). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes;
  let unit: (typeof BYTE_UNITS)[number] = 'KB';
  for (const next of BYTE_UNITS) {
    value /= 1024;
    unit = next;
    if (value < 1024) break;
  }
  const digits = value < 10 && !Number.isInteger(value) ? 1 : 0;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

const STATES: Readonly<Record<ImportState, { label: string; badge: string }>> = {
  queued: { label: 'Queued', badge: 'badge' },
  validating: { label: 'Checking', badge: 'badge badge-accent' },
  validated: { label: 'Ready to apply', badge: 'badge badge-warning' },
  applying: { label: 'Applying', badge: 'badge badge-accent' },
  completed: { label: 'Completed', badge: 'badge badge-success' },
  failed: { label: 'Failed', badge: 'badge badge-danger' },
  cancelled: { label: 'Cancelled', badge: 'badge badge-outline' },
};

export function stateLabel(state: ImportState): string {
  return STATES[state].label;
}

/** The badge classes of a state: in progress accent, waiting for the operator amber, then the outcome's colour. */
export function stateBadge(state: ImportState): string {
  return STATES[state].badge;
}

/** Nothing will change any more. */
export function isFinished(state: ImportState): boolean {
  return FINISHED_IMPORT_STATES.includes(state);
}

export function isCancellable(state: ImportState): boolean {
  return CANCELLABLE_IMPORT_STATES.includes(state);
}

/** The worker moves it on by itself (a validated dry run waits for the operator instead). */
export function isRunning(state: ImportState): boolean {
  return state === 'queued' || state === 'validating' || state === 'applying';
}

/** The progress to draw: `done` of `total` for a bar, or null for a bar that only says "working". */
export interface ImportProgress {
  text: string;
  done: number | null;
  total: number | null;
}

/**
 * Where a running import is. While validating the API counts the rows read (the total is known only once the file is
 * read through); while applying, the batches written of all (each one transaction).
 */
export function importProgress(item: ImportSummary): ImportProgress | null {
  switch (item.state) {
    case 'queued':
      return { text: 'Waiting for the worker to pick it up…', done: null, total: null };
    case 'validating':
      if (item.total > 0) {
        return {
          text: `Checking: ${formatCount(item.processed)} of ${formatCount(item.total)} rows`,
          done: item.processed,
          total: item.total,
        };
      }
      return {
        text: item.processed > 0 ? `Checking: ${formatCount(item.processed)} rows read so far…` : 'Reading the file…',
        done: null,
        total: null,
      };
    case 'applying':
      if (item.batches.total === 0)
        return { text: 'Checking the file against the tenant again…', done: null, total: null };
      return {
        text:
          `Applying: ${formatCount(item.batches.applied)} of ${formatCount(item.batches.total)} ` +
          `${item.batches.total === 1 ? 'batch' : 'batches'} written (${formatCount(item.processed)} rows)`,
        done: item.batches.applied,
        total: item.batches.total,
      };
    default:
      return null;
  }
}

/** Where an upload from the browser is: bytes sent of the file's, then a wait while the API stores the file. */
export function uploadProgress(sent: number, size: number): ImportProgress {
  if (sent < size) return { text: `Uploading: ${formatBytes(sent)} of ${formatBytes(size)}`, done: sent, total: size };
  return { text: 'Uploaded. Storing the file…', done: null, total: null };
}

/** What the import's state means for the operator, in a sentence (a failure says its own reason beside). */
export function statusText(item: ImportSummary): string {
  switch (item.state) {
    case 'queued':
      return 'The file is stored; the worker checks it next.';
    case 'validating':
      return item.dryRun
        ? 'Every row is being checked. Nothing is written until you apply the import.'
        : 'Every row is being checked; the rows without errors are written next.';
    case 'validated':
      return 'Checked, and nothing written yet: apply the import to make these changes, or cancel it.';
    case 'applying':
      return 'The rows without errors are being written, in batches of one transaction each.';
    case 'completed':
      return 'Done: these changes are written, each one in the tenant’s audit trail.';
    case 'failed':
      return item.batches.applied > 0
        ? `The import failed after ${plural(item.batches.applied, 'batch', 'batches')}, which stay written.`
        : 'The import failed; nothing was written.';
    case 'cancelled':
      return item.batches.applied > 0
        ? `Cancelled after ${formatCount(item.batches.applied)} of ${plural(item.batches.total, 'batch', 'batches')}: ` +
            'those stay written.'
        : 'Cancelled; nothing was written.';
  }
}

/** Whether the counts say something: known once the file is checked through. */
export function hasPrediction(item: ImportSummary): boolean {
  return item.state === 'validated' || item.state === 'applying' || item.state === 'completed' || item.total > 0;
}

/** What cancelling does now, for the confirmation. */
export function cancelConsequence(item: ImportSummary): string {
  switch (item.state) {
    case 'applying':
      return item.batches.applied > 0
        ? `The import stops before its next batch. The ${plural(item.batches.applied, 'batch', 'batches')} ` +
            'written so far stay written.'
        : 'The import stops before its first batch; nothing is written.';
    case 'validated':
      return 'The dry run is dropped and nothing is written. To import the file later, upload it again.';
    default:
      return 'The check stops and nothing is written. To import the file later, upload it again.';
  }
}

/** "1 user created, 2 users updated" — the part of an apply that changes something, for its confirmation. */
export function changesText(item: Pick<ImportSummary, 'created' | 'updated'>): string {
  if (item.created === 0 && item.updated === 0) return 'no user created or updated';
  const parts = [];
  if (item.created > 0) parts.push(`${plural(item.created, 'user')} created`);
  if (item.updated > 0) parts.push(`${plural(item.updated, 'user')} updated`);
  return parts.join(', ');
}

/** A change of a count: "+3", "−2" (a minus sign, not a hyphen), "0". */
export function signed(value: number): string {
  if (value > 0) return `+${formatCount(value)}`;
  if (value < 0) return `−${formatCount(-value)}`;
  return '0';
}

/** "+2 internal, +1 external", or "no change" when the import moves neither count. */
export function licenseEffectText(effect: ImportSummary['licenseEffect']): string {
  if (effect.internal === 0 && effect.external === 0) return 'no change';
  return `${signed(effect.internal)} internal, ${signed(effect.external)} external`;
}

const ACTOR_KINDS: Readonly<Record<string, string>> = {
  operator: 'Operator',
  'api-key': 'API key',
  'scim-token': 'SCIM token',
  system: 'System',
};

/** Who started the import: "You" for the signed-in operator, else the kind and the end of the id. */
export function actorLabel(actor: ImportSummary['actor'], operatorId: string): string {
  if (actor.kind === 'operator' && actor.id === operatorId) return 'You';
  const kind = ACTOR_KINDS[actor.kind] ?? actor.kind;
  return actor.id ? `${kind} ${shortId(actor.id)}` : kind;
}

/** What the console's upload endpoint answers (routes/(app)/tenants/[tenantId]/imports/upload). */
export type UploadAnswer = { importId: string } | { message: string; fieldErrors?: Readonly<Record<string, string>> };

/** What the console calls an import (the API keeps no file name): "Import of 27 Nov 2026, 14:03:12 UTC". */
export function importTitle(item: Pick<ImportSummary, 'createdAt'>): string {
  return `Import of ${exactTime(item.createdAt)}`;
}

/** The console's pages of a tenant's imports. */
export function importsHref(tenantId: string, importId?: string): string {
  const base = `/tenants/${encodeURIComponent(tenantId)}/imports`;
  return importId ? `${base}/${encodeURIComponent(importId)}` : base;
}
