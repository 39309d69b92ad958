import { describe, expect, it } from 'vitest';
import {
  actionChoices,
  actionLabel,
  actionTone,
  actorOf,
  type AuditEvent,
  changedFields,
  fieldLabel,
  formatValue,
  shortId,
  subjectOf,
  targetNames,
  targetOf,
} from './audit';

const TENANT = '01a21c6e-4967-7143-8908-3b2fdd434013';
const USER = '01a21c6e-4b43-77ae-a069-c75113f007ec';
const OPERATOR = '01a21c6e-4758-7501-a683-740ef661d4a8';

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: '01a21c6e-4dbf-717e-a2dc-f07caeb92e04',
    at: '2026-11-27T09:55:20.639Z',
    actorType: 'operator',
    actorId: OPERATOR,
    actorName: 'admin',
    action: 'user.updated',
    targetType: 'user',
    targetId: USER,
    tenantId: TENANT,
    before: null,
    after: null,
    ...overrides,
  };
}

describe('changedFields', () => {
  it('lists only the fields whose values differ, leaving out bookkeeping', () => {
    const before = { id: USER, username: 'ada', email: 'ada@acme.com', isActive: true, updatedAt: '2026-01-01' };
    const after = { id: USER, username: 'ada', email: 'ada@globex.com', isActive: false, updatedAt: '2026-02-02' };
    expect(changedFields(before, after)).toEqual([
      { path: 'email', before: 'ada@acme.com', after: 'ada@globex.com' },
      { path: 'isActive', before: true, after: false },
    ]);
  });

  it('compares nested objects field by field, as dotted paths', () => {
    const before = { name: 'Demo', subscription: { model: 'named', namedLimit: 100, internalLimit: null } };
    const after = { name: 'Demo', subscription: { model: 'named', namedLimit: 250, internalLimit: null } };
    expect(changedFields(before, after)).toEqual([{ path: 'subscription.namedLimit', before: 100, after: 250 }]);
  });

  it('compares arrays as whole values', () => {
    expect(changedFields({ domains: ['acme.com'] }, { domains: ['acme.com'] })).toEqual([]);
    expect(changedFields({ domains: ['acme.com'] }, { domains: ['acme.com', 'acme.org'] })).toEqual([
      { path: 'domains', before: ['acme.com'], after: ['acme.com', 'acme.org'] },
    ]);
  });

  it('lists what a creation set and what a deletion removed, not the empty fields', () => {
    const user = { id: USER, username: 'ada', name: null, email: 'ada@acme.com', createdAt: '2026-01-01' };
    expect(changedFields(null, user)).toEqual([
      { path: 'username', before: null, after: 'ada' },
      { path: 'email', before: null, after: 'ada@acme.com' },
    ]);
    expect(changedFields(user, null).map((change) => change.path)).toEqual(['username', 'email']);
  });

  it('treats a nested object appearing where there was none as its fields being set', () => {
    expect(changedFields({ subscription: null }, { subscription: { model: 'named' } })).toEqual([
      { path: 'subscription.model', before: null, after: 'named' },
    ]);
  });

  it('finds nothing when neither side has a payload', () => {
    expect(changedFields(null, null)).toEqual([]);
  });
});

describe('actionLabel', () => {
  it('names known actions', () => {
    expect(actionLabel('user.deactivated')).toBe('User deactivated');
    expect(actionLabel('user.password.changed')).toBe('Password set');
    expect(actionLabel('group.member.added')).toBe('Added to group');
    expect(actionLabel('user.role.granted')).toBe('Role granted directly');
    expect(actionLabel('tenant.internal-domains.replaced')).toBe('Tenant internal domains changed');
  });

  it('spells out an action it does not know yet', () => {
    expect(actionLabel('widget.colour-changed')).toBe('Widget colour changed');
    expect(actionLabel('')).toBe('Unknown action');
  });

  it('colours additions green and removals red', () => {
    expect(actionTone('user.created')).toBe('success');
    expect(actionTone('group.role.revoked')).toBe('danger');
    expect(actionTone('user.deactivated')).toBe('warning');
    expect(actionTone('user.updated')).toBe('accent');
  });

  it('offers tenant actions only in a tenant, every action in an account', () => {
    const tenant = actionChoices('tenant');
    expect(tenant.groups.map((choice) => choice.value)).toContain('user.');
    expect(tenant.actions.every((choice) => /^(user|group|tenant)\./.test(choice.value))).toBe(true);
    const account = actionChoices('account');
    expect(account.actions.map((choice) => choice.value)).toContain('api-key.created');
    expect(account.groups.map((choice) => choice.value)).toContain('operator.');
  });
});

