import { describe, expect, it } from 'vitest';
import {
  lastSeenAt,
  lifecycleActionFor,
  lifecycleCutoffs,
  lifecycleDaysProblem,
  type LifecyclePolicyRules,
  lifecyclePolicyActor,
  lifecycleRunJob,
  type LifecycleUserFacts,
} from './lifecycle-policies.js';

const DAY = 86_400_000;
const asOf = new Date('2026-03-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(asOf.getTime() - days * DAY);
const policy: LifecyclePolicyRules = {
  deactivateAfterDays: 90,
  deleteAfterDays: 30,
  exceptGroupIds: [],
  exceptRoleKeys: [],
  enabled: true,
};
const user = (facts: Partial<LifecycleUserFacts>): LifecycleUserFacts => ({
  kind: 'registered',
  isActive: true,
  createdAt: daysAgo(400),
  updatedAt: daysAgo(400),
  lastLoginAt: null,
  deactivatedByPolicyAt: null,
  excepted: false,
  ...facts,
});

describe('lifecycleCutoffs', () => {
  it('counts whole 24-hour days back from the instant', () => {
    expect(lifecycleCutoffs(policy, asOf)).toEqual({
      asOf,
      dormantBefore: daysAgo(90),
      deleteDormantBefore: daysAgo(120),
      deactivatedBy: daysAgo(30),
    });
    expect(lifecycleCutoffs({ ...policy, deleteAfterDays: null }, asOf)).toMatchObject({
      deleteDormantBefore: null,
      deactivatedBy: null,
    });
  });
});

describe('lifecycleActionFor', () => {
  const cutoffs = lifecycleCutoffs(policy, asOf);

  it('deactivates an active registered user last seen more than N days ago: its login, else its creation', () => {
    expect(lifecycleActionFor(user({ lastLoginAt: daysAgo(91) }), cutoffs)).toBe('deactivate');
    expect(lifecycleActionFor(user({ lastLoginAt: daysAgo(89) }), cutoffs)).toBeNull();
    // Never logged in: its creation counts.
    expect(lifecycleActionFor(user({ createdAt: daysAgo(91) }), cutoffs)).toBe('deactivate');
    expect(lifecycleActionFor(user({ createdAt: daysAgo(10) }), cutoffs)).toBeNull();
    // Exactly N days: not yet (strictly before the cutoff).
    expect(lifecycleActionFor(user({ lastLoginAt: daysAgo(90) }), cutoffs)).toBeNull();
    expect(lastSeenAt({ lastLoginAt: null, createdAt: daysAgo(3) })).toEqual(daysAgo(3));
  });

  it('leaves anonymous and excepted users alone', () => {
    expect(lifecycleActionFor(user({ kind: 'anonymous' }), cutoffs)).toBeNull();
    expect(lifecycleActionFor(user({ excepted: true }), cutoffs)).toBeNull();
  });

  it('deletes only users the policy deactivated M days ago, untouched since, and dormant for N + M days', () => {
    const deactivated = (at: Date, facts: Partial<LifecycleUserFacts> = {}) =>
      user({ isActive: false, deactivatedByPolicyAt: at, updatedAt: at, lastLoginAt: daysAgo(200), ...facts });
    expect(lifecycleActionFor(deactivated(daysAgo(31)), cutoffs)).toBe('delete');
    expect(lifecycleActionFor(deactivated(daysAgo(29)), cutoffs)).toBeNull();
    // Touched after the policy deactivated it (edited, or reactivated and deactivated again by hand).
    expect(lifecycleActionFor(deactivated(daysAgo(31), { updatedAt: daysAgo(20) }), cutoffs)).toBeNull();
    // Deactivated by hand: never deleted by a policy.
    expect(lifecycleActionFor(user({ isActive: false, lastLoginAt: daysAgo(500) }), cutoffs)).toBeNull();
    // Last seen within N + M days (the policy's days were raised since).
    expect(lifecycleActionFor(deactivated(daysAgo(31), { lastLoginAt: daysAgo(100) }), cutoffs)).toBeNull();
    expect(lifecycleActionFor(deactivated(daysAgo(31), { excepted: true }), cutoffs)).toBeNull();
    // A policy without deleteAfterDays never deletes.
    const keeping = lifecycleCutoffs({ ...policy, deleteAfterDays: null }, asOf);
    expect(lifecycleActionFor(deactivated(daysAgo(400)), keeping)).toBeNull();
  });
});

describe('policy values', () => {
  it('take whole days from 1 to 3650', () => {
    expect(lifecycleDaysProblem(1)).toBeNull();
    expect(lifecycleDaysProblem(3650)).toBeNull();
    expect(lifecycleDaysProblem(0)).toMatch(/from 1 to 3650/);
    expect(lifecycleDaysProblem(3651)).toMatch(/from 1 to 3650/);
    expect(lifecycleDaysProblem(1.5)).toMatch(/whole number/);
    expect(lifecycleDaysProblem('9')).toMatch(/whole number/);
  });

  it('act as the policy, and run once per tenant at a time', () => {
    expect(lifecyclePolicyActor('p1')).toEqual({ kind: 'lifecycle-policy', id: 'p1' });
    const job = lifecycleRunJob('a1', 't1', 'request');
    expect(job).toEqual({
      name: 'lifecycle.run-tenant',
      data: { accountId: 'a1', tenantId: 't1', trigger: 'request' },
      opts: { deduplication: { id: 'lifecycle.run-tenant:t1' } },
    });
  });
});
