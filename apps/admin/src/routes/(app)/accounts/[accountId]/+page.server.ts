import { redirect } from '@sveltejs/kit';
import { valuesOf } from '$lib/server/forms';
import { homeOf } from '$lib/server/home';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { readName, readSubscription, updateAccount } from '$lib/server/services/accounts';
import { listEnvironmentsWithTenantCounts } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, params }) => {
  const { operator, can } = await parent();
  // The overview is for those who run the account; tenant-admins and billing start at their own page.
  if (!can.manageEnvironments) redirect(303, homeOf(operator));
  return { environments: await orError(listEnvironmentsWithTenantCounts(locals.api, params.accountId)) };
};

export const actions: Actions = {
  rename: async ({ request, locals, params }) => {
    const form = await request.formData();
    const name = readName(form);
    if (!name.ok) return invalid('rename', name.fieldErrors, valuesOf(form));
    try {
      await updateAccount(locals.api, params.accountId, { name: name.value });
      return success('rename', 'Account renamed.');
    } catch (error) {
      return failure(error, 'rename', valuesOf(form));
    }
  },

  updateSubscription: async ({ request, locals, params }) => {
    const form = await request.formData();
    const subscription = readSubscription(form);
    if (!subscription.ok) return invalid('updateSubscription', subscription.fieldErrors, valuesOf(form));
    try {
      await updateAccount(locals.api, params.accountId, { subscription: subscription.value });
      return success('updateSubscription', 'Subscription saved. Usage is recounted with it shortly.');
    } catch (error) {
      return failure(error, 'updateSubscription', valuesOf(form));
    }
  },
};
