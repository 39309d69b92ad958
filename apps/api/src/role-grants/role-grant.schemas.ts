import { z } from 'zod';
import { examples } from '../openapi/examples.js';

const sourceSchema = z.union([
  z.object({ type: z.literal('direct') }),
  z.object({ type: z.literal('group'), groupId: z.uuid(), groupName: z.string() }),
]);

const effectiveRoleSchema = z.object({
  key: z.string(),
  name: z.string(),
  applicationKey: z.string(),
  sources: z.array(sourceSchema).describe('direct first, then each group by name'),
});

export const effectiveRolesSchema = z
  .object({
    items: z.array(effectiveRoleSchema),
    suspended: z.boolean().describe('true while the user is inactive: items is empty, every grant is kept'),
    restoredOnActivation: z
      .array(effectiveRoleSchema)
      .optional()
      .describe('only while suspended: the roles (with their sources) that activating the user gives back'),
  })
  .meta({ id: 'EffectiveRoles', examples: [examples.effectiveRoles] });

export const checkRoleSchema = z.object({ granted: z.boolean() }).meta({ id: 'RoleCheck' });

export const grantedRoleSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    applicationKey: z.string(),
    isActive: z.boolean().describe('an inactive role keeps its grants but grants nothing'),
  })
  .meta({ id: 'GrantedRole' });
export type GrantedRole = z.infer<typeof grantedRoleSchema>;
export const grantedRolesSchema = z.object({ items: z.array(grantedRoleSchema) }).meta({ id: 'GrantedRoles' });
