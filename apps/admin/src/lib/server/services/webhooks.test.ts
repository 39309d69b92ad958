import { describe, expect, it } from 'vitest';
import { readWebhook, webhookFormValues } from './webhooks';

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

describe('readWebhook', () => {
  it('reads an endpoint for every tenant', () => {
    const read = readWebhook(
      formOf([
        ['url', ' https://example.com/hook '],
        ['description', 'CRM sync'],
        ['eventTypes', 'roster.user.created'],
        ['eventTypes', 'roster.user.created'],
        ['eventTypes', 'roster.group.deleted'],
        ['tenantScope', 'all'],
        ['tenantIds', 'ignored-when-all'],
        ['enabled', 'on'],
      ]),
    );
    expect(read).toEqual({
      ok: true,
      value: {
        url: 'https://example.com/hook',
        description: 'CRM sync',
        eventTypes: ['roster.user.created', 'roster.group.deleted'],
        tenantIds: null,
        enabled: true,
      },
    });
  });

  it('limits to the ticked tenants, and an unticked box means disabled', () => {
    const read = readWebhook(
      formOf([
        ['url', 'http://127.0.0.1:4000/'],
        ['eventTypes', 'roster.tenant.created'],
        ['tenantScope', 'some'],
        ['tenantIds', 't1'],
      ]),
    );
    expect(read.ok && read.value).toMatchObject({ tenantIds: ['t1'], enabled: false, description: '' });
  });

  it('says what is missing, field by field', () => {
    const read = readWebhook(
      formOf([
        ['url', 'nope'],
        ['tenantScope', 'some'],
        ['description', 'x'.repeat(501)],
      ]),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.fieldErrors).sort()).toEqual(['description', 'eventTypes', 'tenantIds', 'url']);
    expect(read.fieldErrors.eventTypes).toBe('Choose at least one event to send.');
  });

  it('refuses the ping and types outside the catalog', () => {
    const read = readWebhook(
      formOf([
        ['url', 'https://example.com/'],
        ['eventTypes', 'roster.ping'],
      ]),
    );
    expect(read.ok ? null : read.fieldErrors.eventTypes).toMatch(/Choose events from the list/);
  });
});

describe('webhookFormValues', () => {
  it('keeps repeated fields as one comma-separated value', () => {
    const values = webhookFormValues(
      formOf([
        ['url', 'x'],
        ['eventTypes', 'a'],
        ['eventTypes', 'b'],
        ['tenantScope', 'some'],
        ['tenantIds', 't1'],
      ]),
    );
    expect(values).toEqual({
      url: 'x',
      description: '',
      eventTypes: 'a,b',
      tenantScope: 'some',
      tenantIds: 't1',
      enabled: '',
    });
  });
});
