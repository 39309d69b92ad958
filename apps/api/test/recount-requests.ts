import { coalesceWithinMs, debouncedRecountRequest, usageDebounceId } from '@roster/domain';
import type { Job, Queue } from 'bullmq';

/** The debounced recount requests pending for an account (not its scheduler's jobs). */
export async function pendingRecountRequests(usageQueue: Queue, accountId: string): Promise<Job[]> {
  const jobs = await usageQueue.getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.filter(
    (job) =>
      job.name === 'usage.request-recount' &&
      job.data.accountId === accountId &&
      !job.id!.startsWith('repeat:') &&
      job.opts.deduplication?.id === usageDebounceId(accountId),
  );
}

/**
 * Takes an account's pending recount requests away, as the worker handling them would, and answers how many there
 * were. It then waits out the window in which the API relies on its last request instead of sending another
 * (coalesceWithinMs), which the worker's delay always outlasts: the next change asks afresh.
 */
export async function takeRecountRequests(usageQueue: Queue, accountId: string): Promise<number> {
  const jobs = await pendingRecountRequests(usageQueue, accountId);
  for (const job of jobs) await usageQueue.remove(job.id!);
  await usageQueue.removeDeduplicationKey(usageDebounceId(accountId));
  await new Promise((resolve) => setTimeout(resolve, coalesceWithinMs(debouncedRecountRequest(accountId).opts)));
  return jobs.length;
}
