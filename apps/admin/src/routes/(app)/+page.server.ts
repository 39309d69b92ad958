import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/home';
import type { PageServerLoad } from './$types';

/** The console has no page of its own at "/": each role starts where its work is. */
export const load: PageServerLoad = async ({ parent, url }) => {
  const { operator } = await parent();
  redirect(303, homeOf(operator) + url.search);
};
