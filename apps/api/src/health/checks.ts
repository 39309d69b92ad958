import { withTimeout } from '@roster/ops';

/** How long one dependency check of a health route may take: a probe must never hang. */
export const CHECK_TIMEOUT_MS = 1000;

/** The check's value, or undefined when it fails or takes longer than CHECK_TIMEOUT_MS. */
export function within<T>(check: () => Promise<T>): Promise<T | undefined> {
  return withTimeout(check(), CHECK_TIMEOUT_MS).catch(() => undefined);
}

/** Resolves false when the check fails or takes longer than CHECK_TIMEOUT_MS. */
export async function answers(check: () => Promise<unknown>): Promise<boolean> {
  return (await within(async () => (await check(), true))) ?? false;
}
