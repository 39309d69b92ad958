import type { RosterClient, Schemas } from '@roster/api-client';
import type { Operator } from '$lib/types';
import { callApi, ServiceError } from './errors';

/** Compiles only while `A` fits `B`. */
type Assignable<A extends B, B> = A;
/** The console's Operator is a view of the API's `Me`: this stops compiling if the two drift apart. */
export type MeIsAnOperator = Assignable<Schemas['Me'], Operator>;

export interface Credentials {
  username: string;
  password: string;
}

export interface Session {
  token: string;
  /** When the token stops working, or null if the API did not say. */
  expiresAt: Date | null;
}

export const INVALID_CREDENTIALS_MESSAGE = 'Username or password is incorrect.';

const MAX_USERNAME_LENGTH = 250;
const MAX_PASSWORD_LENGTH = 256;

/**
 * Reads the login form. Returns the credentials, or messages per field when a value is missing
 * or too long (checked here so an empty form never reaches the API).
 */
export function readCredentials(
  form: FormData,
): { ok: true; credentials: Credentials } | { ok: false; username: string; fieldErrors: Record<string, string> } {
  const rawUsername = form.get('username');
  const rawPassword = form.get('password');
  const username = typeof rawUsername === 'string' ? rawUsername.trim() : '';
  const password = typeof rawPassword === 'string' ? rawPassword : '';

  const fieldErrors: Record<string, string> = {};
  if (username === '') fieldErrors.username = 'Enter your username.';
  else if (username.length > MAX_USERNAME_LENGTH)
    fieldErrors.username = `Usernames have at most ${MAX_USERNAME_LENGTH} characters.`;
  if (password === '') fieldErrors.password = 'Enter your password.';
  else if (password.length > MAX_PASSWORD_LENGTH)
    fieldErrors.password = `Passwords have at most ${MAX_PASSWORD_LENGTH} characters.`;

  if (Object.keys(fieldErrors).length > 0) return { ok: false, username, fieldErrors };
  return { ok: true, credentials: { username, password } };
}

/** Signs an operator in. Throws a ServiceError with a message fit for the login form. */
export async function login(api: RosterClient, credentials: Credentials): Promise<Session> {
  const data: unknown = await callApi(() => api.POST('/api/v1/auth/login', { body: credentials }), {
    401: INVALID_CREDENTIALS_MESSAGE,
  });
  if (!isRecord(data) || typeof data.token !== 'string' || data.token === '') {
    throw new ServiceError(
      'unexpected',
      502,
      'The Roster API accepted the sign-in but sent no session token. Try again later.',
    );
  }
  const expiresAt = typeof data.expiresAt === 'string' ? new Date(data.expiresAt) : null;
  return {
    token: data.token,
    expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null,
  };
}

/**
 * Ends the session on the API side. A token the API no longer accepts counts as signed out.
 * Other failures (API unreachable …) are thrown, so the caller decides whether to carry on.
 */
export async function logout(api: RosterClient): Promise<void> {
  try {
    await callApi(() => api.POST('/api/v1/auth/logout'));
  } catch (error) {
    if (error instanceof ServiceError && error.kind === 'unauthenticated') return;
    throw error;
  }
}

/** The operator the token belongs to, or null when the API does not accept the token. */
export async function getCurrentOperator(api: RosterClient): Promise<Operator | null> {
  let data: unknown;
  try {
    data = await callApi(() => api.GET('/api/v1/me'));
  } catch (error) {
    if (error instanceof ServiceError && error.kind === 'unauthenticated') return null;
    throw error;
  }
  const operator = toOperator(data);
  if (!operator) {
    throw new ServiceError(
      'unexpected',
      502,
      'The Roster API described the signed-in operator in a way the console does not understand.',
    );
  }
  return operator;
}

function toOperator(value: unknown): Operator | null {
  if (!isRecord(value)) return null;
  const { id, username, role, accountId, tenantIds } = value;
  if (typeof id !== 'string' || typeof username !== 'string' || typeof role !== 'string') return null;
  if (accountId !== null && accountId !== undefined && typeof accountId !== 'string') return null;
  const tenants = Array.isArray(tenantIds) ? tenantIds.filter((t): t is string => typeof t === 'string') : [];
  return { id, username, role, accountId: accountId ?? null, tenantIds: tenants };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
