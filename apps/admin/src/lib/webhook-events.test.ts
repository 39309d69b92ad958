import { WEBHOOK_EVENT_TYPES } from '@roster/domain';
import { describe, expect, it } from 'vitest';
import { groupWebhookEvents, PING_EVENT_TYPE, subscribableEventTypes, webhookUrlProblem } from './webhook-events';

describe('groupWebhookEvents', () => {
  it('groups the real catalog by subject, in the picker’s order, without the ping', () => {
    const groups = groupWebhookEvents();
    expect(groups.map((group) => group.title)).toEqual([
      'Users',
      'Groups',
      'Roles',
      'Applications',
      'Tenants',
      'Environments',
      'Usage and billing',
    ]);
    const types = groups.flatMap((group) => group.events.map((event) => event.type));
    expect(types).not.toContain(PING_EVENT_TYPE);
    expect(new Set(types)).toEqual(new Set(subscribableEventTypes()));
    expect(types).toHaveLength(Object.keys(WEBHOOK_EVENT_TYPES).length - 1);
  });

  it('puts role grants of users and groups under Roles, keeping who holds the role in the label', () => {
    const roles = groupWebhookEvents().find((group) => group.key === 'role');
    expect(roles?.events.map((event) => event.label)).toEqual([
      'user.role.granted',
      'user.role.revoked',
      'group.role.granted',
      'group.role.revoked',
    ]);
    const users = groupWebhookEvents().find((group) => group.key === 'user');
    expect(users?.events.map((event) => event.label)).toContain('password.changed');
    expect(users?.events.every((event) => !event.label.includes('role'))).toBe(true);
  });

  it('keeps the catalog’s descriptions', () => {
    const created = groupWebhookEvents()
      .flatMap((group) => group.events)
      .find((event) => event.type === 'roster.user.created');
    expect(created?.description).toBe(WEBHOOK_EVENT_TYPES['roster.user.created']);
  });

  it('collects types of an unknown subject under Other, after the known groups, and drops empty groups', () => {
    const groups = groupWebhookEvents({
      'roster.invoice.sent': 'An invoice.',
      'roster.tenant.created': 'A tenant.',
      'roster.ping': 'Test.',
    });
    expect(groups.map((group) => [group.title, group.events.map((event) => event.label)])).toEqual([
      ['Tenants', ['created']],
      ['Other', ['invoice.sent']],
    ]);
  });
});

describe('webhookUrlProblem', () => {
  it('accepts http and https URLs, including 127.0.0.1 with a port and a query', () => {
    expect(webhookUrlProblem('https://example.com/roster-events')).toBeNull();
    expect(webhookUrlProblem(' http://127.0.0.1:4100/hook?x=1 ')).toBeNull();
  });

  it('says what is wrong, as the API would refuse it', () => {
    expect(webhookUrlProblem('')).toMatch(/Enter the URL/);
    expect(webhookUrlProblem('example.com/hook')).toBe(
      'Must be an absolute URL such as https://example.com/roster-events.',
    );
    expect(webhookUrlProblem('ftp://example.com/')).toBe('Must start with https:// or http://.');
    expect(webhookUrlProblem('https://user:pw@example.com/')).toMatch(/^Must not hold a user name or password/);
    expect(webhookUrlProblem('https://example.com/#top')).toBe('Must not have a #fragment.');
    expect(webhookUrlProblem(`https://example.com/${'a'.repeat(2000)}`)).toMatch(/at most 2000/);
  });
});
