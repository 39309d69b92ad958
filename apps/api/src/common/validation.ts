import { StandardSchemaValidationPipe } from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { badRequest, type FieldError } from './problems.js';

function fieldOf(issue: StandardSchemaV1.Issue): string {
  const path = (issue.path ?? []).map((segment) =>
    typeof segment === 'object' && segment !== null && 'key' in segment ? segment.key : segment,
  );
  return path.length > 0 ? path.map(String).join('.') : '(body)';
}

/** An unknown field is reported under its own name, one entry per field, so clients can point at it. */
function toFieldErrors(issue: StandardSchemaV1.Issue): FieldError[] {
  const { code, keys } = issue as StandardSchemaV1.Issue & { code?: string; keys?: string[] };
  if (code !== 'unrecognized_keys' || !keys) return [{ field: fieldOf(issue), message: issue.message }];
  const parent = fieldOf(issue);
  return keys.map((key) => ({
    field: parent === '(body)' ? key : `${parent}.${key}`,
    message: 'is not a known field',
  }));
}

/** Turns schema issues into a 400 problem with one entry per field. */
export function validationProblem(issues: readonly StandardSchemaV1.Issue[]) {
  const errors: FieldError[] = issues.flatMap(toFieldErrors);
  const fields = [...new Set(errors.map((e) => e.field))];
  return badRequest(`The request has ${errors.length} invalid field(s): ${fields.join(', ')}.`, errors);
}

/** Validates every @Body/@Query/@Param that declares a schema, answering problem+json. */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({ exceptionFactory: validationProblem });
}
