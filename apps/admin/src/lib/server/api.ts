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

/** How long the API may take to answer once an upload's last byte has gone: it stores the file before answering. */
export const UPLOAD_ANSWER_TIMEOUT_MS = 60_000;

/**
 * For request bodies passed on as they arrive (an import's file, up to 512 MB from a browser): no time limit while
 * the body flows — a large file on a slow connection takes minutes, and a browser that goes away ends it — then
 * UPLOAD_ANSWER_TIMEOUT_MS for the answer once its last byte has gone.
 */
const fetchUpload: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  if (!request.body) return fetchWithTimeout(request);
  const answer = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      flush() {
        timer = setTimeout(
          () => answer.abort(new DOMException('The API did not answer in time', 'TimeoutError')),
          UPLOAD_ANSWER_TIMEOUT_MS,
        );
      },
    }),
  );
  try {
    return await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      // Node's fetch sends a stream body only half-duplex (the answer is read once the body is sent, or earlier).
      duplex: 'half',
      signal: AbortSignal.any([request.signal, answer.signal]),
    } as RequestInit);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * A client for the Roster API, acting as the operator whose session token is given. `streaming`: for a call whose
 * answer is passed on as it arrives rather than read whole (see fetchHeadWithTimeout); `upload`: for one whose
 * request body is (see fetchUpload).
 */
export function apiClient(
  token: string | null = null,
  options: { streaming?: boolean; upload?: boolean } = {},
): RosterClient {
  return createRosterClient({
    baseUrl: apiBaseUrl(),
    ...(token ? { token } : {}),
    fetch: options.upload ? fetchUpload : options.streaming ? fetchHeadWithTimeout : fetchWithTimeout,
  });
}
