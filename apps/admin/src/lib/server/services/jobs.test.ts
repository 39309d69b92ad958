import { describe, expect, it } from 'vitest';
import { getJobStatus, type Job, toJobStatus, UNKNOWN_FAILURE } from './jobs';
import { fakeApi, rejection } from './testing';

const job = (overrides: Partial<Job>): Job => ({
  id: 'job-1',
  name: 'usage.recount-account',
  state: 'waiting',
  progress: 0,
  result: null,
  failedReason: null,
  ...overrides,
});

describe('toJobStatus', () => {
  it('shows no progress for a job waiting with nothing reported', () => {
    expect(toJobStatus(job({ state: 'waiting', progress: 0 }))).toEqual({
      id: 'job-1',
      state: 'waiting',
      percent: null,
      steps: null,
      failedReason: null,
      finished: false,
    });
  });

  it('follows a recount waiting for its environments: steps done of all', () => {
    expect(toJobStatus(job({ state: 'waiting', progress: { percent: 33, done: 1, total: 3 } }))).toMatchObject({
      percent: 33,
      steps: { done: 1, total: 3 },
      finished: false,
    });
    expect(toJobStatus(job({ state: 'waiting', progress: { done: 4, total: 3 } })).steps).toBeNull();
  });

  it('reads a reported percentage, or done/total, while active', () => {
    expect(toJobStatus(job({ state: 'active', progress: 42.4 })).percent).toBe(42);
    expect(toJobStatus(job({ state: 'active', progress: { percent: 130 } })).percent).toBe(100);
    expect(toJobStatus(job({ state: 'active', progress: { done: 1, total: 4 } })).percent).toBe(25);
  });

  it('treats BullMQ’s initial 0 and unreadable progress as none', () => {
    expect(toJobStatus(job({ state: 'active', progress: 0 })).percent).toBeNull();
    expect(toJobStatus(job({ state: 'active', progress: 'half' })).percent).toBeNull();
    expect(toJobStatus(job({ state: 'active', progress: { done: 1, total: 0 } })).percent).toBeNull();
  });

  it('is finished at 100 % once completed', () => {
    expect(toJobStatus(job({ state: 'completed', progress: 0, result: { skipped: false } }))).toMatchObject({
      percent: 100,
      finished: true,
      failedReason: null,
    });
  });

  it('carries the reason of a failure, or says it gave none', () => {
    expect(toJobStatus(job({ state: 'failed', failedReason: 'Database unavailable' }))).toMatchObject({
      finished: true,
      failedReason: 'Database unavailable',
    });
    expect(toJobStatus(job({ state: 'failed', failedReason: '  ' })).failedReason).toBe(UNKNOWN_FAILURE);
    expect(toJobStatus(job({ state: 'failed', failedReason: null })).failedReason).toBe(UNKNOWN_FAILURE);
  });
});

describe('getJobStatus', () => {
  it('reads the job and maps it', async () => {
    const { api, requests } = fakeApi(() => Response.json(job({ state: 'active', progress: 50 })));
    await expect(getJobStatus(api, 'job-1')).resolves.toMatchObject({ state: 'active', percent: 50 });
    expect(requests.map((request) => request.url)).toEqual(['http://api.test/api/v1/jobs/job-1']);
  });

  it('explains a job that is not known', async () => {
    const { api } = fakeApi(() => new Response(null, { status: 404 }));
    const error = await rejection(getJobStatus(api, 'gone'));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('reload');
  });
});