describe('actorOf', () => {
  it('uses the actor’s name when the API gives one', () => {
    expect(actorOf(event({}))).toEqual({ name: 'admin', kind: 'Operator', deleted: false });
  });

  it('falls back to the kind and the end of the id once the actor is deleted', () => {
    const actor = actorOf(event({ actorType: 'api-key', actorName: null }));
    expect(actor).toEqual({ name: `API key ${shortId(OPERATOR)}`, kind: 'API key', deleted: true });
    expect(shortId(OPERATOR)).toBe('…f661d4a8');
  });

  it('names a SCIM token as such, by its name, and revoked ones by their id', () => {
    expect(actorOf(event({ actorType: 'scim-token', actorName: 'Entra ID' }))).toEqual({
      name: 'Entra ID',
      kind: 'SCIM token',
      deleted: false,
    });
    expect(actorOf(event({ actorType: 'scim-token', actorName: null })).name).toBe(`SCIM token ${shortId(OPERATOR)}`);
    expect(actionLabel('scim-token.deleted')).toBe('SCIM token revoked');
  });

  it('names a dormant-user policy after where it is set', () => {
    expect(actorOf(event({ actorType: 'lifecycle-policy', actorName: 'Dormant-user policy of Production' }))).toEqual({
      name: 'Dormant-user policy of Production',
      kind: 'Dormant-user policy',
      deleted: false,
    });
    expect(actionLabel('tenant.lifecycle-policy.replaced')).toBe('Tenant dormant-user policy set');
  });

  it('names the system', () => {
    expect(actorOf(event({ actorType: 'system', actorId: null, actorName: null })).name).toBe('System');
  });
});

describe('targets and subjects', () => {
  it('names a user target from its payload and links to its page', () => {
    const target = targetOf(event({ action: 'user.updated', after: { username: 'ada' } }));
    expect(target).toEqual({ type: 'User', name: 'ada', href: `/tenants/${TENANT}/users/${USER}` });
  });

  it('does not link to what was deleted', () => {
    expect(targetOf(event({ action: 'user.deleted', before: { username: 'ada' } })).href).toBeNull();
  });

  it('borrows a name from other events of the list, else shows a short id', () => {
    const membership = event({ action: 'group.member.added', after: { groupId: 'g', groupName: 'Sales' } });
    expect(targetOf(membership).name).toBe(shortId(USER));
    const names = targetNames([membership, event({ action: 'user.created', after: { username: 'ada' } })]);
    expect(targetOf(membership, names).name).toBe('ada');
  });

  it('says which group or role a membership or grant was about', () => {
    expect(subjectOf(event({ action: 'group.member.removed', before: { groupName: 'Sales' } }))).toBe('Sales');
    expect(
      subjectOf(event({ action: 'user.role.granted', after: { roleKey: 'crm.admin', roleName: 'CRM admin' } })),
    ).toBe('CRM admin (crm.admin)');
    expect(subjectOf(event({ action: 'user.updated' }))).toBeNull();
  });

  it('says until when a grant holds, and that a revoke was its expiry', () => {
    const grant = { roleKey: 'crm.admin', roleName: 'CRM admin', expiresAt: '2026-11-27T14:03:00.000Z' };
    expect(subjectOf(event({ action: 'group.role.granted', after: grant }))).toBe(
      'CRM admin (crm.admin), until 27 Nov 2026, 14:03:00 UTC',
    );
    expect(subjectOf(event({ action: 'user.role.revoked', before: { ...grant, reason: 'expired' } }))).toBe(
      'CRM admin (crm.admin), expired',
    );
    expect(subjectOf(event({ action: 'user.role.revoked', before: grant }))).toBe('CRM admin (crm.admin)');
  });
});

describe('formatting', () => {
  it('labels fields, nested ones with their parent', () => {
    expect(fieldLabel('mobilePhone')).toBe('Mobile phone');
    expect(fieldLabel('externalId')).toBe('External ID');
    expect(fieldLabel('subscription.internalLimit')).toBe('Subscription › Internal limit');
  });

  it('shows values as text', () => {
    expect(formatValue(null)).toBe('');
    expect(formatValue(true)).toBe('Yes');
    expect(formatValue(1500)).toBe('1,500');
    expect(formatValue(['a.com', 'b.com'])).toBe('a.com, b.com');
    expect(formatValue([])).toBe('(none)');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});
