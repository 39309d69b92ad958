import { redirect } from '@sveltejs/kit';
import { apiClient } from '$lib/server/api';
import { logout } from '$lib/server/services/auth';
import { ServiceError } from '$lib/server/services/errors';
import { clearSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Signing out is a POST (a form action); a plain visit goes home. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ locals, cookies, url }) => {
    if (locals.token) {
      try {
        await logout(apiClient(locals.token));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        // The API could not end the session (it may be down); the cookie goes all the same,
        // and the token expires on its own.
        console.warn(`Sign-out: the API did not end the session: ${error.message}`);
      }
    }
    clearSessionCookie(cookies, url);
    redirect(303, '/login?signedOut=1');
  },
};
