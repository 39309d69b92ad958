import type { RosterClient, Schemas } from '@roster/api-client';
import { text } from '$lib/server/forms';
import { callApi } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';

export type ScimToken = Schemas['ScimToken'];
/** Only this answer holds the secret `token`; it is never shown again. */
export type CreatedScimToken = Schemas['CreatedScimToken'];
export type ScimRequest = Schemas['ScimRequest'];

const MAX_NAME_LENGTH = 200;

export function listScimTokens(api: RosterClient, tenantId: string): Promise<ScimToken[]> {
  return collectAll((cursor) =>
    callApi(() =>
      api.GET('/api/v1/tenants/{tenantId}/scim-tokens', {
        params: { path: { tenantId }, query: { limit: MAX_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

export function createScimToken(api: RosterClient, tenantId: string, name: string): Promise<CreatedScimToken> {
  return callApi(() =>
    api.POST('/api/v1/tenants/{tenantId}/scim-tokens', { params: { path: { tenantId } }, body: { name } }),
  );
}

/** The token stops working at once. */
export async function revokeScimToken(api: RosterClient, scimTokenId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/scim-tokens/{scimTokenId}', { params: { path: { scimTokenId } } }), {
    404: 'This SCIM token does not exist any more (it may have been revoked already).',
  });
}

export async function listScimRequests(api: RosterClient, tenantId: string): Promise<ScimRequest[]> {
  const answer = await callApi(() =>
    api.GET('/api/v1/tenants/{tenantId}/scim-requests', { params: { path: { tenantId } } }),
  );
  return answer.items;
}

/** The create-token form, checked before it reaches the API. */
export function readNewScimToken(
  form: FormData,
): { ok: true; name: string } | { ok: false; fieldErrors: Record<string, string> } {
  const name = text(form, 'name');
  if (!name)
    return { ok: false, fieldErrors: { name: 'Name the token after the identity provider, e.g. “Entra ID”.' } };
  if (name.length > MAX_NAME_LENGTH)
    return { ok: false, fieldErrors: { name: `At most ${MAX_NAME_LENGTH} characters.` } };
  return { ok: true, name };
}
