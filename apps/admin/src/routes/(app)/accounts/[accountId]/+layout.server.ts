import { orError } from '$lib/server/pages';
import { getAccount } from '$lib/server/services/accounts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => ({
  account: await orError(getAccount(locals.api, params.accountId)),
});
