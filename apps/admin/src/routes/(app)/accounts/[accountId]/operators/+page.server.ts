import { error } from '@sveltejs/kit';
import { all, text, valuesOf } from '$lib/server/forms';
import { failure, invalid, orError, success } from '$lib/server/pages';
import {
  ACCOUNT_ROLES,
  createOperator,
  deleteOperator,
  listOperators,
  readNewOperator,
  readOperatorChanges,
  updateOperator,
} from '$lib/server/services/operators';
import { listTenantsOfAccount } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.manageOperators) error(403, 'Only the account’s owners manage its operators.');
  const [operators, tenantsByEnvironment] = await orError(
    Promise.all([listOperators(locals.api, params.accountId), listTenantsOfAccount(locals.api, params.accountId)]),
  );
  return {
    operators,
    roles: ACCOUNT_ROLES,
    // Only what the pickers and the table show: names and ids.
    tenantGroups: tenantsByEnvironment.map(({ environment, tenants }) => ({
      environment: { id: environment.id, name: environment.name, kind: environment.kind },
      tenants: tenants.map((tenant) => ({ id: tenant.id, name: tenant.name })),
    })),
  };
};

/** The typed values to put back after a failure; ticked tenants travel as one comma-separated value. */
function formValues(form: FormData): Record<string, string> {
  return { ...valuesOf(form), tenantIds: all(form, 'tenantIds').join(',') };
}

export const actions: Actions = {
  create: async ({ locals, params, request }) => {
    const form = await request.formData();
    const read = readNewOperator(form);
    if (!read.ok) return invalid('create', read.fieldErrors, formValues(form));
    try {
      const operator = await createOperator(locals.api, params.accountId, read.value);
      return success('create', `Operator “${operator.username}” created.`);
    } catch (cause) {
      return failure(cause, 'create', formValues(form));
    }
  },

  update: async ({ locals, request }) => {
    const form = await request.formData();
    const operatorId = text(form, 'operatorId');
    const read = readOperatorChanges(form, text(form, 'username'));
    if (!read.ok) return invalid('update', read.fieldErrors, formValues(form));
    try {
      const operator = await updateOperator(locals.api, operatorId, read.value);
      return success(
        'update',
        read.value.password
          ? `Operator “${operator.username}” updated; their sessions were ended by the new password.`
          : `Operator “${operator.username}” updated.`,
      );
    } catch (cause) {
      return failure(cause, 'update', formValues(form));
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
