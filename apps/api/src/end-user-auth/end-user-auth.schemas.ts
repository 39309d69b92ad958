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
  'throttled-user',
] as const;

export const loginAttemptSchema = z
  .object({
    at: z.iso.datetime(),
    result: z
      .enum(LOGIN_RESULTS)
      .describe(
        'blocked-user: refused because this username is blocked from this address; blocked-ip: the address is ' +
          'blocked; throttled-user: the username is held back briefly from every address (its ceiling of ' +
          'failures across addresses was reached)',
      ),
    ip: z.string(),
  })
  .meta({ id: 'LoginAttempt' });

export const loginBlockSchema = z
  .object({
    id: z.string().describe('Names the block for DELETE /tenants/{tenantId}/login-blocks/{blockId}'),
    kind: z
      .enum(['address', 'user-address', 'username'])
      .describe(
        'address: every login from the address; user-address: one username from one address; username: one ' +
          'username from every address, briefly (its ceiling of failures across addresses was reached)',
      ),
    address: z.string().nullable().describe('The client address; null for a username block'),
    userId: z.uuid().nullable().describe('The user the username belongs to; null for an address or an unknown name'),
    username: z.string().nullable().describe('That user’s username now; null when no known user'),
    until: z.iso.datetime().describe('When the block ends unless lifted (a further failure may extend it)'),
  })
  .meta({ id: 'LoginBlock' });
export type LoginBlockResponse = z.infer<typeof loginBlockSchema>;

export const userLoginBlockStatusSchema = z
  .object({
    blocked: z.boolean().describe('Whether logins of this user are refused now from some address'),
    until: z.iso.datetime().nullable().describe('When the last of its blocks ends; null when not blocked'),
    blocks: z.array(loginBlockSchema),
  })
  .meta({ id: 'UserLoginBlockStatus' });
export type UserLoginBlockStatus = z.infer<typeof userLoginBlockStatusSchema>;
