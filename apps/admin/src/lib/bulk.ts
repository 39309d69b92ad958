/**
 * Bulk actions over selected users (API.md §5, `POST /tenants/:id/users/bulk`): what each one is
 * called, what it needs, and how its result reads. Safe to import in the browser.
 */
import type { Schemas } from '@roster/api-client';
import { BULK_MAX_USERS } from '@roster/domain';
import { plural } from './lists';
import { exactTime } from './time';

export type BulkActionName = Schemas['BulkAction']['action'];
export type BulkResult = Schemas['BulkResult'];

/** The most users one bulk action (and so one selection) may hold. */
export const SELECTION_LIMIT = BULK_MAX_USERS;

export const BULK_ACTIONS: readonly BulkActionName[] = [
  'activate',
  'deactivate',
  'delete',
  'add-to-group',
  'remove-from-group',
  'grant-role',
  'revoke-role',
];

/**
 * Deleting more users than this asks for their number to be typed, as a deliberate act: a list of many
 * names is easily scrolled past without reading.
 */
export const TYPED_DELETE_ABOVE = 5;

export function deleteNeedsTypedCount(users: number): boolean {
  return users > TYPED_DELETE_ABOVE;
}

export function needsGroup(action: BulkActionName): boolean {
  return action === 'add-to-group' || action === 'remove-from-group';
}

export function needsRole(action: BulkActionName): boolean {
  return action === 'grant-role' || action === 'revoke-role';
}

/**
 * What a bulk grant does to the grants, said in its dialog before it runs. The API sets each user's direct grant as
 * the single grant does: one the user holds already takes the new end, or loses its own when none is given. Null for
 * an end already past by this clock: the API refuses it (its clock decides), and a promise would mislead meanwhile.
 */
export function grantExpiryNote(expiresAt: string | null, now: number = Date.now()): string | null {
  if (expiresAt && Date.parse(expiresAt) <= now) return null;
  return expiresAt
    ? `Each selected user holds the role until ${exactTime(expiresAt)}; a direct grant one holds already ends then too.`
    : 'The grants never expire: a direct grant a user holds already with an end stops expiring.';
}

/** One user the action could not apply to, named for a person. */
export interface BulkFailure {
  userId: string;
  /** The username, or the id when the console does not know it (anonymous users, deleted ones). */
  label: string;
  detail: string;
}

export interface BulkOutcome {
  tone: 'success' | 'warning' | 'danger';
  /** "Deactivated 5 users." or "4 succeeded, 1 failed:" */
  headline: string;
  failures: BulkFailure[];
}

function doneHeadline(action: BulkActionName, users: string, target: string, expiresAt: string | null): string {
  switch (action) {
    case 'activate':
      return `Activated ${users}.`;
    case 'deactivate':
      return `Deactivated ${users}.`;
    case 'delete':
      return `Deleted ${users}.`;
    case 'add-to-group':
      return `Added ${users} to ${target}.`;
    case 'remove-from-group':
      return `Removed ${users} from ${target}.`;
    case 'grant-role':
      return `Granted ${target} to ${users}${expiresAt ? ` until ${exactTime(expiresAt)}` : ''}.`;
    case 'revoke-role':
      return `Revoked ${target} from ${users}.`;
  }
}

/**
 * How a bulk result reads where the action was started. `target` names the group or role;
 * `labelOf` gives a user's username when the console knows it; `expiresAt`, the end a grant-role set.
 */
export function bulkOutcome(
  action: BulkActionName,
  result: BulkResult,
  options: {
    target?: string | null;
    labelOf?: (userId: string) => string | null | undefined;
    expiresAt?: string | null;
  } = {},
): BulkOutcome {
  const failures = result.failed.map(({ userId, detail }) => ({
    userId,
    label: options.labelOf?.(userId) || userId,
    detail,
  }));
  if (failures.length === 0) {
    const target = options.target || (needsGroup(action) ? 'the group' : 'the role');
    const headline = doneHeadline(action, plural(result.succeeded, 'user'), target, options.expiresAt ?? null);
    return { tone: 'success', headline, failures };
  }
  return {
    tone: result.succeeded === 0 ? 'danger' : 'warning',
    headline: `${result.succeeded.toLocaleString('en-US')} succeeded, ${failures.length.toLocaleString('en-US')} failed:`,
    failures,
  };
}

/** How much of a page is selected, for the header checkbox (checked, indeterminate or clear). */
export function pageSelection(
  pageIds: readonly string[],
  isSelected: (id: string) => boolean,
): 'all' | 'some' | 'none' {
  const count = pageIds.filter(isSelected).length;
  if (count === 0) return 'none';
  return count === pageIds.length ? 'all' : 'some';
}

/**
 * The ids to add to a selection of `size` users, in order, without going past the limit; `refused`
 * says some were left out.
 */
export function withinLimit(
  size: number,
  ids: readonly string[],
  limit = SELECTION_LIMIT,
): { accepted: string[]; refused: boolean } {
  const room = Math.max(0, limit - size);
  return { accepted: ids.slice(0, room), refused: ids.length > room };
}
