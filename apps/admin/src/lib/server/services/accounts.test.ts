import type { Schemas } from '@roster/api-client';
import { describe, expect, it } from 'vitest';
import { createAccount, deleteAccount, readName, readNewAccount, readSubscription, updateAccount } from './accounts';
import { fakeApi, formData, problem, rejection } from './testing';

const account: Schemas['Account'] = {
  id: '01930000-0000-7000-8000-000000000001',
  name: 'Acme Software',
  subscription: {
    model: 'named',
    internalLimit: null,
    externalLimit: null,
    namedLimit: 100,
    aggregation: 'sum',
    billingDay: 1,
  },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('readSubscription', () => {
  it('reads the limits of the internal/external model, empty meaning unlimited', () => {
    expect(
      readSubscription(
        formData({
          model: 'internal-external',
          internalLimit: ' 500 ',
          externalLimit: '',
          aggregation: 'unique',
          billingDay: '15',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        model: 'internal-external',
        internalLimit: 500,
        externalLimit: null,
        namedLimit: null,
        aggregation: 'unique',
        billingDay: 15,
      },
    });
  });

  it('sends null for limits the model does not use, so a model change clears them', () => {
    const read = readSubscription(
      formData({ model: 'named', internalLimit: '5', externalLimit: 'x', namedLimit: '0' }),
    );
    expect(read).toEqual({
      ok: true,
      value: {
        model: 'named',
        internalLimit: null,
        externalLimit: null,
        namedLimit: 0,
        aggregation: 'sum',
        billingDay: 1,
      },
    });
  });

  it('names each bad value with the API’s field names', () => {
    const read = readSubscription(
      formData({
        model: 'internal-external',
        internalLimit: '-1',
        externalLimit: '2000000001',
        aggregation: 'most',
        billingDay: '29',
      }),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.fieldErrors).sort()).toEqual([
      'subscription.aggregation',
      'subscription.billingDay',
      'subscription.externalLimit',
      'subscription.internalLimit',
    ]);
    expect(read.fieldErrors['subscription.externalLimit']).toContain('2,000,000,000');
  });

  it('asks for a model when none was chosen', () => {
    const read = readSubscription(formData({ namedLimit: '3' }));
    expect(read).toEqual({
      ok: false,
      fieldErrors: { 'subscription.model': 'Choose how this subscription counts users.' },
    });
  });
});

describe('readNewAccount', () => {
  it('reports the name and the subscription together', () => {
    const read = readNewAccount(formData({ name: '  ', model: 'named', namedLimit: '1.5' }));
    expect(read).toEqual({
      ok: false,
      fieldErrors: {
        name: 'Enter a name.',
        'subscription.namedLimit': 'Enter a whole number such as 1,000 or 1000, or leave it empty for unlimited.',
      },
    });
  });

  it('builds the create body', () => {
    expect(readNewAccount(formData({ name: ' Acme ', model: 'named', namedLimit: '', aggregation: 'sum' }))).toEqual({
      ok: true,
      value: {
        name: 'Acme',
        subscription: {
          model: 'named',
          internalLimit: null,
          externalLimit: null,
          namedLimit: null,
          aggregation: 'sum',
          billingDay: 1,
        },
      },
    });
  });
});

describe('readName', () => {
  it('refuses names longer than the API accepts', () => {
    expect(readName(formData({ name: 'a'.repeat(201) }))).toEqual({
      ok: false,
      fieldErrors: { name: 'Use at most 200 characters.' },
    });
  });
});

describe('account calls', () => {
  it('creates with the body as read', async () => {
    const { api, requests } = fakeApi(() => Response.json(account, { status: 201 }));
    const body = { name: 'Acme Software', subscription: account.subscription };
    await expect(createAccount(api, body)).resolves.toEqual(account);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('http://api.test/api/v1/accounts');
    await expect(requests[0]?.json()).resolves.toEqual(body);
  });

  it('passes the API’s conflict message on, with its own when there is none', async () => {
    const withDetail = fakeApi(() => problem(409, 'An account with this name already exists.'));
    const error = await rejection(createAccount(withDetail.api, { name: 'Acme', subscription: { model: 'named' } }));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('An account with this name already exists.');

    const bare = fakeApi(() => problem(409));
    const fallback = await rejection(createAccount(bare.api, { name: 'Acme', subscription: { model: 'named' } }));
    expect(fallback.message).toBe('Another account already has this name.');
  });

  it('says who may do what when an update is refused', async () => {
    const { api } = fakeApi(() => problem(403));
    const rename = await rejection(updateAccount(api, account.id, { name: 'New' }));
    expect(rename.message).toBe('Only an owner of the account may rename it.');
    const subscription = await rejection(updateAccount(api, account.id, { subscription: { model: 'named' } }));
    expect(subscription.message).toBe('Only the platform admin changes a subscription.');
  });

  it('deletes by id', async () => {
    const { api, requests } = fakeApi(() => new Response(null, { status: 204 }));
    await expect(deleteAccount(api, account.id)).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe('DELETE');
    expect(requests[0]?.url).toBe(`http://api.test/api/v1/accounts/${account.id}`);
  });
});
