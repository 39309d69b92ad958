import { describe, expect, it } from 'vitest';
import { JOB_NAMES, jobHandlerProblems } from './jobs.js';

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
