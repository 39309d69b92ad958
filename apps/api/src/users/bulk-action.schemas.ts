import { BULK_MAX_USERS, KEY_PATTERN } from '@roster/domain';
import { z } from 'zod';
import { idField } from '../common/schemas.js';
import { grantTermsSchema } from '../role-grants/role-grant.schemas.js';

export const BULK_ACTIONS = [
  'activate',
  'deactivate',
  'delete',
  'add-to-group',
  'remove-from-group',
  'grant-role',
  'revoke-role',
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const NEEDS: Record<BulkAction, 'groupId' | 'roleKey' | null> = {
  activate: null,
  deactivate: null,
  delete: null,
  'add-to-group': 'groupId',
  'remove-from-group': 'groupId',
  'grant-role': 'roleKey',
  'revoke-role': 'roleKey',
};

export const bulkActionSchema = z
  .object({
    action: z.enum(BULK_ACTIONS),
    userIds: z
      .array(idField)
      .min(1, 'must name at least one user')
      .max(BULK_MAX_USERS, `must name at most ${BULK_MAX_USERS} users`),
    groupId: idField.optional(),
    roleKey: z.string().regex(KEY_PATTERN, 'is not a valid role key').optional(),
    expiresAt: grantTermsSchema.shape.expiresAt.describe(
      'grant-role only: when every grant it sets stops counting, ISO 8601 and in the future (else 400); null or ' +
        'absent: never. Each user’s grant is set to it, as `PUT …/roles/:roleKey` with `{expiresAt}` sets one: a ' +
        'grant already held takes this expiry (or loses its own when none is given)',
    ),
  })
  .strict()
  .superRefine((value, ctx) => {
    const needed = NEEDS[value.action];
    for (const field of ['groupId', 'roleKey'] as const) {
      if (field === needed && value[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${value.action}` });
      }
      if (field !== needed && value[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `does not apply to ${value.action}` });
      }
    }
    if (value.action !== 'grant-role' && value.expiresAt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: `does not apply to ${value.action}` });
    }
  })
  .meta({ id: 'BulkAction' });
export type BulkActionInput = z.output<typeof bulkActionSchema>;

export const bulkResultSchema = z
  .object({
    succeeded: z.number().int().describe('users the action applied to (already in the target state counts)'),
    failed: z.array(z.object({ userId: z.uuid(), status: z.number().int(), detail: z.string() })),
  })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof bulkResultSchema>;
