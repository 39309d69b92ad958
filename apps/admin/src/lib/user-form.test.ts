import type { Schemas } from '@roster/api-client';
import { describe, expect, it } from 'vitest';
import {
  createUserBody,
  keptValues,
  readUserForm,
  updateUserBody,
  type UserFormValues,
  userFormProblems,
} from './user-form';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const blank: UserFormValues = {
  kind: 'registered',
  username: '',
  name: '',
  email: '',
  mobilePhone: '',
  externalId: '',
  password: '',
  isActive: true,
};
const values = (changes: Partial<UserFormValues>): UserFormValues => ({ ...blank, ...changes });

const ada: Schemas['User'] = {
  id: '01a21c6e-4b43-77ae-a069-c75113f007ec',
  tenantId: '01a21c6e-4967-7143-8908-3b2fdd434013',
  kind: 'registered',
  username: 'ada.dijkstra',
  name: 'Ada Dijkstra',
  email: 'ada@acme.com',
  mobilePhone: null,
  externalId: 'crm-17',
  isActive: true,
  licenseClass: 'internal',
  createdAt: '2026-11-27T09:55:20.000Z',
  updatedAt: '2026-11-27T09:55:20.000Z',
  lastLoginAt: null,
};
const guest: Schemas['User'] = {
  ...ada,
  kind: 'anonymous',
  username: null,
  name: null,
  email: null,
  externalId: 'guest-1',
};

describe('reading the user form', () => {
  it('trims text, keeps the password as typed and reads the checkbox', () => {
    expect(
      readUserForm(
        form({ username: ' ada ', name: ' Ada ', password: ' secret pw ', isActive: 'on', kind: 'registered' }),
      ),
    ).toEqual(values({ username: 'ada', name: 'Ada', password: ' secret pw ', isActive: true }));
    expect(readUserForm(form({ kind: 'anonymous' }))).toEqual(values({ kind: 'anonymous', isActive: false }));
  });

  it('keeps everything but the password for refilling', () => {
    expect(keptValues(values({ username: 'ada', password: 'secret!!', isActive: false }))).toEqual({
      kind: 'registered',
      username: 'ada',
      name: '',
      email: '',
      mobilePhone: '',
      externalId: '',
      isActive: 'false',
    });
  });
});

describe('checking the user form', () => {
  const create = { mode: 'create' } as const;

  it('needs a username for a registered user', () => {
    expect(userFormProblems(values({}), create)).toEqual({ username: 'Enter a username.' });
    expect(userFormProblems(values({ username: 'ada' }), create)).toEqual({});
  });

  it('applies the password policy: 8–256 characters, not the username', () => {
    expect(userFormProblems(values({ username: 'ada', password: 'short' }), create)).toEqual({
      password: 'The password must be at least 8 characters.',
    });
    expect(userFormProblems(values({ username: 'ada', password: 'x'.repeat(257) }), create)).toEqual({
      password: 'The password must be at most 256 characters.',
    });
    expect(userFormProblems(values({ username: 'ada.lovelace', password: 'Ada.Lovelace' }), create)).toEqual({
      password: 'The password must not be the same as the username.',
    });
    expect(userFormProblems(values({ username: 'ada', password: 'correct horse' }), create)).toEqual({});
  });

  it('checks email, mobile phone and lengths as the API does', () => {
    expect(
      userFormProblems(
        values({ username: 'ada', email: 'ada at acme', mobilePhone: '+31 (0) 6-1234 abc', name: 'x'.repeat(201) }),
        create,
      ),
    ).toEqual({
      email: 'Enter an email address such as ada@example.com.',
      mobilePhone: 'Use digits, spaces and + ( ) - only.',
      name: 'Use at most 200 characters.',
    });
    expect(
      userFormProblems(values({ username: 'ada', email: 'ada@acme.com', mobilePhone: '+31 (0)6-1234' }), create),
    ).toEqual({});
    // The API's own rules (endUserProblems): an address without a top-level domain, a look-alike username.
    expect(userFormProblems(values({ username: 'p\u0430ypal', email: 'ada@localhost' }), create)).toEqual({
      username: expect.stringMatching(/^Must not mix letters of Latin and Cyrillic scripts/),
      email: 'Enter an email address such as ada@example.com.',
    });
  });

  it('refuses to clear a registered user’s username, and lets an anonymous user’s stay empty', () => {
    expect(userFormProblems(values({}), { mode: 'edit', user: ada })).toEqual({ username: 'Enter a username.' });
    expect(userFormProblems(values({}), { mode: 'edit', user: guest })).toEqual({});
  });

  it('tells a NUL or other invisible control character from a tab or line break', () => {
    expect(userFormProblems(values({ username: 'ada\u0000' }), create)).toEqual({
      username: 'Remove the invisible control characters (such as NUL); they may have come with pasted text.',
    });
    expect(userFormProblems(values({ username: 'ada', name: 'Ada\tLovelace' }), create)).toEqual({
      name: 'Remove the tabs or line breaks.',
    });
  });

  it('ignores the personal fields of an anonymous user being created', () => {
    expect(userFormProblems(values({ kind: 'anonymous', email: 'nonsense', password: 'x' }), create)).toEqual({});
  });

  it('lets an anonymous user stay without a username, unless it gets personal data', () => {
    const edit = { mode: 'edit', user: guest } as const;
    expect(userFormProblems(values({ externalId: 'guest-2' }), edit)).toEqual({});
    expect(userFormProblems(values({ email: 'ada@acme.com' }), edit)).toHaveProperty('username');
    expect(userFormProblems(values({ username: 'ada', email: 'ada@acme.com' }), edit)).toEqual({});
  });

  it('never checks a password when editing', () => {
    expect(userFormProblems(values({ username: 'ada', password: 'x' }), { mode: 'edit', user: ada })).toEqual({});
  });
});

