import { error } from '@sveltejs/kit';
import { orError } from '$lib/server/pages';
import { listStatements, STATEMENT_PAGE_SIZE } from '$lib/server/services/statements';
import { describeDimension, limitedDimensions } from '$lib/server/services/usage';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { can, account } = await parent();
  if (!can.readUsage)
    error(403, 'Your role does not include usage. Owners, admins and billing operators can see statements.');
  const statements = await orError(listStatements(locals.api, params.accountId, url.searchParams.get('cursor')));
  // The columns follow the subscription's model today; older statements of another model still show its figures.
  const dimensions = limitedDimensions(account.subscription.model).map((key) => ({
    key,
    label: describeDimension(key).label,
  }));
  return { statements, dimensions, billingDay: account.subscription.billingDay, pageSize: STATEMENT_PAGE_SIZE };
};
