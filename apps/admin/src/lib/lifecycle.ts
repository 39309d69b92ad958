/** How the console talks about dormant-user policies and follows their runs. Safe to import in the browser. */
import type { Schemas } from '@roster/api-client';
import { invalidateAll } from '$app/navigation';

type Policy = Schemas['LifecyclePolicy'];
type Run = Schemas['LifecycleRun'];

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
