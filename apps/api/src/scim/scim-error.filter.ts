import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { ScimError } from '@roster/domain';
import type { FastifyReply } from 'fastify';
import { ProblemFilter } from '../common/problem.filter.js';
import { SCIM_CONTENT_TYPE } from './scim-http.js';

/**
 * The SCIM routes' errors: a ScimError answers in SCIM's error schema with its scimType; anything else goes the
 * way of every error (ProblemFilter), and the SCIM hook turns that problem into a SCIM error (scim-http.ts).
 */
@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    if (!(exception instanceof ScimError)) return this.problems.catch(exception, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(exception.status).header('content-type', SCIM_CONTENT_TYPE).send(exception.toScimError());
  }
}
