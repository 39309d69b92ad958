import { orError } from '$lib/server/pages';
import { listApplications } from '$lib/server/services/applications';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
  // Roles belong to the environment's applications; the tenant grants them.
  const { environment } = await parent();
  const applications = await orError(listApplications(locals.api, environment.id));
  return { applications };
};
