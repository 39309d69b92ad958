import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
  const { operator, can, accounts } = await parent();
  // Only the platform admin works across accounts; everyone else has one.
  if (!can.platformAdmin) redirect(303, homeOf(operator));
  return { accounts };
};
