import type { LifecyclePreview, LifecycleRun, StoredLifecyclePolicy } from '@roster/db';
import {
  KEY_PATTERN,
  LIFECYCLE_DAYS_MAX,
  LIFECYCLE_DAYS_MIN,
  LIFECYCLE_EXCEPTIONS_MAX,
  LIFECYCLE_POLICY_SOURCES,
  LIFECYCLE_PREVIEW_USERS,
  LIFECYCLE_RUN_TRIGGERS,
} from '@roster/domain';
import { z } from 'zod';
import { domainRule, idField } from '../common/schemas.js';

const RANGE = `must be from ${LIFECYCLE_DAYS_MIN} to ${LIFECYCLE_DAYS_MAX} days`;
const days = z
  .number({ error: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(LIFECYCLE_DAYS_MIN, RANGE)
  .max(LIFECYCLE_DAYS_MAX, RANGE);

const roleKey = z
  .string()
  .superRefine(domainRule((key) => (KEY_PATTERN.test(key) ? null : 'is not a role key')))
  .meta({ pattern: KEY_PATTERN.source });

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The body of `PUT …/lifecycle-policy` (API.md §10), at either level. */
export const lifecyclePolicyInputSchema = z
  .object({
    deactivateAfterDays: days.describe(
      'an active registered user whose last login — or, never logged in, whose creation — is more than this many ' +
        'days (of 24 hours) ago is deactivated',
    ),
    deleteAfterDays: days
      .nullable()
      .optional()
      .describe(
        'absent or null: never delete. Else a user this policy deactivated at least this many days ago, still ' +
          'inactive and changed by nobody since, last seen more than deactivateAfterDays + deleteAfterDays days ago, ' +
          'is deleted. Users deactivated by anyone else are never deleted by a policy.',
      ),
    exceptGroupIds: z
      .array(idField)
      .max(LIFECYCLE_EXCEPTIONS_MAX, `must list at most ${LIFECYCLE_EXCEPTIONS_MAX} groups`)
      .optional()
      .transform((ids) => unique(ids ?? []))
      .describe('tenant overrides only (groups belong to tenants): members of these groups are never touched'),
    exceptRoleKeys: z
      .array(roleKey)
      .max(LIFECYCLE_EXCEPTIONS_MAX, `must list at most ${LIFECYCLE_EXCEPTIONS_MAX} role keys`)
      .optional()
      .transform((keys) => unique(keys ?? []))
      .describe('roles of the environment: their holders, directly or through a group, are never touched'),
    enabled: z.boolean().describe('a disabled policy is kept but never runs'),
  })
  .strict()
  .meta({ id: 'LifecyclePolicyInput' });
export type LifecyclePolicyInput = z.output<typeof lifecyclePolicyInputSchema>;

export const lifecyclePolicySchema = z
  .object({
    id: z.uuid().describe('the actor of the changes the policy makes (audit `actorType: "lifecycle-policy"`)'),
    deactivateAfterDays: z.number().int(),
    deleteAfterDays: z.number().int().nullable(),
    exceptGroupIds: z.array(z.uuid()).describe('groups that still exist (a deleted group drops out)'),
    exceptRoleKeys: z.array(z.string()),
    enabled: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'LifecyclePolicy' });
export type LifecyclePolicyResponse = z.output<typeof lifecyclePolicySchema>;

const source = z.enum(LIFECYCLE_POLICY_SOURCES).nullable();

export const environmentLifecycleSchema = z
  .object({
    environmentId: z.uuid(),
    source: source.describe('"environment" when the environment has a policy, else null'),
    policy: lifecyclePolicySchema.nullable(),
  })
  .meta({ id: 'EnvironmentLifecyclePolicy' });
export type EnvironmentLifecycleResponse = z.output<typeof environmentLifecycleSchema>;

export const tenantLifecycleSchema = z
  .object({
    tenantId: z.uuid(),
    environmentId: z.uuid(),
    source: source.describe(
      'where the policy in effect comes from: the tenant’s own override, its environment, or null (none)',
    ),
    policy: lifecyclePolicySchema.nullable().describe('the policy in effect'),
    environmentPolicy: lifecyclePolicySchema
      .nullable()
      .describe('the environment’s policy: what the tenant follows without (or after deleting) an override'),
  })
  .meta({ id: 'TenantLifecyclePolicy' });
export type TenantLifecycleResponse = z.output<typeof tenantLifecycleSchema>;

const previewUser = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    username: z.string(),
    lastLoginAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    deactivatedAt: z.iso.datetime().optional().describe('users to delete: when the policy deactivated them'),
  })
  .meta({ id: 'LifecyclePreviewUser' });

