import { error, redirect } from '@sveltejs/kit';
import { loginUrl } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

// hooks.server.ts already sends visitors without a session to /login; this is the second lock.
export const load: LayoutServerLoad = ({ locals, url }) => {
  if (locals.operator) return { operator: locals.operator };
  if (locals.sessionProblem) error(503, locals.sessionProblem);
  redirect(303, loginUrl(url));
};
