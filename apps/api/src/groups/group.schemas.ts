import type { UserGroup } from '@roster/db';
import { z } from 'zod';
import { KEY_PATTERN } from '@roster/domain';
import { nameField, pageQuery } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';
import { searchField, userListQuerySchema } from '../users/user.schemas.js';

const descriptionField = z.string().trim().max(1000, 'must be at most 1000 characters');

export const createGroupSchema = z
  .object({ name: nameField(), description: descriptionField.optional() })
  .strict()
  .meta({ id: 'CreateGroup' });
export type CreateGroupInput = z.output<typeof createGroupSchema>;

export const updateGroupSchema = z
  .object({ name: nameField().optional(), description: descriptionField.optional() })
  .strict()
  .meta({ id: 'UpdateGroup' });
export type UpdateGroupInput = z.output<typeof updateGroupSchema>;

export const groupListQuerySchema = pageQuery
  .extend({
    search: searchField.optional().describe('case-insensitive substring of the name'),
    roleKey: z
      .string()
      .regex(KEY_PATTERN, 'is not a valid role key')
      .optional()
      .describe('only the groups that grant this role'),
  })
  .strict();
export type GroupListQuery = z.output<typeof groupListQuerySchema>;

/** The members of a group answer like the users list, with the same filters and sorts. */
export const memberListQuerySchema = userListQuerySchema.omit({ groupId: true });
export type MemberListQuery = z.output<typeof memberListQuerySchema>;

export const groupSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    name: z.string(),
    description: z.string(),
    memberCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Group', examples: [examples.group] });
export type GroupResponse = z.infer<typeof groupSchema>;

export function toGroupResponse(group: UserGroup, memberCount: number): GroupResponse {
  return {
    id: group.id,
    tenantId: group.tenantId,
    name: group.name,
    description: group.description,
    memberCount,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
