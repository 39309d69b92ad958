import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem; the exception filter writes it as application/problem+json. */
export class Problem extends HttpException {
  constructor(
    status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Sent as Retry-After with a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail, status);
  }
}

export const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Request too large',
  414: 'URL too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
  431: 'Request headers too large',
  500: 'Internal error',
  503: 'Service unavailable',
};

export const badRequest = (detail: string, errors?: FieldError[]) => new Problem(400, TITLES[400]!, detail, errors);
export const forbidden = (detail: string) => new Problem(403, TITLES[403]!, detail);
export const conflict = (detail: string, errors?: FieldError[]) => new Problem(409, TITLES[409]!, detail, errors);

/** A username change onto the account's own password (API.md §6). */
export const usernameIsPassword = () =>
  badRequest('The new username is the same as the password; choose another username, or change the password first.', [
    { field: 'username', message: 'must not be the same as the password' },
  ]);

/** A change checked against a password that another request replaced meanwhile. */
export const passwordChangedMeanwhile = () =>
  conflict('The password changed while this request was checked against it; send it again.');

/** The same answer for "does not exist" and "not yours", so ids leak nothing. */
export const notFound = (resource: string, id: string) =>
  new Problem(404, TITLES[404]!, `${resource} ${id} was not found.`);

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
}

/** The body of every problem answer. */
export function problemBody(status: number, title: string, detail: string, errors?: FieldError[]): ProblemBody {
  return {
    type: status === 500 ? 'about:blank' : `https://roster.dev/problems/${status}`,
    title,
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
}
