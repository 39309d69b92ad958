import { createRosterClient, type RosterClient } from '@roster/api-client';
import { API_TIMEOUT_MS, apiBaseUrl } from './config';

const fetchWithTimeout: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    signal: init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(API_TIMEOUT_MS)])
      : AbortSignal.timeout(API_TIMEOUT_MS),
  });

/**
 * For answers passed on as they stream (an export): the timeout covers the wait for the response's head only. A
 * body that takes minutes to arrive is the point, and is cut off only when the browser that reads it goes away.
 */
const fetchHeadWithTimeout: typeof fetch = async (input, init) => {
  const headTimeout = new AbortController();
  const timer = setTimeout(
    () => headTimeout.abort(new DOMException('The API did not answer in time', 'TimeoutError')),
    API_TIMEOUT_MS,
  );
  try {
    return await fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, headTimeout.signal]) : headTimeout.signal,
    });
  } finally {
    clearTimeout(timer);
  }
};

/**
 * A client for the Roster API, acting as the operator whose session token is given. `streaming`: for a call whose
 * body is passed on as it arrives rather than read whole (see fetchHeadWithTimeout).
 */
export function apiClient(token: string | null = null, options: { streaming?: boolean } = {}): RosterClient {
  return createRosterClient({
    baseUrl: apiBaseUrl(),
    ...(token ? { token } : {}),
    fetch: options.streaming ? fetchHeadWithTimeout : fetchWithTimeout,
  });
}
