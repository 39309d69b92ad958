import type { RosterClient, Schemas } from '@roster/api-client';
import { text } from '$lib/server/forms';
import { callApi } from './errors';
import { readRoleAndTenants } from './operators';
import { collectAll, MAX_PAGE_SIZE } from './paging';

export type ApiKey = Schemas['ApiKey'];
/** Only this answer holds the secret `key`; it is never shown again. */
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type CreateApiKeyInput = Schemas['CreateApiKey'];

const MAX_NAME_LENGTH = 200;

export function listApiKeys(api: RosterClient, accountId: string): Promise<ApiKey[]> {
  return collectAll((cursor) =>
    callApi(() =>
      api.GET('/api/v1/accounts/{accountId}/api-keys', {
        params: { path: { accountId }, query: { limit: MAX_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

export function createApiKey(api: RosterClient, accountId: string, body: CreateApiKeyInput): Promise<CreatedApiKey> {
  return callApi(() => api.POST('/api/v1/accounts/{accountId}/api-keys', { params: { path: { accountId } }, body }));
}

/** The key stops working at once. */
export async function revokeApiKey(api: RosterClient, apiKeyId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/api-keys/{apiKeyId}', { params: { path: { apiKeyId } } }), {
    404: 'This API key does not exist any more (it may have been revoked already).',
  });
}

/** The create-key form, checked before it reaches the API. */
export function readNewApiKey(
  form: FormData,
): { ok: true; value: CreateApiKeyInput } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const name = text(form, 'name');
  if (name === '') fieldErrors.name = 'Name the key after what uses it, e.g. “billing export”.';
  else if (name.length > MAX_NAME_LENGTH) fieldErrors.name = `Names have at most ${MAX_NAME_LENGTH} characters.`;
  const access = readRoleAndTenants(form);
  if (!access.ok) Object.assign(fieldErrors, access.fieldErrors);
  if (!access.ok || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const { role, tenantIds } = access.value;
  return { ok: true, value: { name, role, ...(role === 'tenant-admin' ? { tenantIds } : {}) } };
}
