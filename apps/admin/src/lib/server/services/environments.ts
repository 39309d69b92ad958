import type { RosterClient, Schemas } from '@roster/api-client';
import { all, checked, text } from '$lib/server/forms';
import { type FormRead, nameProblem } from './accounts';
import { callApi, ServiceError } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';

export type Environment = Schemas['Environment'];
export type EnvironmentKind = Environment['kind'];

const ENVIRONMENT_NOT_FOUND = 'This environment does not exist, or you have no access to it.';
const ENVIRONMENT_NAME_TAKEN = 'Another environment of this account already has this name (names ignore case).';

/** The account's environments (a tenant-admin sees those holding their tenants). */
export function listEnvironments(api: RosterClient, accountId: string): Promise<Environment[]> {
  return collectAll((cursor) =>
    callApi(() =>
      api.GET('/api/v1/accounts/{accountId}/environments', {
        params: { path: { accountId }, query: { limit: MAX_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

export function getEnvironment(api: RosterClient, environmentId: string): Promise<Environment> {
  return callApi(() => api.GET('/api/v1/environments/{environmentId}', { params: { path: { environmentId } } }), {
    404: ENVIRONMENT_NOT_FOUND,
  });
}

export function createEnvironment(
  api: RosterClient,
  accountId: string,
  body: Schemas['CreateEnvironment'],
): Promise<Environment> {
  return callApi(
    () => api.POST('/api/v1/accounts/{accountId}/environments', { params: { path: { accountId } }, body }),
    { 403: 'Only owners and admins create environments.', 409: ENVIRONMENT_NAME_TAKEN },
  );
}

export function updateEnvironment(
  api: RosterClient,
  environmentId: string,
  body: Schemas['UpdateEnvironment'],
): Promise<Environment> {
  return callApi(
    () => api.PATCH('/api/v1/environments/{environmentId}', { params: { path: { environmentId } }, body }),
    { 403: 'Only owners and admins change environments.', 404: ENVIRONMENT_NOT_FOUND, 409: ENVIRONMENT_NAME_TAKEN },
  );
}

/** The API refuses (409) while the environment holds tenants, so no end user is deleted by surprise. */
export async function deleteEnvironment(api: RosterClient, environmentId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/environments/{environmentId}', { params: { path: { environmentId } } }), {
    403: 'Only owners and admins delete environments.',
    404: ENVIRONMENT_NOT_FOUND,
    409: 'The environment still has tenants; delete them first.',
  });
}

/** Email domains whose users count as internal in every tenant of the environment. */
export async function getEnvironmentDomains(api: RosterClient, environmentId: string): Promise<string[]> {
  const list = await callApi(
    () => api.GET('/api/v1/environments/{environmentId}/internal-domains', { params: { path: { environmentId } } }),
    { 404: ENVIRONMENT_NOT_FOUND },
  );
  return list.domains;
}

/** Replaces the list; the API normalizes it and answers 400 with `domains.<index>` per bad entry. */
export async function replaceEnvironmentDomains(
  api: RosterClient,
  environmentId: string,
  domains: string[],
): Promise<string[]> {
  const list = await withDomainErrors(
    callApi(
      () =>
        api.PUT('/api/v1/environments/{environmentId}/internal-domains', {
          params: { path: { environmentId } },
          body: { domains },
        }),
      { 403: 'Only owners and admins change internal domains.', 404: ENVIRONMENT_NOT_FOUND },
    ),
  );
  return list.domains;
}

/**
 * The API sums up a refused domain list as "The request has 2 invalid field(s): domains.0, …".
 * Its per-entry messages stay (the editor shows each beside its domain); the summary is said
 * in the editor's terms instead.
 */
export async function withDomainErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof ServiceError) || error.kind !== 'invalid') throw error;
    const entries = Object.keys(error.fieldErrors).filter((field) => /^domains\.\d+$/.test(field)).length;
    if (entries === 0) throw error;
    const message =
      entries === 1
        ? 'One domain is not valid: see the message beside it, then save again.'
        : `${entries} domains are not valid: see the message beside each, then save again.`;
    throw new ServiceError(error.kind, error.status, message, error.fieldErrors, error.retryAfterSeconds, {
      cause: error,
    });
  }
}

/** The settings form: name, kind and the classify-all-internal switch (absent when unchecked). */
export function readEnvironmentForm(form: FormData): FormRead<Required<Schemas['CreateEnvironment']>> {
  const fieldErrors: Record<string, string> = {};
  const name = text(form, 'name');
  const kind = text(form, 'kind');
  const nameError = nameProblem(name);
  if (nameError) fieldErrors.name = nameError;
  if (kind !== 'production' && kind !== 'non-production') {
    fieldErrors.kind = 'Choose whether this environment is production or non-production.';
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: {
      name,
      kind: kind === 'production' ? 'production' : 'non-production',
      classifyAllInternal: checked(form, 'classifyAllInternal'),
    },
  };
}

/**
 * The domain editor's entries (`domain` fields, in order, blanks dropped). Sent to the API as
 * they are: its `domains.<index>` errors then point at these entries, and the failure keeps
 * them as `values.domains` (one a line) so the editor can show each error beside its entry.
 */
export function readDomainList(form: FormData): { domains: string[]; values: Record<string, string> } {
  const domains = all(form, 'domain');
  return { domains, values: { domains: domains.join('\n') } };
}
