import { describe, expect, it } from 'vitest';
import { createUser } from './services/users';
import { fakeApi, problem, rejection } from './services/testing';
import { CHECK_FIELDS_MESSAGE, userFormError } from './user-form';

const TENANT = '01a21c6e-4967-7143-8908-3b2fdd434013';

const apiAnswering = (...answer: Parameters<typeof problem>) => fakeApi(() => problem(...answer)).api;

/** The error a failed call shows in the user form, once `userFormError` has placed it. */
const failureOf = (promise: Promise<unknown>) =>
  rejection(promise.catch((cause: unknown) => Promise.reject(userFormError(cause))));

describe('a failed user form', () => {
  it('shows a duplicate username beside the username field', async () => {
    const api = apiAnswering(409, {
      title: 'Conflict',
      detail: 'A user with this username already exists in this tenant (ignoring case).',
    });
    const error = await failureOf(createUser(api, TENANT, { username: 'ada' }));
    expect(error.status).toBe(409);
    expect(error.message).toBe(CHECK_FIELDS_MESSAGE);
    expect(error.fieldErrors).toEqual({
      username: 'A user with this username already exists in this tenant (ignoring case).',
    });
  });

  it('keeps the API’s field messages and points the alert at them', async () => {
    const api = apiAnswering(400, {
      title: 'Invalid request',
      detail: 'The request has 1 invalid field(s): email.',
      errors: [{ field: 'email', message: 'must be a valid email address' }],
    });
    const error = await failureOf(createUser(api, TENANT, { username: 'ada', email: 'ada@localhost' }));
    expect(error.status).toBe(400);
    expect(error.message).toBe(CHECK_FIELDS_MESSAGE);
    expect(error.fieldErrors).toEqual({ email: 'Must be a valid email address.' });
  });

  it('leaves a failure without fields as the API said it', async () => {
    const api = apiAnswering(403, { title: 'Forbidden', detail: 'Not your tenant.' });
    const error = await failureOf(createUser(api, TENANT, { username: 'ada' }));
    expect(error.message).toBe('Not your tenant.');
    const bug = new Error('bug');
    expect(userFormError(bug)).toBe(bug);
  });
});
