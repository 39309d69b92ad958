/**
 * The user create/edit form: reading it, checking it as the API will (so most mistakes show before a
 * round trip), and turning it into the API's bodies. Safe to import in the browser, where the same
 * checks run before the form is sent.
 */
import type { Schemas } from '@roster/api-client';
import {
  EMAIL_MAX_LENGTH,
  EXTERNAL_ID_MAX_LENGTH,
  MOBILE_PHONE_MAX_LENGTH,
  MOBILE_PHONE_PATTERN,
  passwordProblem,
  PERSON_NAME_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
} from '@roster/domain';
import { controlCharacterProblem } from './form-checks';

type User = Schemas['User'];
export type UserKind = User['kind'];

export interface UserFormValues {
  kind: UserKind;
  username: string;
  name: string;
  email: string;
  mobilePhone: string;
  externalId: string;
  /** As typed: spaces count in a password. */
  password: string;
  isActive: boolean;
}

/** The optional text fields, which a cleared input sets to null. */
const OPTIONAL_FIELDS = ['name', 'email', 'mobilePhone', 'externalId'] as const;
/** The fields that make a user a known person (an anonymous user carries none). */
const PERSONAL_FIELDS = ['username', 'name', 'email', 'mobilePhone'] as const;

const LOOSE_EMAIL = /^[^\s@]+@[^\s@]+$/;

function trimmed(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export function readUserForm(form: FormData): UserFormValues {
  const password = form.get('password');
  const active = form.get('isActive');
  return {
    kind: form.get('kind') === 'anonymous' ? 'anonymous' : 'registered',
    username: trimmed(form, 'username'),
    name: trimmed(form, 'name'),
    email: trimmed(form, 'email'),
    mobilePhone: trimmed(form, 'mobilePhone'),
    externalId: trimmed(form, 'externalId'),
    password: typeof password === 'string' ? password : '',
    isActive: active !== null && active !== 'false',
  };
}

/** What to put back in the form after a failure: everything typed but the password. */
export function keptValues(values: UserFormValues): Record<string, string> {
  return {
    kind: values.kind,
    username: values.username,
    name: values.name,
    email: values.email,
    mobilePhone: values.mobilePhone,
    externalId: values.externalId,
    isActive: values.isActive ? 'true' : 'false',
  };
}

function textProblem(value: string, max: number): string | null {
  if (value.length > max) return `Use at most ${max.toLocaleString('en-US')} characters.`;
  return controlCharacterProblem(value);
}

/**
 * Messages per field for what the API would refuse ({} when none). Creating: `values.kind` decides;
 * editing: the user's current kind (an anonymous user may take a username, which makes it registered).
 */
export function userFormProblems(
  values: UserFormValues,
  context: { mode: 'create' } | { mode: 'edit'; kind: UserKind },
): Record<string, string> {
  const problems: Record<string, string> = {};
  const note = (field: string, problem: string | null) => {
    if (problem) problems[field] = problem;
  };

  if (context.mode === 'create' && values.kind === 'anonymous') {
    note('externalId', textProblem(values.externalId, EXTERNAL_ID_MAX_LENGTH));
    return problems;
  }

  const anonymousNow = context.mode === 'edit' && context.kind === 'anonymous';
  const becomesPerson = PERSONAL_FIELDS.some((field) => values[field] !== '');
  if (values.username === '') {
    if (!anonymousNow) note('username', 'Enter a username.');
    else if (becomesPerson)
      note('username', 'Enter a username: personal data makes this user registered, and a registered user needs one.');
  } else {
    note('username', textProblem(values.username, USERNAME_MAX_LENGTH));
  }
  note('name', textProblem(values.name, PERSON_NAME_MAX_LENGTH));
  if (values.email !== '') {
    note(
      'email',
      values.email.length > EMAIL_MAX_LENGTH
        ? `Use at most ${EMAIL_MAX_LENGTH} characters.`
        : LOOSE_EMAIL.test(values.email)
          ? null
          : 'Enter an email address such as ada@example.com.',
    );
  }
  if (values.mobilePhone !== '') {
    note(
      'mobilePhone',
      values.mobilePhone.length > MOBILE_PHONE_MAX_LENGTH
        ? `Use at most ${MOBILE_PHONE_MAX_LENGTH} characters.`
        : MOBILE_PHONE_PATTERN.test(values.mobilePhone)
          ? null
          : 'Use digits, spaces and + ( ) - only.',
    );
  }
  note('externalId', textProblem(values.externalId, EXTERNAL_ID_MAX_LENGTH));
  if (context.mode === 'create' && values.password !== '') {
    const problem = passwordProblem(values.password, values.username || null);
    note('password', problem ? `The password ${problem}.` : null);
  }
  return problems;
}

/** The body that creates the user: empty optional fields are left out, as is an empty password. */
export function createUserBody(values: UserFormValues): Schemas['CreateUser'] {
  if (values.kind === 'anonymous') {
    return {
      kind: 'anonymous',
      isActive: values.isActive,
      ...(values.externalId ? { externalId: values.externalId } : {}),
    };
  }
  const body: Schemas['CreateUser'] = { username: values.username, isActive: values.isActive };
  for (const field of OPTIONAL_FIELDS) if (values[field] !== '') body[field] = values[field];
  if (values.password !== '') body.password = values.password;
  return body;
}

/**
 * Only what the operator changed, so an edit never writes back a value someone else changed in the
 * meantime. A cleared optional field becomes null; an anonymous user's empty username stays unsent.
 */
export function updateUserBody(values: UserFormValues, current: User): Schemas['UpdateUser'] {
  const body: Schemas['UpdateUser'] = {};
  if (values.username !== '' && values.username !== current.username) body.username = values.username;
  for (const field of OPTIONAL_FIELDS) {
    const next = values[field] === '' ? null : values[field];
    if (next !== current[field]) body[field] = next;
  }
  if (values.isActive !== current.isActive) body.isActive = values.isActive;
  return body;
}
