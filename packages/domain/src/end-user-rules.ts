/**
 * The input rules of an end user (API.md §5), once: the API's schemas, its services and the console's form
 * all ask {@link endUserProblems}. Values arrive trimmed; a field left out is `undefined`, a cleared one `null`.
 */
import {
  CONTROL_CHARACTERS,
  EMAIL_MAX_LENGTH,
  EMAIL_PATTERN,
  type EndUserKind,
  EXTERNAL_ID_MAX_LENGTH,
  kindAfterChange,
  MOBILE_PHONE_MAX_LENGTH,
  MOBILE_PHONE_PATTERN,
  PERSON_NAME_MAX_LENGTH,
  PERSONAL_FIELDS,
  USERNAME_MAX_LENGTH,
} from './end-users.js';
import { passwordProblem } from './password.js';
import { sameUsername, usernameProblem } from './usernames.js';
import { displayNameProblem } from './visible-text.js';

export interface EndUserInput {
  /** Only when creating; registered when left out. */
  kind?: EndUserKind;
  username?: string | null;
  name?: string | null;
  email?: string | null;
  mobilePhone?: string | null;
  externalId?: string | null;
  password?: string;
}

export type EndUserField = Exclude<keyof EndUserInput, 'kind'>;

/** What a rule found, for the API (`message`, said after the field's name) and for forms (`code`, `limit`). */
export interface EndUserProblem {
  field: EndUserField;
  code:
    | 'empty'
    | 'too-long'
    | 'control-characters'
    | 'not-allowed'
    | 'invalid-email'
    | 'invalid-phone'
    | 'required'
    | 'required-for-personal-data'
    | 'anonymous-holds-nothing'
    | 'password';
  message: string;
  /** The maximum length, for `too-long`. */
  limit?: number;
}

/** The user a change applies to. */
export interface CurrentEndUser {
  kind: EndUserKind;
  username: string | null;
}

type Check = (value: string) => Omit<EndUserProblem, 'field'> | null;

const tooLong =
  (limit: number): Check =>
  (value) =>
    // Characters are code points, as people count them: an emoji is one, not two UTF-16 units.
    value.length > limit && [...value].length > limit
      ? { code: 'too-long', message: `must be at most ${limit} characters`, limit }
      : null;

/** People-typed text: something in it, bounded, no control characters, then the field's own rule. */
const typedText =
  (limit: number, rule?: (value: string) => string | null): Check =>
  (value) => {
    if (value === '') return { code: 'empty', message: 'must not be empty' };
    const long = tooLong(limit)(value);
    if (long) return long;
    if (CONTROL_CHARACTERS.test(value))
      return { code: 'control-characters', message: 'must not contain control characters' };
    const problem = rule?.(value);
    return problem ? { code: 'not-allowed', message: problem } : null;
  };

const FIELD_CHECKS: Record<Exclude<EndUserField, 'password'>, Check> = {
  username: typedText(USERNAME_MAX_LENGTH, usernameProblem),
  name: typedText(PERSON_NAME_MAX_LENGTH, displayNameProblem),
  email: (value) =>
    tooLong(EMAIL_MAX_LENGTH)(value) ??
    (EMAIL_PATTERN.test(value) ? null : { code: 'invalid-email', message: 'must be a valid email address' }),
  mobilePhone: (value) =>
    tooLong(MOBILE_PHONE_MAX_LENGTH)(value) ??
    (MOBILE_PHONE_PATTERN.test(value)
      ? null
      : { code: 'invalid-phone', message: 'may hold only digits, spaces and + ( ) -' }),
  externalId: typedText(EXTERNAL_ID_MAX_LENGTH),
};

const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

/** The rules of each field on its own: at most one problem per field, the first rule it breaks. */
export function endUserFieldProblems(input: EndUserInput): EndUserProblem[] {
  const problems: EndUserProblem[] = [];
  for (const [field, check] of Object.entries(FIELD_CHECKS) as [keyof typeof FIELD_CHECKS, Check][]) {
    const value = input[field];
    const problem = given(value) ? check(value) : null;
    if (problem) problems.push({ field, ...problem });
  }
  return problems;
}

/**
 * Everything that is wrong with `input`: a new user's when `current` is left out, else a change to `current`.
 * Besides each field's rules: a registered user needs a username; an anonymous one holds no credentials or
 * personal data, and one given personal data becomes registered (DESIGN.md §2), so it needs a username too.
 */
export function endUserProblems(input: EndUserInput, current?: CurrentEndUser): EndUserProblem[] {
  const problems = endUserFieldProblems(input);
  const add = (field: EndUserField, code: EndUserProblem['code'], message: string) => {
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, code, message });
  };
  if (!current && input.kind === 'anonymous') {
    for (const field of [...PERSONAL_FIELDS, 'password'] as const) {
      if (given(input[field]))
        add(field, 'anonymous-holds-nothing', 'an anonymous user holds no credentials or personal data');
    }
    return problems;
  }
  if (!current && !given(input.username)) add('username', 'required', 'is required for a registered user');
  if (current?.kind === 'anonymous' && !given(input.username) && kindAfterChange('anonymous', input) === 'registered') {
    add('username', 'required-for-personal-data', 'is required to give an anonymous user personal data');
  }
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, input.username ?? current?.username ?? null);
    if (problem) add('password', 'password', problem);
  }
  return problems;
}

/** Why an upsert by username refuses its body (besides the create rules), under the field at fault. */
export interface UpsertByUsernameProblem {
  field: 'kind' | 'username';
  message: string;
}

/**
 * What an upsert by username (API.md §10) refuses before the create or update rules: the path names the user,
 * so a username in the body must be that name once normalized (it may still change how the name is written,
 * `Ada` for `ada`), and the user is registered: an anonymous one has no username to be found by again.
 */
export function upsertByUsernameProblems(
  pathUsername: string,
  input: Pick<EndUserInput, 'kind' | 'username'>,
): UpsertByUsernameProblem[] {
  const problems: UpsertByUsernameProblem[] = [];
  if (input.kind === 'anonymous') {
    problems.push({ field: 'kind', message: 'must be registered: an anonymous user has no username to upsert by' });
  }
  if (given(input.username) && !sameUsername(input.username, pathUsername)) {
    problems.push({
      field: 'username',
      message: 'must be the username of the path (ignoring case, width and accent encoding), or be left out',
    });
  }
  return problems;
}
