import { error } from '@sveltejs/kit';
import { text } from '$lib/server/forms';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { createApiKey, listApiKeys, readNewApiKey, revokeApiKey } from '$lib/server/services/api-keys';
import { ACCOUNT_ROLES, roleFormValues } from '$lib/server/services/operators';
import { listTenantChoices } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.manageOperators) error(403, 'Only the account’s owners manage its API keys.');
  const [apiKeys, tenantGroups] = await orError(
    Promise.all([listApiKeys(locals.api, params.accountId), listTenantChoices(locals.api, params.accountId)]),
  );
  return { apiKeys, roles: ACCOUNT_ROLES, tenantGroups };
};

export const actions: Actions = {
  create: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = roleFormValues(form);
    const read = readNewApiKey(form);
    if (!read.ok) return invalid('create', read.fieldErrors, values);
    try {
      const created = await createApiKey(locals.api, params.accountId, read.value);
      // The secret goes to this one answer only: it is never stored by the console nor shown again.
      return { ...success('create', `API key “${created.name}” created. Copy it now.`), created };
    } catch (cause) {
      return failure(cause, 'create', values);
    }
  },

  revoke: async ({ locals, request }) => {
    const form = await request.formData();
    const apiKeyId = text(form, 'apiKeyId');
    const formId = `revoke-${apiKeyId}`;
    try {
      await revokeApiKey(locals.api, apiKeyId);
      return success(formId, `API key “${text(form, 'name')}” revoked. It no longer works.`);
    } catch (cause) {
      return failure(cause, formId);
    }
  },
};
