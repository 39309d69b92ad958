import { redirect } from '@sveltejs/kit';
import { text, valuesOf } from '$lib/server/forms';
import { homeOf } from '$lib/server/home';
import { failure, invalid, success } from '$lib/server/pages';
import {
  createAccount,
  deleteAccount,
  getAccount,
  readName,
  readNewAccount,
  readSubscription,
  updateAccount,
} from '$lib/server/services/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
  const { operator, can, accounts } = await parent();
  // Only the platform admin works across accounts; everyone else has one.
  if (!can.platformAdmin) redirect(303, homeOf(operator));
  return { accounts };
};

export const actions: Actions = {
  createAccount: async ({ request, locals }) => {
    const form = await request.formData();
    const read = readNewAccount(form);
    if (!read.ok) return invalid('createAccount', read.fieldErrors, valuesOf(form));
    try {
      const account = await createAccount(locals.api, read.value);
      return success('createAccount', `Account “${account.name}” created.`);
    } catch (error) {
      return failure(error, 'createAccount', valuesOf(form));
    }
  },

  updateAccount: async ({ request, locals }) => {
    const form = await request.formData();
    const accountId = text(form, 'accountId');
    const name = readName(form);
    const subscription = readSubscription(form);
    if (!name.ok || !subscription.ok) {
      const fieldErrors = {
        ...(name.ok ? {} : name.fieldErrors),
        ...(subscription.ok ? {} : subscription.fieldErrors),
      };
      return invalid('updateAccount', fieldErrors, valuesOf(form));
    }
    try {
      const account = await updateAccount(locals.api, accountId, {
        name: name.value,
        subscription: subscription.value,
      });
      return success('updateAccount', `Account “${account.name}” saved.`);
    } catch (error) {
      return failure(error, 'updateAccount', valuesOf(form));
    }
  },

  deleteAccount: async ({ request, locals }) => {
    const form = await request.formData();
    const accountId = text(form, 'accountId');
    try {
      // The typed name is checked here too, so a form posted without the dialog's check cannot delete.
      const account = await getAccount(locals.api, accountId);
      if (text(form, 'confirmName') !== account.name) {
        return invalid(
          'deleteAccount',
          { confirmName: `Type the account’s name exactly: ${account.name}` },
          valuesOf(form),
          'The name you typed does not match the account’s name.',
        );
      }
      await deleteAccount(locals.api, accountId);
      return success('deleteAccount', `Account “${account.name}” and everything in it deleted.`);
    } catch (error) {
      return failure(error, 'deleteAccount', valuesOf(form));
    }
  },
};
