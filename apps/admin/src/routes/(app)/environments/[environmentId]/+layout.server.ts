import { orError } from '$lib/server/pages';
import { getAccount } from '$lib/server/services/accounts';
import { getEnvironment } from '$lib/server/services/environments';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => {
  const environment = await orError(getEnvironment(locals.api, params.environmentId));
  return { environment, account: await orError(getAccount(locals.api, environment.accountId)) };
};
