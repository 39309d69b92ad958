import { redirect } from '@sveltejs/kit';
import { valuesOf } from '$lib/server/forms';
import { homeOf } from '$lib/server/home';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { createEnvironment, readEnvironmentForm } from '$lib/server/services/environments';
import { listEnvironmentsWithTenantCounts } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, params }) => {
  const { operator, can } = await parent();
  if (!can.manageEnvironments) redirect(303, homeOf(operator));
  return { environments: await orError(listEnvironmentsWithTenantCounts(locals.api, params.accountId)) };
};

export const actions: Actions = {
  createEnvironment: async ({ request, locals, params }) => {
    const form = await request.formData();
    const read = readEnvironmentForm(form);
    if (!read.ok) return invalid('createEnvironment', read.fieldErrors, valuesOf(form));
    try {
      const environment = await createEnvironment(locals.api, params.accountId, read.value);
      return success('createEnvironment', `Environment “${environment.name}” created.`);
    } catch (error) {
      return failure(error, 'createEnvironment', valuesOf(form));
    }
  },
};
