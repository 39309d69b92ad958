import { describe, expect, it } from 'vitest';
import {
  coalesceWithinMs,
  debouncedRecountRequest,
  JOB_NAMES,
  jobHandlerProblems,
  postponedRecountRequest,
  RECOUNT_SPACING_MAX_MS,
  recountWaitMs,
  USAGE_RECOUNT_DEBOUNCE_MS,
} from './jobs.js';

describe('jobHandlerProblems', () => {
  it('is empty when every job has exactly one handler', () => {
    expect(jobHandlerProblems(JOB_NAMES)).toEqual([]);
  });
  it('names missing, duplicated and unknown handlers', () => {
    const [first] = JOB_NAMES;
    expect(jobHandlerProblems([])).toContain(`job "${first}" has no handler`);
    expect(jobHandlerProblems([...JOB_NAMES, first!])).toContain(
      `job "${first}" has 2 handlers; it must have exactly one`,
    );
    expect(jobHandlerProblems([...JOB_NAMES, 'nope'])).toContain(
      'handler for "nope", which is not in the job registry',
    );
  });
});

describe('recountWaitMs', () => {
  const now = 1_000_000;
  it('lets the first recount of an account start at once', () => {
    expect(recountWaitMs(null, now)).toBe(0);
  });
  it('never holds back a cheap account beyond the debounce', () => {
    // 20 ms of counting asks for 180 ms between runs: less than the debounce that already passed.
    expect(recountWaitMs({ databaseMs: 20, finishedAt: now - USAGE_RECOUNT_DEBOUNCE_MS }, now)).toBe(0);
  });
  it('keeps a costly recount to a tenth of the database: nine times its cost between runs', () => {
    expect(recountWaitMs({ databaseMs: 1_000, finishedAt: now - 2_000 }, now)).toBe(7_000);
    expect(recountWaitMs({ databaseMs: 1_000, finishedAt: now - 9_000 }, now)).toBe(0);
  });
  it('counts changes within a minute of the previous run, however costly it was', () => {
    expect(recountWaitMs({ databaseMs: 600_000, finishedAt: now }, now)).toBe(RECOUNT_SPACING_MAX_MS);
  });
});

describe('postponedRecountRequest', () => {
  it('is the debounced request, later, its deduplication window closing the same margin before it runs', () => {
    const debounced = debouncedRecountRequest('a1');
    const postponed = postponedRecountRequest('a1', 7_000);
    expect(postponed.name).toBe(debounced.name);
    expect(postponed.data).toEqual(debounced.data);
    expect(postponed.opts.deduplication.id).toBe(debounced.opts.deduplication.id);
    expect(postponed.opts.delay).toBe(7_000);
    expect(postponed.opts.delay - postponed.opts.deduplication.ttl).toBe(
      debounced.opts.delay - debounced.opts.deduplication.ttl,
    );
    expect(coalesceWithinMs(postponed.opts)).toBe(coalesceWithinMs(debounced.opts));
  });
  it('never waits less than the debounce', () => {
    expect(postponedRecountRequest('a1', 10).opts.delay).toBe(USAGE_RECOUNT_DEBOUNCE_MS);
  });
});
