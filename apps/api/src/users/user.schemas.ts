import type { EndUser } from '@roster/db';
import {
  CONTROL_CHARACTERS,
  EMAIL_MAX_LENGTH,
  endUserFieldProblems,
  endUserProblems,
  type EndUserProblem,
  EXTERNAL_ID_MAX_LENGTH,
  KEY_PATTERN,
  MOBILE_PHONE_MAX_LENGTH,
  MOBILE_PHONE_PATTERN,
  PERSON_NAME_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
} from '@roster/domain';
import { z } from 'zod';
import { idField, pageQuery } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

/**
 * A trimmed string whose rules are the domain's (endUserProblems, run on the whole body below); the limits
 * here only describe it in the OpenAPI document.
 */
const text = (maxLength: number) => z.string().trim().meta({ minLength: 1, maxLength });

export const usernameField = text(USERNAME_MAX_LENGTH).describe(
  'Unique per tenant after normalization (NFKC, then case folding); kept as typed. No invisible or ' +
    'direction-control characters, no mix of look-alike scripts.',
);
export const userPasswordField = z.string().max(1000, 'must be at most 1000 characters');

const personalFields = {
  name: text(PERSON_NAME_MAX_LENGTH).nullable().optional(),
  email: z.string().trim().meta({ maxLength: EMAIL_MAX_LENGTH, format: 'email' }).nullable().optional(),
  mobilePhone: z
    .string()
    .trim()
    .meta({ maxLength: MOBILE_PHONE_MAX_LENGTH, pattern: MOBILE_PHONE_PATTERN.source })
    .nullable()
    .optional(),
  externalId: text(EXTERNAL_ID_MAX_LENGTH).nullable().optional(),
  isActive: z.boolean().optional(),
};

/** Adds the domain's problems to the body's issues, each under its field. */
const reportTo = (ctx: z.RefinementCtx, problems: EndUserProblem[]) => {
  for (const { field, message } of problems) ctx.addIssue({ code: 'custom', path: [field], message });
};

export const createUserSchema = z
  .object({
    kind: z.enum(['registered', 'anonymous']).optional().describe('registered (default) or anonymous'),
    username: usernameField
      .optional()
      .describe(
        'required for registered users. Unique per tenant after normalization (NFKC, then case folding: `Straße` ' +
          'and `STRASSE`, `ＡＤＡ` and `ada` are one name); kept as typed. No invisible or direction-control ' +
          'characters, no mix of look-alike scripts (Latin with Cyrillic or Greek).',
      ),
    password: userPasswordField.optional(),
    ...personalFields,
  })
  .strict()
  .superRefine((value, ctx) => reportTo(ctx, endUserProblems(value)))
  .meta({ id: 'CreateUser', examples: [examples.createUser] });
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ username: usernameField.optional(), ...personalFields })
  .strict()
  // What depends on the user (an anonymous one given personal data needs a username) is the service's to check.
  .superRefine((value, ctx) => reportTo(ctx, endUserFieldProblems(value)))
  .meta({ id: 'UpdateUser' });
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const setPasswordSchema = z.object({ password: userPasswordField }).strict().meta({ id: 'SetUserPassword' });

export const USER_SORTS = ['username', '-username', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt'] as const;
export type UserSort = (typeof USER_SORTS)[number];

const booleanQuery = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((value) => value === 'true');

export const searchField = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters');

export const userListQuerySchema = pageQuery
  .extend({
    search: searchField.optional().describe('case-insensitive substring of username, name or email'),
    isActive: booleanQuery.optional(),
    kind: z.enum(['registered', 'anonymous']).optional(),
    groupId: idField.optional(),
    roleKey: z.string().regex(KEY_PATTERN, 'is not a valid role key').optional(),
    roleSource: z
      .enum(['direct', 'group'])
      .optional()
      .describe('with roleKey: only users granted the role directly, or only through a group'),
    sort: z.enum(USER_SORTS).default('username'),
  })
  .strict();
export type UserListQuery = z.output<typeof userListQuerySchema>;

export const userSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    kind: z.enum(['registered', 'anonymous']),
    username: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    mobilePhone: z.string().nullable(),
    externalId: z.string().nullable(),
    isActive: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'User', examples: [examples.user] });
export type UserResponse = z.infer<typeof userSchema>;

/** The public shape of a user: never a password or its hash. */
export function toUserResponse(user: EndUser): UserResponse {
  return {
    id: user.id,
    tenantId: user.tenantId,
    kind: user.kind,
    username: user.username,
    name: user.name,
    email: user.email,
    mobilePhone: user.mobilePhone,
    externalId: user.externalId,
    isActive: user.isActive,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
