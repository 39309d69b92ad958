import { BULK_MAX_USERS, KEY_PATTERN } from '@roster/domain';
import { z } from 'zod';
import { idField } from '../common/schemas.js';

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
