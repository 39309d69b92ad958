import { error } from '@sveltejs/kit';
import { publicApiBaseUrl } from '$lib/server/config';
import { text } from '$lib/server/forms';
import { failure, invalid, orError, success } from '$lib/server/pages';
import {
  createScimToken,
  listScimRequests,
  listScimTokens,
  readNewScimToken,
  revokeScimToken,
} from '$lib/server/services/scim';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.manageProvisioning) error(403, 'Only owners and admins of the account set up a tenant’s provisioning.');
  const [tokens, requests] = await orError(
    Promise.all([listScimTokens(locals.api, params.tenantId), listScimRequests(locals.api, params.tenantId)]),
  );
  const api = publicApiBaseUrl();
  return {
    tokens,
    requests,
    baseUrl: `${api.url}/scim/v2/tenants/${params.tenantId}`,
    baseUrlConfigured: api.configured,
  };
};

export const actions: Actions = {
  create: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = { name: text(form, 'name') };
    const read = readNewScimToken(form);
    if (!read.ok) return invalid('create', read.fieldErrors, values);
    try {
      const created = await createScimToken(locals.api, params.tenantId, read.name);
      // The token goes to this one answer only: the console never stores it, and it is not shown again.
      return { ...success('create', `SCIM token “${created.name}” created. Copy it now.`), created };
    } catch (cause) {
      return failure(cause, 'create', values);
    }
  },

  revoke: async ({ locals, request }) => {
    const form = await request.formData();
    const scimTokenId = text(form, 'scimTokenId');
    const formId = `revoke-${scimTokenId}`;
    try {
      await revokeScimToken(locals.api, scimTokenId);
      return success(formId, `SCIM token “${text(form, 'name')}” revoked. It no longer works.`);
    } catch (cause) {
      return failure(cause, formId);
    }
  },
};
