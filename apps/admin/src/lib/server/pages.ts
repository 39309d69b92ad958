import { type Cookies, error, fail, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { FormFailure, FormSuccess } from '$lib/forms';
import { ServiceError } from './services/errors';
import { loginUrl } from './session';
import { CHECK_FIELDS_MESSAGE } from './user-form';

/**
 * Awaits data a page needs. A service failure becomes the error page with the API's message
 * (404 for another tenant's id, 503 while the API is down …); an ended session goes to sign-in.
 */
export async function orError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (cause) {
    if (!(cause instanceof ServiceError)) throw cause;
    if (cause.kind === 'unauthenticated') redirect(303, loginUrl(getRequestEvent().url));
    error(cause.status, cause.message);
  }
}

/**
 * Turns a service failure inside a form action into a `fail()` the page shows beside `form`.
 * Anything that is not a ServiceError is a bug and is rethrown. When the API said the same at a field
 * (a duplicate name), the message shows there, and the alert above the form only points at it.
 */
export function failure(cause: unknown, form: string, values: Record<string, string> = {}) {
  if (!(cause instanceof ServiceError)) throw cause;
  if (cause.kind === 'unauthenticated') redirect(303, loginUrl(getRequestEvent().url));
  const repeatedAtField = Object.values(cause.fieldErrors).includes(cause.message);
  return fail(cause.status, {
    form,
    message: repeatedAtField ? CHECK_FIELDS_MESSAGE : cause.message,
    fieldErrors: cause.fieldErrors,
    values,
  } satisfies FormFailure);
}

/** A form failure found before calling the API (a required value is missing …). */
export function invalid(
  form: string,
  fieldErrors: Record<string, string>,
  values: Record<string, string> = {},
  message = 'Some of the values need your attention.',
) {
  return fail(400, { form, message, fieldErrors, values } satisfies FormFailure);
}

export function success(form: string, notice: string): FormSuccess {
  return { form, notice };
}

/**
 * A form action that only calls the API (run, apply, cancel …): `notice` once `work` is done, else its failure shown
 * beside the form named `form`.
 */
export async function perform(form: string, notice: string, work: () => Promise<unknown>) {
  try {
    await work();
    return success(form, notice);
  } catch (cause) {
    return failure(cause, form);
  }
}

/** The cookie carrying a notice across a redirect (see {@link redirectWithNotice}). */
const NOTICE_COOKIE = 'roster_notice';
const NOTICE_MAX_LENGTH = 300;

/**
 * Redirects after a change whose page is gone or elsewhere (a deleted user, a created group), leaving a
 * notice the next page shows as a toast. A one-minute cookie rather than a query parameter: the address
 * stays clean, and a reload or a bookmark never repeats the notice.
 */
export function redirectWithNotice(location: string, notice: string): never {
  const { cookies, url } = getRequestEvent();
  cookies.set(NOTICE_COOKIE, notice.slice(0, NOTICE_MAX_LENGTH), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: 60,
  });
  redirect(303, location);
}

/** The notice a redirect left, taken once (reading clears it), with an id so the same text twice shows twice. */
export function takeNotice(cookies: Cookies, url: URL): { id: string; message: string } | null {
  const message = cookies.get(NOTICE_COOKIE);
  if (!message) return null;
  cookies.delete(NOTICE_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
  return { id: crypto.randomUUID(), message };
}
