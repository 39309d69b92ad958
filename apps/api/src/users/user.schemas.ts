import type { EndUser } from '@roster/db';
import {
  CONTROL_CHARACTERS,
  displayNameProblem,
  EMAIL_MAX_LENGTH,
  EXTERNAL_ID_MAX_LENGTH,
  KEY_PATTERN,
  MOBILE_PHONE_MAX_LENGTH,
  MOBILE_PHONE_PATTERN,
  PERSON_NAME_MAX_LENGTH,
  PERSONAL_FIELDS,
  passwordProblem,
  USERNAME_MAX_LENGTH,
  usernameProblem,
} from '@roster/domain';
import { z } from 'zod';
import { domainRule, idField, pageQuery } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

/** A trimmed string of people-typed text: no control characters, bounded length. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters');

export const usernameField = text(USERNAME_MAX_LENGTH)
  .superRefine(domainRule(usernameProblem))
  .describe(
    'Unique per tenant after normalization (NFKC, then case folding); kept as typed. No invisible or ' +
      'direction-control characters, no mix of look-alike scripts.',
  );
const nameField = text(PERSON_NAME_MAX_LENGTH).superRefine(domainRule(displayNameProblem));
const emailField = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`)
  .pipe(z.email('must be a valid email address'));
const mobilePhoneField = z
  .string()
  .trim()
  .max(MOBILE_PHONE_MAX_LENGTH, `must be at most ${MOBILE_PHONE_MAX_LENGTH} characters`)
  .regex(MOBILE_PHONE_PATTERN, 'may hold only digits, spaces and + ( ) -');
const externalIdField = text(EXTERNAL_ID_MAX_LENGTH);
export const userPasswordField = z.string().max(1000, 'must be at most 1000 characters');

const personalFields = {
  name: nameField.nullable().optional(),
  email: emailField.nullable().optional(),
  mobilePhone: mobilePhoneField.nullable().optional(),
  externalId: externalIdField.nullable().optional(),
  isActive: z.boolean().optional(),
};

function addPasswordIssue(password: string | undefined, username: string | null, ctx: z.RefinementCtx): void {
  if (password === undefined) return;
  const problem = passwordProblem(password, username);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
}

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
  .superRefine((value, ctx) => {
    if (value.kind === 'anonymous') {
      for (const field of [...PERSONAL_FIELDS, 'password'] as const) {
        if (value[field] !== undefined && value[field] !== null) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'an anonymous user holds no credentials or personal data',
          });
        }
      }
      return;
    }
    if (value.username === undefined) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'is required for a registered user' });
    }
    addPasswordIssue(value.password, value.username ?? null, ctx);
  })
  .meta({ id: 'CreateUser', examples: [examples.createUser] });
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ username: usernameField.optional(), ...personalFields })
  .strict()
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
