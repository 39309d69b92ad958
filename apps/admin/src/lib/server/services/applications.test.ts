import { createRosterClient } from '@roster/api-client';
import { describe, expect, it } from 'vitest';
import { getRole } from './applications';
import { ServiceError } from './errors';

const ENVIRONMENT = '01930000-0000-7000-8000-0000000000ee';

const roles = [
  { key: 'crm.sales', name: 'Sales', description: '', applicationKey: 'crm', isActive: true },
  { key: 'crm.legacy', name: 'Legacy', description: '', applicationKey: 'crm', isActive: false },
];

function apiAnswering(items: unknown[]) {
  return createRosterClient({ baseUrl: 'http://api.test', fetch: async () => Response.json({ items }) });
}

describe('getRole', () => {
  it('finds a role by key, inactive ones included', async () => {
    await expect(getRole(apiAnswering(roles), ENVIRONMENT, 'crm.legacy')).resolves.toMatchObject({
      key: 'crm.legacy',
      isActive: false,
    });
  });

  it('answers an unknown key with a 404 naming the key', async () => {
    const error = await getRole(apiAnswering(roles), ENVIRONMENT, 'crm.nope').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).status).toBe(404);
    expect((error as ServiceError).kind).toBe('not-found');
    expect((error as ServiceError).message).toContain('“crm.nope”');
  });
});
