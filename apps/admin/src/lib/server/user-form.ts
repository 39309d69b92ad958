import { ServiceError } from './services/errors';

export const CHECK_FIELDS_MESSAGE = 'Some values need your attention: see the marked fields.';

/**
 * A failed create or edit, as the user form shows it. The API answers a duplicate username with a
 * 409 that names no field; on this form it can only be the username, so it shows beside that field.
 * When fields carry the messages, the alert above the form only points at them (the API's summary
 * "The request has 2 invalid field(s)…" is written for developers).
 */
export function userFormError(cause: unknown): unknown {
  if (!(cause instanceof ServiceError)) return cause;
  const fieldErrors =
    cause.kind === 'conflict'
      ? { ...cause.fieldErrors, username: cause.fieldErrors.username ?? cause.message }
      : cause.fieldErrors;
  if (Object.keys(fieldErrors).length === 0) return cause;
  return new ServiceError(cause.kind, cause.status, CHECK_FIELDS_MESSAGE, fieldErrors, cause.retryAfterSeconds, {
    cause,
  });
}
