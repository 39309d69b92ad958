import { usageSchedulerId, type JobPayloads } from '@roster/domain';
import type { Queue } from 'bullmq';
import type { UsageCountsRepository } from '@roster/db';

const REQUEST = 'usage.request-recount' as const;
/** Every per-account scheduler id starts with this (usageSchedulerId). */
const SCHEDULER_PREFIX = usageSchedulerId('');
const PAGE = 500;

/**
 * DESIGN.md §6: one recount scheduler per account. At every start the worker upserts one for each
 * existing account (a changed USAGE_RECOUNT_EVERY replaces the period) and removes the schedulers of
 * accounts that no longer exist (deleted while no API removed them, or before this code existed).
 * As accounts come and go, the requests for their recounts create and remove them (ensureAccountSchedule).
 */
export async function syncAccountSchedules(
  counts: UsageCountsRepository,
  queue: Queue,
  everyMs: number,
): Promise<{ upserted: number; removed: number }> {
  const accounts = await counts.accountIds();
  const wanted = new Set(accounts.map((id) => usageSchedulerId(id)));
  for (const id of accounts) {
    const data: JobPayloads[typeof REQUEST] = { accountId: id };
    await queue.upsertJobScheduler(usageSchedulerId(id), { every: everyMs }, { name: REQUEST, data });
  }
  const stale: string[] = [];
  for (let start = 0; ; start += PAGE) {
    const page = await queue.getJobSchedulers(start, start + PAGE - 1, true);
    for (const scheduler of page) {
      if (scheduler.key.startsWith(SCHEDULER_PREFIX) && !wanted.has(scheduler.key)) stale.push(scheduler.key);
    }
    if (page.length < PAGE) break;
  }
  // Re-checked just before removing: an account created (and scheduled by its first request) after the
  // first read would otherwise lose its scheduler until the next start.
  const staleIds = stale.map((key) => key.slice(SCHEDULER_PREFIX.length));
  const created = await counts.existingAccounts(staleIds);
  const keep = new Set([...created].map((id) => usageSchedulerId(id)));
  const removable = stale.filter((key) => !keep.has(key));
  // Removed after listing, so removing does not shift the pages being read.
  for (const key of removable) await queue.removeJobScheduler(key);
  return { upserted: accounts.length, removed: removable.length };
}

/**
 * The worker owns every account's recount scheduler (DESIGN.md §6): a request for an account that exists
 * makes sure it has one (a new account's first request creates it), and a request for one that is gone
 * removes it. Only a missing scheduler is created, so a stream of requests never pushes the period back.
 */
export async function ensureAccountSchedule(queue: Queue, accountId: string, everyMs: number): Promise<boolean> {
  if (await queue.getJobScheduler(usageSchedulerId(accountId))) return false;
  const data: JobPayloads[typeof REQUEST] = { accountId };
  await queue.upsertJobScheduler(usageSchedulerId(accountId), { every: everyMs }, { name: REQUEST, data });
  return true;
}

export async function removeAccountSchedule(queue: Queue, accountId: string): Promise<void> {
  await queue.removeJobScheduler(usageSchedulerId(accountId));
}