const action = (what: string) =>
  z.object({
    count: z.number().int(),
    users: z.array(previewUser).describe(`the first ${LIFECYCLE_PREVIEW_USERS} users to ${what}, longest unseen first`),
  });

const seats = z.object({ internal: z.number().int(), external: z.number().int(), named: z.number().int() });

export const lifecyclePreviewSchema = z
  .object({
    source,
    policy: lifecyclePolicySchema,
    asOf: z.iso.datetime().describe('the instant the days are counted back from'),
    deactivate: action('deactivate'),
    delete: action('delete'),
    seatsSaved: seats
      .nullable()
      .describe(
        'how much the account’s licensed totals drop once the users are deactivated: production environments only, ' +
          'under the account’s aggregation (with `unique` a person keeps their seat while another record of theirs ' +
          'stays active, and one left with only external records moves from internal to external: external may ' +
          'then be negative). null for tenant-admins, who do not see the account’s usage.',
      ),
    perTenant: z
      .array(
        z.object({
          tenantId: z.uuid(),
          name: z.string(),
          deactivate: z.number().int(),
          delete: z.number().int(),
          internal: z.number().int().describe('seats freed in the tenant’s own counts'),
          external: z.number().int(),
        }),
      )
      .describe('each tenant where the policy would do something, most seats freed first'),
    overridingTenants: z
      .array(z.object({ tenantId: z.uuid(), name: z.string() }))
      .optional()
      .describe('environment previews: tenants with an override of their own, which this policy does not touch'),
  })
  .meta({ id: 'LifecyclePreview' });
export type LifecyclePreviewResponse = z.output<typeof lifecyclePreviewSchema>;

export const lifecycleRunSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    tenantName: z.string().nullable(),
    environmentId: z.uuid(),
    policyId: z.uuid(),
    policySource: z.enum(LIFECYCLE_POLICY_SOURCES),
    policy: z
      .object({
        deactivateAfterDays: z.number().int(),
        deleteAfterDays: z.number().int().nullable(),
        exceptGroupIds: z.array(z.uuid()),
        exceptRoleKeys: z.array(z.string()),
        enabled: z.boolean(),
      })
      .describe('the rules the run applied'),
    trigger: z.enum(LIFECYCLE_RUN_TRIGGERS),
    asOf: z.iso.datetime(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable().describe('null while it runs'),
    deactivated: z.number().int(),
    deleted: z.number().int(),
    failure: z.string().nullable(),
  })
  .meta({ id: 'LifecycleRun' });

export const runAcceptedSchema = z.object({ jobId: z.string() }).meta({ id: 'LifecycleRunAccepted' });

export function toPolicyResponse(policy: StoredLifecyclePolicy): LifecyclePolicyResponse {
  return {
    id: policy.id,
    deactivateAfterDays: policy.deactivateAfterDays,
    deleteAfterDays: policy.deleteAfterDays,
    exceptGroupIds: [...policy.exceptGroupIds],
    exceptRoleKeys: [...policy.exceptRoleKeys],
    enabled: policy.enabled,
    updatedAt: new Date(policy.updatedAt).toISOString(),
  };
}

export type { LifecyclePreview, LifecycleRun };
