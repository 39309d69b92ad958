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
  USAGE_CLASSES,
  type UsageClass,
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
export const reportTo = (ctx: z.RefinementCtx, problems: EndUserProblem[]) => {
  for (const { field, message } of problems) ctx.addIssue({ code: 'custom', path: [field], message });
};

/** The create body's fields, before the rules that span them (createUserSchema; the upsert's reuses them). */
export const createUserFields = z
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
  .strict();

export const createUserSchema = createUserFields
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

const LICENSE_CLASS_CHOICES = `${USAGE_CLASSES.slice(0, -1).join(', ')} or ${USAGE_CLASSES.at(-1)}`;

/**
 * `?licenseClass=external` or several, comma-separated (`internal,external`): the classes, de-duplicated. The
 * parameter given twice (`?licenseClass=internal&licenseClass=external`, which the query parser makes an array)
 * means the same as the comma-separated list, rather than a 400 about types.
 */
const licenseClassQuery = z
  .preprocess((value) => (Array.isArray(value) ? value.join(',') : value), z.string())
  .transform((value, ctx) => {
    const given = value.split(',').map((part) => part.trim());
    const unknown = given.filter((part) => !USAGE_CLASSES.includes(part as UsageClass));
    if (unknown.length > 0) {
      const named = unknown.map((part) => (part === '' ? 'an empty value' : `“${part}”`)).join(', ');
      ctx.addIssue({
        code: 'custom',
        message:
          `has ${named}, which is no licensing class: give one of ${LICENSE_CLASS_CHOICES}, ` +
          'or several separated by commas (e.g. internal,external)',
      });
      return z.NEVER;
    }
    return [...new Set(given)] as UsageClass[];
  })
  .meta({ pattern: `^(${USAGE_CLASSES.join('|')})(,(${USAGE_CLASSES.join('|')}))*$` })
  .describe(
    `licensing class of the users (${LICENSE_CLASS_CHOICES}), or several separated by commas: users of any of them`,
  );

/**
 * An instant in a query string: an ISO 8601 date-time with `Z` or an offset. Finer than a millisecond, it is
 * rounded up to the next one: logins are stored in whole milliseconds, so `< T` and `>= T` then keep exactly
 * the users T itself would (a Date would cut T down, moving a login in T's own millisecond across the bound).
 */
const instantQuery = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 date-time with seconds and a time zone, e.g. 2025-01-31T00:00:00Z',
  })
  .transform((text) => {
    const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
    return new Date(Date.parse(text) + (/[1-9]/.test(fraction.slice(3)) ? 1 : 0));
  });

/**
 * The last-login window (packages/domain LastLoginWindow). Never logged in counts as the earliest time, as in
 * the lastLoginAt sort. Both bounds at once must leave room between them (else 400: see userListFilter).
 */
export const lastLoginFilterFields = {
  lastLoginBefore: instantQuery
    .optional()
    .describe(
      'users who last logged in before this instant (exclusive) **or never logged in**. ISO 8601 date-time with ' +
        'a time zone, e.g. `2025-01-31T00:00:00Z`.',
    ),
  lastLoginAfter: instantQuery
    .optional()
    .describe(
      'users who last logged in at or after this instant (inclusive); users who never logged in are left out. ' +
        'ISO 8601 date-time with a time zone. With lastLoginBefore it must be earlier (else 400).',
    ),
};

export const userListQuerySchema = pageQuery
  .extend({
    search: searchField.optional().describe('case-insensitive substring of username, name or email'),
    isActive: booleanQuery.optional(),
    kind: z.enum(['registered', 'anonymous']).optional(),
    licenseClass: licenseClassQuery.optional(),
    groupId: idField.optional(),
    roleKey: z.string().regex(KEY_PATTERN, 'is not a valid role key').optional(),
    roleSource: z
      .enum(['direct', 'group'])
      .optional()
      .describe('with roleKey: only users granted the role directly, or only through a group'),
    ...lastLoginFilterFields,
    sort: z.enum(USER_SORTS).default('username'),
  })
  .strict();
export type UserListQuery = z.output<typeof userListQuerySchema>;

/** The list's filters, without its paging and sort: what a count (and any other reader of the list) narrows by. */
export type UserFilterQuery = Omit<UserListQuery, 'limit' | 'cursor' | 'includeTotal' | 'sort'>;

export const userCountQuerySchema = userListQuerySchema.omit({
  limit: true,
  cursor: true,
  includeTotal: true,
  sort: true,
});

export const userCountSchema = z
  .object({ count: z.number().int().min(0).describe('users of the tenant matching every filter given') })
  .meta({ id: 'UserCount' });

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
    licenseClass: z
      .enum(USAGE_CLASSES)
      .describe(
        'What the user counts as for licensing now: inactive while not active, anonymous for an ' +
          'active anonymous user, else internal or external by its address’s domain and the internal domains of ' +
          'its tenant and environment. Computed when read, so it follows changes to those domains.',
      ),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'User', examples: [examples.user] });
export type UserResponse = z.infer<typeof userSchema>;

/**
 * The public shape of a user: never a password or its hash. Its licensing class depends on more than the user's
 * row (its tenant's and environment's settings), so the caller reads it from the database (licenseClassOf).
 */
export function toUserResponse(user: EndUser, licenseClass: UsageClass): UserResponse {
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
    licenseClass,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
