import { z } from 'zod';
import { examples } from '../openapi/examples.js';

const grantExpiry = z.iso
  .datetime()
  .optional()
  .describe('when this grant stops counting (it counts for nothing from that instant on); absent: never');

const sourceSchema = z.union([
  z.object({ type: z.literal('direct'), expiresAt: grantExpiry }),
  z.object({ type: z.literal('group'), groupId: z.uuid(), groupName: z.string(), expiresAt: grantExpiry }),
]);

const effectiveRoleSchema = z.object({
  key: z.string(),
  name: z.string(),
  applicationKey: z.string(),
  sources: z
    .array(sourceSchema)
    .describe('direct first, then each group by name; only grants in force (expired ones count for nothing)'),
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
    expiresAt: grantExpiry,
  })
  .meta({ id: 'GrantedRole' });
export type GrantedRole = z.infer<typeof grantedRoleSchema>;
export const grantedRolesSchema = z.object({ items: z.array(grantedRoleSchema) }).meta({ id: 'GrantedRoles' });

/**
 * The optional body of a grant (`PUT .../roles/:roleKey`): no body or `{}` grants without expiry, as does
 * `{expiresAt: null}`; a PUT sets the grant to what it says, so re-granting changes (or removes) an expiry.
 */
export const grantTermsSchema = z
  .object({
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .describe(
        'when the grant stops counting, ISO 8601 and in the future (else 400); null or absent: it never expires',
      ),
  })
  .strict()
  .meta({ id: 'GrantTerms', examples: [{ expiresAt: '2026-03-31T18:00:00Z' }] });
export type GrantTerms = z.output<typeof grantTermsSchema>;
