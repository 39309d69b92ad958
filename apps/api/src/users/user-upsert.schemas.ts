import { endUserFieldProblems, upsertByUsernameProblems } from '@roster/domain';
import type { z } from 'zod';
import { badRequest } from '../common/problems.js';
import { validationProblem } from '../common/validation.js';
import {
  createUserFields,
  createUserSchema,
  type CreateUserInput,
  reportTo,
  type UpdateUserInput,
  usernameField,
} from './user.schemas.js';

/**
 * The body of PUT …/users/by-username/:username: the create body, whose username may be left out (the path
 * gives it). Each field's own rules are checked here; the create rules that need the username (a registered user
 * has one, the password is not it) once the path's is known, by createUserSchema itself (upsertOf).
 */
export const upsertUserSchema = createUserFields
  .extend({
    username: usernameField
      .optional()
      .describe(
        'the path’s username, which it defaults to; given, it must be that name once normalized (NFKC, then case ' +
          'folding) and is stored as written here, so it can change how the name is written (`Ada` for `ada`)',
      ),
  })
  .superRefine((value, ctx) => reportTo(ctx, endUserFieldProblems(value)))
  .meta({
    id: 'UpsertUser',
    description:
      'The create body (CreateUser). `username` may be left out: the path gives it; given, it must be the ' +
      'path’s username once normalized, and may change how it is written. `kind` may only be registered.',
    examples: [{ name: 'Homer Simpson', email: 'homer@globex.example', externalId: 'EMP-0042' }],
  });
export type UpsertUserInput = z.output<typeof upsertUserSchema>;

/** What an upsert creates when no user has the username, and what it changes in the one that has it. */
export interface Upsert {
  /** The body as a create body, validated as POST validates one: the path's username unless the body gives one. */
  create: CreateUserInput;
  /** As PATCH: only the fields the body gives (its username only if it gives one). */
  update: UpdateUserInput;
  /** Set on an existing user under the password rules, in the same transaction as `update`. */
  password?: string;
}

/** The body and the path's username as an upsert, or the 400 that says what is wrong with them. */
export function upsertOf(pathUsername: string, body: UpsertUserInput): Upsert {
  const problems = upsertByUsernameProblems(pathUsername, body);
  if (problems.length > 0) {
    throw badRequest(
      'This upsert creates or updates the registered user the path names: leave username and kind out of the ' +
        'body, or give the path’s username (in any case) and kind "registered".',
      problems,
    );
  }
  const asCreated = createUserSchema.safeParse({ ...body, username: body.username ?? pathUsername });
  if (!asCreated.success) throw validationProblem(asCreated.error.issues);
  const { kind: _registered, password, ...update } = body;
  return { create: asCreated.data, update, ...(password !== undefined ? { password } : {}) };
}
