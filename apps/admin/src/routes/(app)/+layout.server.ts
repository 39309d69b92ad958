import { error, redirect } from '@sveltejs/kit';
import { capabilitiesOf } from '$lib/capabilities';
import { orError, takeNotice } from '$lib/server/pages';
import { getAccount, listAccounts } from '$lib/server/services/accounts';
import { loginUrl } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

// hooks.server.ts already sends visitors without a session to /login; this is the second lock.
export const load: LayoutServerLoad = async ({ cookies, locals, url }) => {
  const operator = locals.operator;
  if (!operator) {
    if (locals.sessionProblem) error(503, locals.sessionProblem);
    redirect(303, loginUrl(url));
  }
  const can = capabilitiesOf(operator.role);
  return {
    operator,
    can,
    // The platform admin's account switcher lists every account.
    accounts: can.platformAdmin ? await orError(listAccounts(locals.api)) : [],
    // Everyone else works in one account: its navigation stays even on pages that failed to load.
    ownAccount: operator.accountId ? await orError(getAccount(locals.api, operator.accountId)) : null,
    // Form actions that redirect (after a delete …) leave their notice here; loads rerun after them.
    notice: takeNotice(cookies, url),
  };
};
