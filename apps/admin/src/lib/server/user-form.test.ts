import { createRosterClient } from '@roster/api-client';
import { describe, expect, it } from 'vitest';
import { createUser } from './services/users';
import { ServiceError } from './services/errors';
import { CHECK_FIELDS_MESSAGE, userFormError } from './user-form';

const TENANT = '01a21c6e-4967-7143-8908-3b2fdd434013';

function apiAnswering(status: number, body: unknown) {
  return createRosterClient({
    baseUrl: 'http://api.test/',
    fetch: async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } }),
  });
}

async function failureOf(promise: Promise<unknown>): Promise<ServiceError> {
  const error = userFormError(
    await promise.then(
      () => null,
      (cause: unknown) => cause,
    ),
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('a failed user form', () => {
  it('shows a duplicate username beside the username field', async () => {
    const api = apiAnswering(409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
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
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: 'The request has 1 invalid field(s): email.',
      errors: [{ field: 'email', message: 'must be a valid email address' }],
    });
    const error = await failureOf(createUser(api, TENANT, { username: 'ada', email: 'ada@localhost' }));
    expect(error.status).toBe(400);
    expect(error.message).toBe(CHECK_FIELDS_MESSAGE);
    expect(error.fieldErrors).toEqual({ email: 'Must be a valid email address.' });
  });

  it('leaves a failure without fields as the API said it', async () => {
    const api = apiAnswering(403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Not your tenant.' });
    const error = await failureOf(createUser(api, TENANT, { username: 'ada' }));
    expect(error.message).toBe('Not your tenant.');
    const bug = new Error('bug');
    expect(userFormError(bug)).toBe(bug);
  });
});
