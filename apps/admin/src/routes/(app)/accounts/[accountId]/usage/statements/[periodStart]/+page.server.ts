import { error } from '@sveltejs/kit';
import { orError } from '$lib/server/pages';
import { getStatement } from '$lib/server/services/statements';
import { describeDimension, limitedDimensions, otherDimensions } from '$lib/server/services/usage';
import { isPeriodStart } from '$lib/statements';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.readUsage)
    error(403, 'Your role does not include usage. Owners, admins and billing operators can see statements.');
  // A malformed day is a page that does not exist, not the API's 400.
  if (!isPeriodStart(params.periodStart)) error(404, 'There is no closed statement for this period.');
  const statement = await orError(getStatement(locals.api, params.accountId, params.periodStart));
  // The statement's own model (as it was when the period closed) decides which dimensions were limited.
  const limited = new Set(limitedDimensions(statement.model));
  const dimensions = [...limitedDimensions(statement.model), ...otherDimensions(statement.model)].map((key) => ({
    key,
    label: describeDimension(key).label,
    limited: limited.has(key),
  }));
  return { statement, dimensions };
};
