import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';

export type Job = Schemas['Job'];

/** What a page following a background job needs to know about it. */
export interface JobStatus {
  id: string;
  state: Job['state'];
  /** Percent done (0–100) when the job reports it, else null. */
  percent: number | null;
  /** Steps done of all (a recount's environments counted so far), when the job reports them. */
  steps: { done: number; total: number } | null;
  /** Why the job failed, in words fit to show (only when `state` is failed). */
  failedReason: string | null;
  /** Completed or failed: nothing more will happen. */
  finished: boolean;
}

export const UNKNOWN_FAILURE = 'The job failed without saying why. Try again, or check the worker’s log.';

/**
 * The job as the console shows it. `progress` is whatever the job reported: a percentage, or an
 * object such as `{percent}` or `{done, total}` (a recount's parent job reports its environments
 * counted while it waits for them); anything else (and BullMQ's 0 before the first report) means
 * "no progress to show".
 */
export function toJobStatus(job: Job): JobStatus {
  const finished = job.state === 'completed' || job.state === 'failed';
  return {
    id: job.id,
    state: job.state,
    percent: job.state === 'completed' ? 100 : progressPercent(job.progress),
    steps: progressSteps(job.progress),
    failedReason: job.state === 'failed' ? job.failedReason?.trim() || UNKNOWN_FAILURE : null,
    finished,
  };
}

function progressSteps(progress: unknown): JobStatus['steps'] {
  if (typeof progress !== 'object' || progress === null) return null;
  const { done, total } = progress as Record<string, unknown>;
  if (typeof done !== 'number' || typeof total !== 'number' || total <= 0 || done < 0 || done > total) return null;
  return { done, total };
}

function progressPercent(progress: unknown): number | null {
  let value: number | null = null;
  if (typeof progress === 'number') value = progress;
  else if (typeof progress === 'object' && progress !== null) {
    const { percent, done, total } = progress as Record<string, unknown>;
    if (typeof percent === 'number') value = percent;
    else if (typeof done === 'number' && typeof total === 'number' && total > 0) value = (done / total) * 100;
  }
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  return Math.min(100, Math.round(value));
}

export async function getJobStatus(api: RosterClient, jobId: string): Promise<JobStatus> {
  const job = await callApi(() => api.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId } } }), {
    404: 'This job is not known (any more). Its result may already show on the page: reload it.',
  });
  return toJobStatus(job);
}
