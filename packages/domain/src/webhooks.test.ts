import { describe, expect, it } from 'vitest';
import { change, type ChangeType, type RecordedChange } from './change-events.js';
import {
  cloudEventOf,
  WEBHOOK_EVENT_TYPE_NAMES,
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_RETRY_BASE_MS,
  webhookRetryDelayMs,
  webhookRetrySpanMs,
  webhookTypeOf,
  webhookUrlProblem,
  webhookWants,
} from './webhooks.js';

const recorded = (event: ReturnType<typeof change>, extra: Partial<RecordedChange> = {}): RecordedChange =>
  ({
    ...event,
    id: '01900000-0000-7000-8000-000000000001',
    accountId: 'a',
    tenantId: 't',
    environmentId: 'e',
    actor: { kind: 'operator', id: 'o' },
    at: '2026-12-04T10:00:00.000Z',
    ...extra,
  }) as RecordedChange;

describe('the webhook catalog', () => {
  it('delivers what people build on, and none of Roster’s own housekeeping', () => {
    const cases: [ChangeType, string | null][] = [
      ['user.created', 'roster.user.created'],
      ['user.deactivated', 'roster.user.deactivated'],
      ['group.member.added', 'roster.group.member.added'],
      ['user.role.granted', 'roster.user.role.granted'],
      ['group.role.revoked', 'roster.group.role.revoked'],
      ['application.declared', 'roster.application.declared'],
      ['application.redeclared', 'roster.application.declared'],
      ['tenant.internal-domains.replaced', 'roster.tenant.internal-domains.replaced'],
      ['environment.updated', 'roster.environment.updated'],
      ['operator.created', null],
      ['api-key.deleted', null],
      ['account.updated', null],
      ['webhook.created', null],
      ['login-block.lifted', null],
    ];
    for (const [type, expected] of cases) expect(webhookTypeOf(type), type).toBe(expected);
    // Every catalog entry but the ping is reachable from some change.
    expect(WEBHOOK_EVENT_TYPE_NAMES.filter((name) => name !== 'roster.ping')).toContain('roster.user.password.changed');
  });

  it('wraps a change as a CloudEvent whose id is the change’s', () => {
    const event = cloudEventOf(
      recorded(
        change('user.deleted', 'u1', { kind: 'registered', username: 'ada', email: null, isActive: true }, null),
      ),
    );
    expect(event).toEqual({
      specversion: '1.0',
      id: '01900000-0000-7000-8000-000000000001',
      type: 'roster.user.deleted',
      source: '/accounts/a/tenants/t',
      subject: 'users/u1',
      time: '2026-12-04T10:00:00.000Z',
      datacontenttype: 'application/json',
      data: {
        accountId: 'a',
        environmentId: 'e',
        tenantId: 't',
        actor: { kind: 'operator', id: 'o' },
        before: { kind: 'registered', username: 'ada', email: null, isActive: true },
        after: null,
      },
    });
    // A tenant's own events concern it, though recorded at account level.
    const tenant = cloudEventOf(
      recorded(change('tenant.updated', 't9', { name: 'A' }, { name: 'B' }), { tenantId: null }),
    );
    expect(tenant?.source).toBe('/accounts/a/tenants/t9');
    expect(cloudEventOf(recorded(change('operator.deleted', 'o1', {}, null)))).toBeNull();
  });

  it('sends an endpoint the types it asked for, of the tenants it named', () => {
    const all = { eventTypes: ['roster.user.created'], tenantIds: null };
    const some = { eventTypes: ['roster.user.created', 'roster.environment.updated'], tenantIds: ['t1'] };
    expect(webhookWants(all, 'roster.user.created', 't2')).toBe(true);
    expect(webhookWants(all, 'roster.user.created', null)).toBe(true);
    expect(webhookWants(all, 'roster.user.deleted', 't2')).toBe(false);
    expect(webhookWants(some, 'roster.user.created', 't1')).toBe(true);
    expect(webhookWants(some, 'roster.user.created', 't2')).toBe(false);
    // An account-level event belongs to no tenant: an endpoint limited to tenants does not get it.
    expect(webhookWants(some, 'roster.environment.updated', null)).toBe(false);
  });
});

describe('the retry schedule', () => {
  it('doubles from the base up to 720 × the base, with ±20 % jitter', () => {
    expect(webhookRetryDelayMs(1, 30_000, 0.5)).toBe(30_000);
    expect(webhookRetryDelayMs(2, 30_000, 0.5)).toBe(60_000);
    expect(webhookRetryDelayMs(11, 30_000, 0.5)).toBe(21_600_000);
    expect(webhookRetryDelayMs(20, 30_000, 0.5)).toBe(21_600_000);
    expect(webhookRetryDelayMs(1, 30_000, 0)).toBe(24_000);
    expect(webhookRetryDelayMs(1, 30_000, 0.999_999)).toBe(36_000);
  });

  it('spans about three days at the defaults', () => {
    const days = webhookRetrySpanMs(WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_BASE_MS) / 86_400_000;
    expect(days).toBeGreaterThan(2.5);
    expect(days).toBeLessThan(3.5);
  });
});

describe('webhookUrlProblem', () => {
  it('accepts absolute http and https URLs, and says what is wrong with the others', () => {
    expect(webhookUrlProblem('https://hooks.example.com/roster?x=1')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:4000/')).toBeNull();
    expect(webhookUrlProblem('not a url')).toMatch(/^must be an absolute URL/);
    expect(webhookUrlProblem('ftp://example.com/x')).toBe('must start with https:// or http://');
    expect(webhookUrlProblem('https://user:pass@example.com/x')).toMatch(/^must not hold a user name or password/);
    expect(webhookUrlProblem('https://example.com/x#top')).toBe('must not have a #fragment');
  });
});
