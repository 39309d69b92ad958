import { STATUS_CODES } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ACCEPTED_BODY_TYPES } from '../common/http-input.js';
import { ACCESS_EXTENSION, type AccessNote, describeAccess } from './access.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const PROBLEM_REF = '#/components/schemas/Problem';
const problemContent = { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } };

function* operationsOf(document: OpenAPIObject): Generator<Operation> {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) yield operation;
    }
  }
}

/** @Public routes say `security: []`; every route gets its access rule appended to its description. */
function applyAccess(operation: Operation): void {
  const record = operation as Operation & Record<string, unknown>;
  const note = record[ACCESS_EXTENSION] as AccessNote | undefined;
  if (!note) return; // a route with neither decorator: the lint's security-defined rule names it
  delete record[ACCESS_EXTENSION];
  if ('public' in note) operation.security = [];
  operation.description = [operation.description, describeAccess(note)].filter(Boolean).join('\n\n');
}

/** The validation pipe answers 400 for any body or query that fails its schema (API.md §2). */
function addInputErrors(operation: Operation): void {
  const takesInput =
    operation.requestBody !== undefined ||
    (operation.parameters ?? []).some((parameter) => 'in' in parameter && parameter.in === 'query');
  if (takesInput && !operation.responses['400']) {
    operation.responses['400'] = {
      description: 'Invalid input: `errors` names each offending field with its message',
      content: problemContent,
    };
  }
}

/** Bodies are JSON only (API.md §6): any other Content-Type answers 415 before the route runs. */
function addMediaTypeError(operation: Operation): void {
  if (operation.requestBody !== undefined && !operation.responses['415']) {
    operation.responses['415'] = {
      description: `The body is not JSON: send Content-Type ${ACCEPTED_BODY_TYPES.join(' or ')}`,
      content: problemContent,
    };
  }
}

/** A response declared without a description reads as its status's reason phrase rather than an empty line. */
function describeResponses(responses: Responses): void {
  for (const [status, response] of Object.entries(responses)) {
    if (response && 'description' in response && !response.description) {
      response.description = STATUS_CODES[status] ?? status;
    }
  }
}

/** Errors are written as application/problem+json (problem.filter.ts); the decorators can only say JSON. */
function problemMediaType(responses: Responses): void {
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400 || !response || !('content' in response) || !response.content) continue;
    const json = response.content['application/json'];
    if (json?.schema && '$ref' in json.schema && json.schema.$ref === PROBLEM_REF) {
      response.content = { 'application/problem+json': json };
    }
  }
}

/** Completes what decorators cannot express, the same way for every operation. */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(document)) {
    applyAccess(operation);
    addInputErrors(operation);
    addMediaTypeError(operation);
    problemMediaType(operation.responses);
    describeResponses(operation.responses);
  }
  return document;
}
