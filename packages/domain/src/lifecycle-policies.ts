/**
 * Dormant-user policies (issue 18, API.md §10, DESIGN.md §7a). A policy is set per environment and may be
 * overridden per tenant (the override replaces the environment's policy entirely for that tenant). Its rules,
 * once, as pure functions: packages/db's SQL applies the same ones to millions of users, and tests hold the two
 * together.
 *
 * - **Dormant**: an active registered user whose last login — or, never logged in, its creation — lies more than
 *   `deactivateAfterDays` before the run (or preview) instant. Anonymous users are never touched (they hold no
 *   seat and cannot log in).
 * - **Deactivated** by the policy: dormant and not excepted. Its grants and memberships are kept (DESIGN.md §2),
 *   its seat is freed. Roster remembers that the policy did it (the user, the policy, the instant).
 * - **Deleted** (only with `deleteAfterDays`): a user the policy deactivated at least `deleteAfterDays` ago, still
 *   inactive, changed by nobody since (its `updatedAt` is still the deactivation's), whose last login or creation
 *   lies more than `deactivateAfterDays + deleteAfterDays` before the instant, and not excepted. A user deactivated
 *   by hand, by SCIM, by an import — or reactivated and deactivated again by anyone — is never deleted by a policy:
 *   an operator who deactivated someone on purpose decides about the deletion too.
 * - **Excepted**: a member of any group in `exceptGroupIds` (tenant overrides only: groups belong to tenants), or a
 *   holder, directly or through a group, of a role in `exceptRoleKeys` (role keys of the environment) by a grant
 *   that has not expired at the instant — whether or not the role is declared at the moment (a role an
 *   application stopped declaring for a while keeps its holders excepted).
 * - Days are 24-hour periods counted back from the instant (UTC; no calendar or daylight-saving arithmetic).
 */
import type { ChangeActor } from './change-events.js';
import { type JobPayloads, lifecycleRunDedupId } from './jobs.js';

/** Bounds of `deactivateAfterDays` and `deleteAfterDays`: a day to ten years. */
export const LIFECYCLE_DAYS_MIN = 1;
export const LIFECYCLE_DAYS_MAX = 3650;
/** Most exceptions of each kind one policy may list. */
export const LIFECYCLE_EXCEPTIONS_MAX = 100;
/** Users a preview lists of each action (the counts are always whole). */
export const LIFECYCLE_PREVIEW_USERS = 100;
/** Users one transaction of a run deactivates or deletes at most (with their audit and outbox rows). */
export const LIFECYCLE_BATCH_SIZE = 500;

const DAY_MS = 86_400_000;

/** What a policy says (the body of `PUT …/lifecycle-policy`). */
export interface LifecyclePolicyRules {
  deactivateAfterDays: number;
  /** null: the policy never deletes. */
  deleteAfterDays: number | null;
  /** Always empty on an environment's policy. */
  exceptGroupIds: readonly string[];
  exceptRoleKeys: readonly string[];
  /** A disabled policy is kept but never runs (neither on schedule nor on request). */
  enabled: boolean;
}

/** Where a tenant's effective policy comes from. */
export type LifecyclePolicySource = 'environment' | 'tenant';
export const LIFECYCLE_POLICY_SOURCES = ['environment', 'tenant'] as const;

/** A stored policy: its rules, and the id the changes it makes are recorded under (their actor). */
export interface LifecyclePolicy extends LifecyclePolicyRules {
  id: string;
  source: LifecyclePolicySource;
}

/**
 * The instants a policy compares with, for one run or preview at `asOf`. The run and the preview of the same
 * instant select the same users: both compute these here and hand them to the same SQL.
 */
export interface LifecycleCutoffs {
  asOf: Date;
  /** Active registered users whose last login (or creation) is before this are dormant. */
  dormantBefore: Date;
  /** Deletion only: the users' last login (or creation) must be before this … */
  deleteDormantBefore: Date | null;
  /** … and the policy must have deactivated them at or before this. */
  deactivatedBy: Date | null;
}

