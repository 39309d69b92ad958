import { error } from '@sveltejs/kit';
import { text } from '$lib/server/forms';
import { failure, invalid, orError, success } from '$lib/server/pages';
import {
  ACCOUNT_ROLES,
  createOperator,
  deleteOperator,
  listOperators,
  readNewOperator,
  readOperatorChanges,
  roleFormValues,
  updateOperator,
} from '$lib/server/services/operators';
import { listTenantChoices } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.manageOperators) error(403, 'Only the account’s owners manage its operators.');
  const [operators, tenantGroups] = await orError(
    Promise.all([listOperators(locals.api, params.accountId), listTenantChoices(locals.api, params.accountId)]),
  );
  return { operators, roles: ACCOUNT_ROLES, tenantGroups };
};

export const actions: Actions = {
  create: async ({ locals, params, request }) => {
    const form = await request.formData();
    const read = readNewOperator(form);
    if (!read.ok) return invalid('create', read.fieldErrors, roleFormValues(form));
    try {
      const operator = await createOperator(locals.api, params.accountId, read.value);
      return success('create', `Operator “${operator.username}” created.`);
    } catch (cause) {
      return failure(cause, 'create', roleFormValues(form));
    }
  },

  update: async ({ locals, request }) => {
    const form = await request.formData();
    const operatorId = text(form, 'operatorId');
    const read = readOperatorChanges(form, text(form, 'username'));
    if (!read.ok) return invalid('update', read.fieldErrors, roleFormValues(form));
    try {
      const operator = await updateOperator(locals.api, operatorId, read.value);
      return success(
        'update',
        read.value.password
          ? `Operator “${operator.username}” updated; their sessions were ended by the new password.`
          : `Operator “${operator.username}” updated.`,
      );
    } catch (cause) {
      return failure(cause, 'update', roleFormValues(form));
    }
  },

  delete: async ({ locals, request }) => {
    const form = await request.formData();
    const operatorId = text(form, 'operatorId');
    // Named per operator, so the error shows in the dialog of the operator it is about.
    const formId = `delete-${operatorId}`;
    try {
      await deleteOperator(locals.api, operatorId);
      return success(formId, `Operator “${text(form, 'username')}” deleted.`);
    } catch (cause) {
      return failure(cause, formId);
    }
  },
};
