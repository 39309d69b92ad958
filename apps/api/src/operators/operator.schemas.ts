import {
  ACTOR_ROLES,
  OPERATOR_ROLES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  usernameProblem,
} from '@roster/domain';
import type { Operator } from '@roster/db';
import { z } from 'zod';
import { domainRule, idField } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

/** The same rules as end users' usernames (API.md §5); unique across the deployment once normalized. */
export const usernameField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(250, 'must be at most 250 characters')
  .superRefine(domainRule(usernameProblem))
  .describe(
    'Unique across the deployment after normalization (NFKC, then case folding); kept as typed. No invisible or ' +
      'direction-control characters, no mix of look-alike scripts.',
  );
export const passwordField = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
const tenantIdsField = z.array(idField).max(1000, 'at most 1000 tenants').optional();

/** The password may not equal the username (API.md §6). */
function passwordNotUsername(value: { username?: string; password?: string }, ctx: z.RefinementCtx): void {
  if (value.password === undefined || value.username === undefined) return;
  const problem = passwordProblem(value.password, value.username);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
}

export const createOperatorSchema = z
  .object({
    username: usernameField,
    password: passwordField,
    role: z.enum(OPERATOR_ROLES),
    tenantIds: tenantIdsField,
  })
  .strict()
  .superRefine(passwordNotUsername)
  .meta({ id: 'CreateOperator' });
export type CreateOperatorInput = z.output<typeof createOperatorSchema>;

export const updateOperatorSchema = z
  .object({
    username: usernameField.optional(),
    password: passwordField.optional(),
    role: z.enum(OPERATOR_ROLES).optional(),
    tenantIds: tenantIdsField,
  })
  .strict()
  .superRefine(passwordNotUsername)
  .meta({ id: 'UpdateOperator' });
export type UpdateOperatorInput = z.output<typeof updateOperatorSchema>;

export const operatorSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid().nullable(),
    username: z.string(),
    role: z.enum(ACTOR_ROLES),
    tenantIds: z.array(z.uuid()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Operator', examples: [examples.operator] });
export type OperatorResponse = z.infer<typeof operatorSchema>;

export function toOperatorResponse(operator: Operator): OperatorResponse {
  return {
    id: operator.id,
    accountId: operator.accountId,
    username: operator.username,
    role: operator.role,
    tenantIds: operator.tenantIds,
    createdAt: operator.createdAt.toISOString(),
    updatedAt: operator.updatedAt.toISOString(),
  };
}