export function lifecycleCutoffs(policy: LifecyclePolicyRules, asOf: Date): LifecycleCutoffs {
  const ago = (days: number) => new Date(asOf.getTime() - days * DAY_MS);
  const deleting = policy.deleteAfterDays !== null;
  return {
    asOf,
    dormantBefore: ago(policy.deactivateAfterDays),
    deleteDormantBefore: deleting ? ago(policy.deactivateAfterDays + policy.deleteAfterDays!) : null,
    deactivatedBy: deleting ? ago(policy.deleteAfterDays!) : null,
  };
}

/** What the rules read of one user (for the rules' tests; the database reads the same columns). */
export interface LifecycleUserFacts {
  kind: 'registered' | 'anonymous';
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
  /** When a lifecycle policy deactivated the user, if one did (and nobody reactivated it since). */
  deactivatedByPolicyAt: Date | null;
  /** A member of an excepted group, or a holder of an excepted role. */
  excepted: boolean;
}

/** The user's last login, or its creation when it never logged in: what dormancy is measured from. */
export function lastSeenAt(user: Pick<LifecycleUserFacts, 'lastLoginAt' | 'createdAt'>): Date {
  return user.lastLoginAt ?? user.createdAt;
}

/** What a policy does to one user at its cutoffs' instant: the rules of this file's header. */
export function lifecycleActionFor(
  user: LifecycleUserFacts,
  cutoffs: LifecycleCutoffs,
): 'deactivate' | 'delete' | null {
  if (user.kind !== 'registered' || user.excepted) return null;
  const seen = lastSeenAt(user).getTime();
  if (user.isActive) return seen < cutoffs.dormantBefore.getTime() ? 'deactivate' : null;
  const { deleteDormantBefore, deactivatedBy } = cutoffs;
  const deactivatedAt = user.deactivatedByPolicyAt;
  if (!deleteDormantBefore || !deactivatedBy || !deactivatedAt) return null;
  const untouched = user.updatedAt.getTime() <= deactivatedAt.getTime();
  return untouched && deactivatedAt.getTime() <= deactivatedBy.getTime() && seen < deleteDormantBefore.getTime()
    ? 'delete'
    : null;
}

/** The actor of the changes a policy makes: the policy itself, so the audit trail says which one acted. */
export function lifecyclePolicyActor(policyId: string): ChangeActor {
  return { kind: 'lifecycle-policy', id: policyId };
}

/** Why a policy's days are refused, or null (a fragment to follow the field's name). */
export function lifecycleDaysProblem(days: unknown): string | null {
  if (typeof days !== 'number' || !Number.isInteger(days)) return 'must be a whole number of days';
  if (days < LIFECYCLE_DAYS_MIN || days > LIFECYCLE_DAYS_MAX) {
    return `must be from ${LIFECYCLE_DAYS_MIN} to ${LIFECYCLE_DAYS_MAX} days`;
  }
  return null;
}

/** How a run was started. */
export const LIFECYCLE_RUN_TRIGGERS = ['schedule', 'request'] as const;
export type LifecycleRunTrigger = (typeof LIFECYCLE_RUN_TRIGGERS)[number];

/**
 * The job that runs a tenant's policy (what the daily fan-out and an operator's "run now" add). One waits or runs
 * per tenant at a time: a request while one is pending joins it (BullMQ deduplication until it ends).
 */
export function lifecycleRunJob(accountId: string, tenantId: string, trigger: LifecycleRunTrigger) {
  const data: JobPayloads['lifecycle.run-tenant'] = { accountId, tenantId, trigger };
  return {
    name: 'lifecycle.run-tenant' as const,
    data,
    opts: { deduplication: { id: lifecycleRunDedupId(tenantId) } },
  };
}
