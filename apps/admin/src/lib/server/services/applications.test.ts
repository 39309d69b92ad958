import { describe, expect, it } from 'vitest';
import { getRole } from './applications';
import { fakeApi, rejection } from './testing';

const ENVIRONMENT = '01930000-0000-7000-8000-0000000000ee';

const roles = [
  { key: 'crm.sales', name: 'Sales', description: '', applicationKey: 'crm', isActive: true },
  { key: 'crm.legacy', name: 'Legacy', description: '', applicationKey: 'crm', isActive: false },
];

const apiAnswering = (items: unknown[]) => fakeApi(() => Response.json({ items })).api;

describe('getRole', () => {
  it('finds a role by key, inactive ones included', async () => {
    await expect(getRole(apiAnswering(roles), ENVIRONMENT, 'crm.legacy')).resolves.toMatchObject({
      key: 'crm.legacy',
      isActive: false,
    });
  });

  it('answers an unknown key with a 404 naming the key', async () => {
    const error = await rejection(getRole(apiAnswering(roles), ENVIRONMENT, 'crm.nope'));
    expect(error.status).toBe(404);
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('“crm.nope”');
  });
});
