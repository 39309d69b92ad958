import type { Environment } from '@roster/db';
import { z } from 'zod';
import { nameField } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

const kindField = z.enum(['production', 'non-production']);

export const createEnvironmentSchema = z
  .object({
    name: nameField(),
    kind: kindField,
    classifyAllInternal: z.boolean().optional().describe('default: false'),
  })
  .strict()
  .meta({ id: 'CreateEnvironment' });
export type CreateEnvironmentInput = z.output<typeof createEnvironmentSchema>;

export const updateEnvironmentSchema = z
  .object({ name: nameField().optional(), kind: kindField.optional(), classifyAllInternal: z.boolean().optional() })
  .strict()
  .meta({ id: 'UpdateEnvironment' });
export type UpdateEnvironmentInput = z.output<typeof updateEnvironmentSchema>;

export const environmentSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    name: z.string(),
    kind: kindField,
    classifyAllInternal: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Environment', examples: [examples.environment] });
export type EnvironmentResponse = z.infer<typeof environmentSchema>;

export function toEnvironmentResponse(environment: Environment): EnvironmentResponse {
  return {
    id: environment.id,
    accountId: environment.accountId,
    name: environment.name,
    kind: environment.kind,
    classifyAllInternal: environment.classifyAllInternal,
    createdAt: environment.createdAt.toISOString(),
    updatedAt: environment.updatedAt.toISOString(),
  };
}