describe('the create body', () => {
  it('leaves out empty optional fields and an empty password', () => {
    expect(createUserBody(values({ username: 'ada', email: 'ada@acme.com', isActive: false }))).toEqual({
      username: 'ada',
      email: 'ada@acme.com',
      isActive: false,
    });
  });

  it('sends every field that was filled in', () => {
    expect(
      createUserBody(
        values({
          username: 'ada',
          name: 'Ada',
          email: 'ada@acme.com',
          mobilePhone: '+31 6 1234',
          externalId: 'crm-1',
          password: 'correct horse',
        }),
      ),
    ).toEqual({
      username: 'ada',
      name: 'Ada',
      email: 'ada@acme.com',
      mobilePhone: '+31 6 1234',
      externalId: 'crm-1',
      password: 'correct horse',
      isActive: true,
    });
  });

  it('creates an anonymous user with no personal data', () => {
    expect(
      createUserBody(values({ kind: 'anonymous', username: 'ada', email: 'a@b.c', password: 'correct horse' })),
    ).toEqual({
      kind: 'anonymous',
      isActive: true,
    });
    expect(createUserBody(values({ kind: 'anonymous', externalId: 'guest-9', isActive: false }))).toEqual({
      kind: 'anonymous',
      externalId: 'guest-9',
      isActive: false,
    });
  });
});

describe('the update body', () => {
  const unchanged = values({
    username: 'ada.dijkstra',
    name: 'Ada Dijkstra',
    email: 'ada@acme.com',
    externalId: 'crm-17',
  });

  it('is empty when nothing changed', () => {
    expect(updateUserBody(unchanged, ada)).toEqual({});
  });

  it('sends only the changed fields', () => {
    expect(updateUserBody({ ...unchanged, name: 'Ada D.', mobilePhone: '+31 6 1', isActive: false }, ada)).toEqual({
      name: 'Ada D.',
      mobilePhone: '+31 6 1',
      isActive: false,
    });
    expect(updateUserBody({ ...unchanged, username: 'Ada.Dijkstra' }, ada)).toEqual({ username: 'Ada.Dijkstra' });
  });

  it('sets a cleared optional field to null', () => {
    expect(updateUserBody({ ...unchanged, email: '', externalId: '' }, ada)).toEqual({ email: null, externalId: null });
  });

  it('leaves an anonymous user’s missing username alone', () => {
    expect(updateUserBody(values({ externalId: 'guest-1' }), guest)).toEqual({});
    expect(updateUserBody(values({ externalId: 'guest-1', username: 'grace', name: 'Grace' }), guest)).toEqual({
      username: 'grace',
      name: 'Grace',
    });
  });
});
