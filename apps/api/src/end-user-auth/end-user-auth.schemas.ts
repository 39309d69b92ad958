import { z } from 'zod';
import { userSchema } from '../users/user.schemas.js';

export const endUserLoginSchema = z
  .object({
    username: z.string().trim().min(1, 'must not be empty').max(250, 'must be at most 250 characters'),
    password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
  })
  .strict()
  .meta({ id: 'EndUserLogin' });
export type EndUserLoginInput = z.output<typeof endUserLoginSchema>;

export const endUserSessionSchema = z
  .object({
    accessToken: z
      .string()
      .describe(
        'a JWT (EdDSA, signed with a key of this tenant) with sub = user id, tid = tenant id, roles = effective ' +
          'role keys, iss = TOKEN_ISSUER and aud = the keys of the applications declared in the tenant’s ' +
          'environment (empty while there are none)',
      ),
    expiresAt: z.iso.datetime(),
    user: userSchema,
    roles: z.array(z.string()),
  })
  .meta({ id: 'EndUserSession' });
export type EndUserSession = z.infer<typeof endUserSessionSchema>;

export const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'JsonWebKeySet' });

export const LOGIN_RESULTS = [
  'logged-in',
  'invalid-user',
  'invalid-password',
  'inactive-user',
  'blocked-user',
  'blocked-ip',
] as const;

export const loginAttemptSchema = z
  .object({ at: z.iso.datetime(), result: z.enum(LOGIN_RESULTS), ip: z.string() })
  .meta({ id: 'LoginAttempt' });
