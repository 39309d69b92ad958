import { ACTOR_ROLES } from '@roster/domain';
import { z } from 'zod';
import { examples } from '../openapi/examples.js';
import { operatorSchema } from '../operators/operator.schemas.js';

export const loginSchema = z
  .object({
    username: z.string().min(1, 'must not be empty').max(250),
    password: z.string().min(1, 'must not be empty').max(1024),
  })
  .strict()
  .meta({ id: 'OperatorLogin' });

export const sessionSchema = z
  .object({ token: z.string(), expiresAt: z.iso.datetime(), operator: operatorSchema })
  .meta({ id: 'OperatorSession' });

export const meSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['operator', 'api-key']),
    username: z.string().describe('The operator’s username, or the API key’s name'),
    role: z.enum(ACTOR_ROLES),
    accountId: z.uuid().nullable(),
    tenantIds: z.array(z.uuid()),
  })
  .meta({ id: 'Me', examples: [examples.me] });
export type MeResponse = z.infer<typeof meSchema>;
