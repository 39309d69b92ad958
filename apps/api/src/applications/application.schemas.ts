import { KEY_PATTERN } from '@roster/domain';
import { z } from 'zod';
import { nameField } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

const KEY_MESSAGE = 'must start with a letter and contain only letters, digits, "_", "." or "-" (at most 100)';
export const keyField = z.string().regex(KEY_PATTERN, KEY_MESSAGE);

export const applicationKeyParam = z.object({ environmentId: z.string(), applicationKey: keyField });

export const declareApplicationSchema = z
  .object({
    name: nameField(),
    roles: z
      .array(
        z.object({ key: keyField, name: nameField(), description: z.string().trim().max(1000).optional() }).strict(),
      )
      .max(1000, 'at most 1000 roles per application'),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.roles.forEach((role, index) => {
      if (seen.has(role.key)) {
        ctx.addIssue({ code: 'custom', path: ['roles', index, 'key'], message: `"${role.key}" is listed twice` });
      }
      seen.add(role.key);
    });
  })
  .meta({ id: 'DeclareApplication', examples: [examples.declareApplication] });
export type DeclareApplicationInput = z.output<typeof declareApplicationSchema>;

export const roleSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    applicationKey: z.string(),
    isActive: z
      .boolean()
      .describe('false once the application stops declaring it; its grants are kept but grant nothing'),
  })
  .meta({ id: 'Role' });
export type RoleResponse = z.infer<typeof roleSchema>;

export const applicationSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Application' });
export type ApplicationResponse = z.infer<typeof applicationSchema>;

export const roleListSchema = z.object({ items: z.array(roleSchema) }).meta({ id: 'RoleList' });
export const applicationListSchema = z.object({ items: z.array(applicationSchema) }).meta({ id: 'ApplicationList' });
