import { createRosterClient, type RosterClient } from '@roster/api-client';
import { API_TIMEOUT_MS, apiBaseUrl } from './config';

const fetchWithTimeout: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    signal: init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(API_TIMEOUT_MS)])
      : AbortSignal.timeout(API_TIMEOUT_MS),
  });

/** A client for the Roster API, acting as the operator whose session token is given. */
export function apiClient(token: string | null = null): RosterClient {
  return createRosterClient({
    baseUrl: apiBaseUrl(),
    ...(token ? { token } : {}),
    fetch: fetchWithTimeout,
  });
}
