import { fail, redirect } from '@sveltejs/kit';
import { apiClient } from '$lib/server/api';
import { login, readCredentials } from '$lib/server/services/auth';
import { ServiceError } from '$lib/server/services/errors';
import { safeRedirectTarget, setSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.operator) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin));
  return {
    sessionProblem: locals.sessionProblem,
    signedOut: url.searchParams.has('signedOut'),
  };
};

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const read = readCredentials(await request.formData());
    if (!read.ok) {
      return fail(400, { username: read.username, message: null, fieldErrors: read.fieldErrors });
    }
    const { username } = read.credentials;
    try {
      const session = await login(apiClient(), read.credentials);
      setSessionCookie(cookies, url, session.token, session.expiresAt);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return fail(error.status, { username, message: error.message, fieldErrors: error.fieldErrors });
    }
    redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin));
  },
};
