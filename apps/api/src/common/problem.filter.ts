import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { InputRejected, RecordNotFound } from '@roster/db';
import { QueryFailedError } from 'typeorm';
import { logWithRequest } from '../logging/request-log.js';
import { ACCEPTED_BODY_TYPES } from './http-input.js';
import { Problem, type ProblemBody, problemBody, TITLES } from './problems.js';
import { RequestContext } from './request-context.js';

/** Unique constraints and what a person should be told when a write collides with one. */
const UNIQUE_VIOLATIONS: Record<string, string> = {
  // Operators sign in by username alone, so usernames are unique across the deployment; the answer must not
  // confirm that another customer (or the platform admin) has an operator of that name (issue 14).
  operators_username_key: 'This username is not available; choose another.',
  environments_account_name_key: 'An environment with this name already exists in this account (ignoring case).',
  tenants_environment_name_key: 'A tenant with this name already exists in this environment (ignoring case).',
  applications_environment_id_key_key: 'An application with this key already exists in this environment.',
  roles_environment_id_key_key: 'A role with this key already exists in this environment.',
  end_users_username_key:
    'A user with this username already exists in this tenant (ignoring case, width and accent encoding).',
  user_groups_name_key: 'A group with this name already exists in this tenant (ignoring case).',
};

/** The field a collision with one of these constraints is about, for `errors` (a form can mark it). */
const UNIQUE_FIELDS: Record<string, string> = {
  operators_username_key: 'username',
  environments_account_name_key: 'name',
  tenants_environment_name_key: 'name',
  end_users_username_key: 'username',
  user_groups_name_key: 'name',
};

/** Turns every failure into application/problem+json (RFC 9457), never leaking internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toProblem(exception);
    // Logged once, with its stack, on the request's line (which carries the request id, route and actor).
    if (body.status === 500) logWithRequest(reply, exception);
    // Status and title only: a detail can quote what the client sent (a path, a query string).
    else this.logger.debug(`Answered ${body.status} ${body.title}`);
    if (body.status === 429 && exception instanceof Problem && exception.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    }
    // A body too large is left unread: the connection closes once the answer is sent, rather than reading (and
    // throwing away) the rest of it to serve another request on it.
    if (body.status === 413) void reply.header('connection', 'close');
    void reply.status(body.status).header('content-type', 'application/problem+json').send(body);
  }

  /** The problem an exception answers as (the SCIM Bulk endpoint reports each operation's this way). */
  toProblem(exception: unknown): ProblemBody {
    if (exception instanceof Problem) {
      return problemBody(exception.getStatus(), exception.title, exception.detail, exception.errors);
    }
    // A repository's "no such row in this scope": another tenant's or account's id too (DESIGN.md §5).
    if (exception instanceof RecordNotFound) return problemBody(404, TITLES[404]!, exception.message);
    if (exception instanceof InputRejected) return problemBody(400, TITLES[400]!, exception.message, exception.errors);
    // Fastify's own errors (malformed JSON, wrong content type, body too large), which Nest wraps.
    const fastifyError = fastifyClientError(exception) ?? fastifyClientError((exception as { cause?: unknown })?.cause);
    if (fastifyError) {
      const status = fastifyError.statusCode;
      return problemBody(status, TITLES[status] ?? 'Invalid request', fastifyDetail(fastifyError));
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return problemBody(status, TITLES[status] ?? 'Error', httpExceptionDetail(exception));
    }
    if (exception instanceof QueryFailedError) {
      const driverError = exception.driverError as { code?: string; constraint?: string };
      if (driverError.code === '23505') {
        const detail = UNIQUE_VIOLATIONS[driverError.constraint ?? ''] ?? 'This would duplicate an existing value.';
        const field = UNIQUE_FIELDS[driverError.constraint ?? ''];
        // The field's message is the detail itself: a form shows it there, in words a person can act on.
        return problemBody(409, TITLES[409]!, detail, field ? [{ field, message: detail }] : undefined);
      }
      // A safety net: lock order prevents the deadlocks known (issue 14); one that slips through is the
      // client's to retry, not a 500.
      if (driverError.code === '40P01' || driverError.code === '40001') {
        return problemBody(
          409,
          TITLES[409]!,
          'Another change to the same data was made at the same time; send the request again.',
        );
      }
      if (driverError.code === '23503') {
        return problemBody(409, TITLES[409]!, 'A related resource changed at the same time; reload and try again.');
      }
    }
    const requestId = RequestContext.requestId;
    return {
      ...problemBody(
        500,
        TITLES[500]!,
        `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
      ),
      requestId,
    };
  }
}

function httpExceptionDetail(exception: HttpException): string {
  const status = exception.getStatus();
  if (status === 404) return `There is no route ${exception.message.replace(/^Cannot /, '')}.`;
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  return exception.message;
}

type FastifyClientError = Error & { code: string; statusCode: number };

function fastifyClientError(error: unknown): FastifyClientError | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  return error instanceof Error &&
    typeof code === 'string' &&
    code.startsWith('FST_') &&
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500
    ? (error as FastifyClientError)
    : undefined;
}

function fastifyDetail(error: FastifyClientError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Request bodies are JSON only: send Content-Type: ${ACCEPTED_BODY_TYPES.join(' or ')}.`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty; send a JSON object.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The body is too large.';
    default:
      return error.message.startsWith('Unexpected') || error.message.includes('JSON')
        ? `The body is not valid JSON: ${error.message}`
        : error.message;
  }
}
