/** How the console talks about dormant-user policies and follows their runs. Safe to import in the browser. */
import type { Schemas } from '@roster/api-client';
import { invalidateAll } from '$app/navigation';
import { formatCount } from './numbers';

type Policy = Schemas['LifecyclePolicy'];
type Run = Schemas['LifecycleRun'];
type Preview = Schemas['LifecyclePreview'];

/** Where a policy is set: an environment's (every tenant follows it) or a tenant's own. */
export type LifecycleScope = 'environment' | 'tenant';

/** What a Lifecycle page's panels say, by scope. */
export const LIFECYCLE_TEXTS: Readonly<
  Record<LifecycleScope, { policyTitle: string; previewHint: string; noPreview: string; runsHint: string }>
> = {
  environment: {
    policyTitle: 'Policy',
    previewHint: 'Who would be deactivated or deleted, per tenant, and the seats that frees.',
    noPreview: 'Save a policy to see what it would do.',
    runsHint: 'Every tenant’s runs in this environment (its own policy’s or this one’s), newest first.',
  },
  tenant: {
    policyTitle: 'Dormant-user policy',
    previewHint: 'Who would be deactivated or deleted, and the seats that frees.',
    noPreview: 'Set a policy (here or on the environment) to see what it would do.',
    runsHint: 'Each run of the tenant’s policy in effect, newest first.',
  },
};

/** What "Run now" asks to confirm: the preview's changes, in each following tenant at an environment's level. */
export function runNowSummary(scope: LifecycleScope, preview: Pick<Preview, 'deactivate' | 'delete'>): string {
  const deletes = preview.delete.count > 0 ? ` and deletes ${formatCount(preview.delete.count)} for good` : '';
  const changes = `deactivates ${formatCount(preview.deactivate.count)} user(s)${deletes}`;
  const what = scope === 'environment' ? `In each tenant that follows it, it ${changes} in all` : `It ${changes}`;
  return `${what}, as the preview shows, each change audited with the policy as its author.`;
}

/** "deactivates after 90 days, deletes 30 days later" (", disabled" when it is). */
export function describePolicy(policy: Policy): string {
  const deletes = policy.deleteAfterDays === null ? '' : `, deletes ${policy.deleteAfterDays} days later`;
  return `deactivates after ${policy.deactivateAfterDays} days${deletes}${policy.enabled ? '' : ' (disabled)'}`;
}

const REFRESH_MS = 2_000;
/** How long the page looks for the run "Run now" asked for before leaving it to a reload. */
const FOLLOW_MS = 60_000;
const askedAt = new WeakMap<object, number>();

/**
 * Reloads the page's data in a moment while a run is in progress, or shortly after "Run now" (its run may not have
 * started yet). For an $effect: returns the timer's cleanup.
 */
export function refreshWhileRunning(runs: readonly Run[], form: unknown): (() => void) | undefined {
  const running = runs.some((run) => run.finishedAt === null);
  let asked = false;
  if (typeof form === 'object' && form !== null && (form as { form?: unknown }).form === 'run' && 'notice' in form) {
    if (!askedAt.has(form)) askedAt.set(form, Date.now());
    const since = askedAt.get(form)!;
    // Until a run started since then has ended (clocks may differ by a few seconds).
    const ended = runs.some((run) => run.finishedAt !== null && Date.parse(run.startedAt) >= since - 5_000);
    asked = !ended && Date.now() - since < FOLLOW_MS;
  }
  if (!running && !asked) return undefined;
  const timer = setTimeout(() => void invalidateAll(), REFRESH_MS);
  return () => clearTimeout(timer);
}
