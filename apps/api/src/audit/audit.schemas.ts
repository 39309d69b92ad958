import { z } from 'zod';
import { pageQuery } from '../common/schemas.js';

export const auditQuerySchema = pageQuery
  .extend({
    targetId: z.uuid().optional(),
    actorId: z.uuid().optional(),
    action: z.string().max(100).optional().describe('exact action, or a prefix ending in "." such as "tenant."'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actorType: z
      .enum(['operator', 'api-key', 'scim-token', 'lifecycle-policy', 'system'])
      .describe('lifecycle-policy: a dormant-user policy (actorId: the environment’s policy or a tenant’s override)'),
    actorId: z.uuid().nullable(),
    actorName: z
      .string()
      .nullable()
      .describe(
        'the operator’s username or the API key’s name today (a policy: “Dormant-user policy of …”); null once the ' +
          'actor is deleted',
      ),
    action: z.string(),
    targetType: z.string(),
    targetId: z.uuid(),
    tenantId: z.uuid().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEvent' });
