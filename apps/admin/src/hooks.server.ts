import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { apiClient } from '$lib/server/api';
import { getCurrentOperator } from '$lib/server/services/auth';
import { ServiceError } from '$lib/server/services/errors';
import { clearSessionCookie, loginUrl, SESSION_COOKIE } from '$lib/server/session';

/** Routes under src/routes/(app) need a signed-in operator. */
function isProtected(routeId: string | null): boolean {
  return routeId !== null && routeId.startsWith('/(app)');
}

/** Probes (src/routes/healthz): answered without a session lookup, which would wait for the API. */
const PROBE_PATH = '/healthz';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.operator = null;
  event.locals.token = null;
  event.locals.sessionProblem = null;
  event.locals.api = apiClient();
  if (event.url.pathname === PROBE_PATH) return resolve(event);

  const token = event.cookies.get(SESSION_COOKIE);
  if (token) {
    const api = apiClient(token);
    try {
      const operator = await getCurrentOperator(api);
      if (operator) {
        event.locals.operator = operator;
        event.locals.token = token;
        event.locals.api = api;
      } else {
        clearSessionCookie(event.cookies, event.url);
      }
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      // Keep the cookie: the token may well be valid once the API answers again.
      event.locals.token = token;
      event.locals.sessionProblem = error.message;
    }
  }

  if (isProtected(event.route.id) && !event.locals.operator && !event.locals.sessionProblem) {
    redirect(303, loginUrl(event.url));
  }

  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  if (!response.headers.has('cache-control')) {
    // Pages show who is signed in: never let a shared cache keep them.
    response.headers.set('cache-control', 'private, no-store');
  }
  return response;
};

export const handleError: HandleServerError = ({ error, status, message }) => {
  if (status !== 404) console.error('Unhandled error in the admin console:', error);
  return { message: status === 404 ? 'This page does not exist.' : message };
};
