import { isProblem } from '@roster/api-client';
import { asSentence } from '$lib/forms';

/** What went wrong, in terms a page can act on (show a message, redirect to login …). */
export type ServiceErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable'
  | 'unexpected';

/**
 * An error from a service call, carrying a message fit to show a person.
 * `status` is the HTTP status a page should answer with (503 when the API can't be reached).
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  constructor(
    readonly kind: ServiceErrorKind,
    readonly status: number,
    message: string,
    /** Messages per input field, from the problem's `errors[]`. */
    readonly fieldErrors: Readonly<Record<string, string>> = {},
    /** Seconds to wait before trying again (from `Retry-After`), when the API said so. */
    readonly retryAfterSeconds: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Messages to use, by HTTP status, when the API's problem has no `detail`. */
export type FallbackMessages = Partial<Record<number, string>>;

/** The shape every openapi-fetch call resolves to. */
interface ApiCallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export const UNREACHABLE_MESSAGE =
  'The Roster API cannot be reached right now. Check that it is running, then try again.';
export const TIMEOUT_MESSAGE = 'The Roster API did not answer in time. Try again in a moment.';

/**
 * Runs one API call and returns its data, or throws a {@link ServiceError} whose message
 * comes from the API's problem+json `detail` (falling back to `fallbacks`, then to a generic
 * message for the status). Network failures and timeouts become `unavailable` errors.
 */
export async function callApi<R extends ApiCallResult>(
  request: () => Promise<R>,
  fallbacks: FallbackMessages = {},
): Promise<Exclude<R['data'], undefined>> {
  let result: R;
  try {
    result = await request();
  } catch (cause) {
    throw fromThrown(cause);
  }
  if (result.response.ok) {
    return result.data as Exclude<R['data'], undefined>;
  }
  throw fromResponse(result.response, result.error, fallbacks);
}

/** Turns an exception from fetch (or from parsing its answer) into a ServiceError. */
export function fromThrown(cause: unknown): ServiceError {
  if (cause instanceof ServiceError) return cause;
  const name = cause instanceof Error ? cause.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ServiceError('unavailable', 503, TIMEOUT_MESSAGE, {}, null, { cause });
  }
  // undici (Node's fetch) reports refused connections, DNS failures and resets as TypeError.
  if (cause instanceof TypeError) {
    return new ServiceError('unavailable', 503, UNREACHABLE_MESSAGE, {}, null, { cause });
  }
  return new ServiceError(
    'unexpected',
    502,
    'The Roster API sent an answer the console could not read. Try again later.',
    {},
    null,
    { cause },
  );
}

/** Turns a non-2xx answer into a ServiceError, preferring the problem's `detail`. */
export function fromResponse(response: Response, body: unknown, fallbacks: FallbackMessages = {}): ServiceError {
  const status = response.status;
  const problem = isProblem(body) ? body : null;
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));

  const fieldErrors: Record<string, string> = {};
  for (const item of problem?.errors ?? []) {
    if (item && typeof item.field === 'string' && typeof item.message === 'string') {
      fieldErrors[item.field] ??= asSentence(item.message);
    }
  }

  const message =
    nonEmpty(problem?.detail) ??
    fallbacks[status] ??
    nonEmpty(problem?.title) ??
    defaultMessage(status, retryAfterSeconds);

  return new ServiceError(kindOf(status), httpStatusFor(status), message, fieldErrors, retryAfterSeconds);
}

function kindOf(status: number): ServiceErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'invalid';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate-limited';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'unexpected';
  }
}

/** The status the console answers with: the API's own for client errors, 502/503 for its failures. */
function httpStatusFor(status: number): number {
  if (status >= 400 && status < 500) return status;
  if (status === 503 || status === 504) return 503;
  return 502;
}

function defaultMessage(status: number, retryAfterSeconds: number | null): string {
  switch (status) {
    case 400:
    case 422:
      return 'Some of the values are not valid.';
    case 401:
      return 'Your session has ended. Sign in again.';
    case 403:
      return 'Your role does not allow this.';
    case 404:
      return 'This item does not exist, or you have no access to it.';
    case 409:
      return 'This conflicts with the current state. Reload and try again.';
    case 429:
      return retryAfterSeconds !== null
        ? `Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`
        : 'Too many attempts. Try again in a moment.';
    case 503:
      return 'The Roster API is temporarily unavailable. Try again in a moment.';
    default:
      return `The Roster API could not handle the request (HTTP ${status}). Try again later.`;
  }
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
