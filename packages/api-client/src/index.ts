import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
export type Schemas = components['schemas'];
export type RosterClient = Client<paths>;

export interface RosterClientOptions {
  /** Where the API listens, e.g. http://127.0.0.1:3000 (without /api/v1). */
  baseUrl: string;
  /** An operator session token or an API key. */
  token?: string;
  fetch?: typeof globalThis.fetch;
}

/** A typed client for every route of the Roster API, generated from its OpenAPI document. */
export function createRosterClient({ baseUrl, token, fetch }: RosterClientOptions): RosterClient {
  return createFetchClient<paths>({
    baseUrl: baseUrl.replace(/\/$/, ''),
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(fetch ? { fetch } : {}),
  });
}

/** The problem+json body every error carries (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}
