/**
 * Test support for the service unit tests: a client on a stub fetch, problem+json answers and
 * a way to catch the ServiceError a call rejects with. Imported by `*.test.ts` files only.
 */
import { createRosterClient, type Problem } from '@roster/api-client';
import { expect } from 'vitest';
import { ServiceError } from './errors';

export type Handler = (request: Request) => Response | Promise<Response>;

/**
 * A client whose fetch is `handler`; `requests` records what was sent, cloned so a test can
 * still read each body.
 */
export function fakeApi(handler: Handler, token?: string) {
  const requests: Request[] = [];
  const api = createRosterClient({
    baseUrl: 'http://api.test/',
    ...(token ? { token } : {}),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      return handler(request);
    },
  });
  return { api, requests };
}

/**
 * A problem+json answer as the API sends it. `body` is the `detail` when a string, else the
 * problem's other members (detail, errors, title); without one the problem has no detail.
 */
export function problem(
  status: number,
  body: string | Partial<Problem> = {},
  headers: Record<string, string> = {},
): Response {
  const members = typeof body === 'string' ? { detail: body } : body;
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, ...members }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** The ServiceError `promise` rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

/** Form data as a browser sends it; a list of pairs repeats a name (tenantIds, domain …). */
export function formData(fields: Record<string, string> | [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) data.append(name, value);
  return data;
}
