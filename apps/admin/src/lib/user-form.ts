/**
 * The user create/edit form: reading it, checking it as the API will (so most mistakes show before a
 * round trip), and turning it into the API's bodies. Safe to import in the browser, where the same
 * checks run before the form is sent.
 */
import type { Schemas } from '@roster/api-client';
import { type EndUserInput, endUserProblems, type EndUserProblem } from '@roster/domain';
import { controlCharacterProblem } from './form-checks';
import { asSentence } from './forms';

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

/**
 * What the form will send, as the domain reads it: the create body, or the change to the user as stored.
 * A registered user's username cannot be cleared (the change would leave it out), so an empty one is kept in
 * to be refused as empty.
 */
function asInput(values: UserFormValues, context: UserFormContext): EndUserInput {
  if (context.mode === 'create') return createUserBody(values);
  const change: EndUserInput = updateUserBody(values, context.user);
  if (context.user.kind === 'registered' && values.username === '') change.username = '';
  return change;
}

/** The console's sentence for one of the domain's problems. */
function sentenceFor(problem: EndUserProblem, value: string): string {
  switch (problem.code) {
    case 'empty':
    case 'required':
      return 'Enter a username.';
    case 'required-for-personal-data':
      return 'Enter a username: personal data makes this user registered, and a registered user needs one.';
    case 'too-long':
      return `Use at most ${problem.limit!.toLocaleString('en-US')} characters.`;
    case 'control-characters':
      return controlCharacterProblem(value) ?? asSentence(problem.message);
    case 'invalid-email':
      return 'Enter an email address such as ada@example.com.';
    case 'invalid-phone':
      return 'Use digits, spaces and + ( ) - only.';
    case 'password':
      return `The password ${problem.message}.`;
    default:
      return asSentence(problem.message);
  }
}

type UserFormContext = { mode: 'create' } | { mode: 'edit'; user: User };

/**
 * Messages per field for what the API would refuse ({} when none), by its own rules (endUserProblems) applied
 * to the body the form will send. Creating: `values.kind` decides; editing: the user's current kind (an
 * anonymous user may take a username, which makes it registered).
 */
export function userFormProblems(values: UserFormValues, context: UserFormContext): Record<string, string> {
  const current = context.mode === 'edit' ? context.user : undefined;
  const problems: Record<string, string> = {};
  for (const problem of endUserProblems(asInput(values, context), current)) {
    problems[problem.field] = sentenceFor(problem, values[problem.field]);
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
