import { describe, expect, it, vi } from 'vitest';

vi.mock('$app/navigation', () => ({ invalidateAll: vi.fn() }));

const { describePolicy, runNowSummary } = await import('./lifecycle');

const counts = (deactivate: number, remove: number) => ({
  deactivate: { count: deactivate, users: [] },
  delete: { count: remove, users: [] },
});

describe('runNowSummary', () => {
  it('says what a tenant’s run changes', () => {
    expect(runNowSummary('tenant', counts(3, 0))).toBe(
      'It deactivates 3 user(s), as the preview shows, each change audited with the policy as its author.',
    );
    expect(runNowSummary('tenant', counts(1_200, 2))).toBe(
      'It deactivates 1,200 user(s) and deletes 2 for good, as the preview shows, each change audited with the policy ' +
        'as its author.',
    );
  });

  it('says an environment’s run changes each tenant that follows it, in all', () => {
    expect(runNowSummary('environment', counts(3, 1))).toBe(
      'In each tenant that follows it, it deactivates 3 user(s) and deletes 1 for good in all, as the preview shows, ' +
        'each change audited with the policy as its author.',
    );
  });
});

describe('describePolicy', () => {
  it('says when the policy deactivates and deletes, and whether it is disabled', () => {
    const policy = { deactivateAfterDays: 90, deleteAfterDays: 30, enabled: false };
    expect(describePolicy(policy as Parameters<typeof describePolicy>[0])).toBe(
      'deactivates after 90 days, deletes 30 days later (disabled)',
    );
  });
});
