import { describe, expect, it } from 'vitest';
import { type CurrentEndUser, type EndUserInput, endUserFieldProblems, endUserProblems } from './end-user-rules.js';

/** field → code, the shape the tables compare. */
const codes = (input: EndUserInput, current?: CurrentEndUser) =>
  Object.fromEntries(endUserProblems(input, current).map((problem) => [problem.field, problem.code]));

const ANONYMOUS: CurrentEndUser = { kind: 'anonymous', username: null };
const REGISTERED: CurrentEndUser = { kind: 'registered', username: 'ada' };

describe('a new user', () => {
  it.each<[string, EndUserInput, Record<string, string>]>([
    ['a username alone', { username: 'ada' }, {}],
    [
      'every field',
      {
        username: 'ada',
        name: 'Ada',
        email: 'ada@acme.com',
        mobilePhone: '+31 (0)6-1234',
        externalId: 'crm-1',
        password: 'correct horse',
      },
      {},
    ],
    ['cleared optional fields', { username: 'ada', name: null, email: null, mobilePhone: null, externalId: null }, {}],
    ['no username', { name: 'Ada' }, { username: 'required' }],
    ['a null username', { username: null }, { username: 'required' }],
    ['an empty username', { username: '' }, { username: 'empty' }],
    ['a username of 251 characters', { username: 'a'.repeat(251) }, { username: 'too-long' }],
    ['a username of 250 emoji (500 UTF-16 units)', { username: '😀'.repeat(250) }, {}],
    ['a username of 251 emoji', { username: '😀'.repeat(251) }, { username: 'too-long' }],
    ['a username with a control character', { username: 'ada\u0007' }, { username: 'control-characters' }],
    ['a username mixing Latin and Cyrillic', { username: 'p\u0430ypal' }, { username: 'not-allowed' }],
    ['a name of 201 characters', { username: 'ada', name: 'x'.repeat(201) }, { name: 'too-long' }],
    ['an invisible name', { username: 'ada', name: '\u200b' }, { name: 'not-allowed' }],
    ['an email without a domain', { username: 'ada', email: 'not-an-email' }, { email: 'invalid-email' }],
    ['an email without a top-level domain', { username: 'ada', email: 'ada@localhost' }, { email: 'invalid-email' }],
    ['an email of 321 characters', { username: 'ada', email: `${'a'.repeat(309)}@example.com` }, { email: 'too-long' }],
    ['a mobile phone of 21 digits', { username: 'ada', mobilePhone: '1'.repeat(21) }, { mobilePhone: 'too-long' }],
    ['a mobile phone with letters', { username: 'ada', mobilePhone: '+1 555 CALL' }, { mobilePhone: 'invalid-phone' }],
    ['a mobile phone without digits', { username: 'ada', mobilePhone: '+()' }, { mobilePhone: 'invalid-phone' }],
    ['an empty external id', { username: 'ada', externalId: '' }, { externalId: 'empty' }],
    ['a password of 7 characters', { username: 'ada', password: 'seven77' }, { password: 'password' }],
    ['a password of 257 characters', { username: 'ada', password: 'p'.repeat(257) }, { password: 'password' }],
    [
      'a password equal to the username but for case',
      { username: 'Ada.Lovelace', password: 'ada.LOVELACE' },
      { password: 'password' },
    ],
    [
      'several problems at once',
      { username: '', email: 'x', mobilePhone: 'y' },
      { username: 'empty', email: 'invalid-email', mobilePhone: 'invalid-phone' },
    ],
  ])('registered, %s', (_case, input, expected) => {
    expect(codes(input)).toEqual(expected);
    expect(codes({ ...input, kind: 'registered' })).toEqual(expected);
  });

  it.each<[string, EndUserInput, Record<string, string>]>([
    ['with nothing', {}, {}],
    ['with an external id', { externalId: 'guest-1' }, {}],
    ['with cleared personal fields', { username: null, name: null, email: null, mobilePhone: null }, {}],
    [
      'with personal data and a password',
      { username: 'ada', name: 'Ada', email: 'ada@acme.com', mobilePhone: '1', password: 'correct horse' },
      {
        username: 'anonymous-holds-nothing',
        name: 'anonymous-holds-nothing',
        email: 'anonymous-holds-nothing',
        mobilePhone: 'anonymous-holds-nothing',
        password: 'anonymous-holds-nothing',
      },
    ],
    ['with a bad external id', { externalId: 'x'.repeat(251) }, { externalId: 'too-long' }],
  ])('anonymous, %s', (_case, input, expected) => {
    expect(codes({ ...input, kind: 'anonymous' })).toEqual(expected);
  });
});

describe('a change to a user', () => {
  it.each<[string, CurrentEndUser, EndUserInput, Record<string, string>]>([
    ['nothing', REGISTERED, {}, {}],
    ['a registered user’s cleared email', REGISTERED, { email: null }, {}],
    ['a registered user’s name, without the username', REGISTERED, { name: 'Ada' }, {}],
    ['a registered user’s empty username', REGISTERED, { username: '' }, { username: 'empty' }],
    ['an anonymous user’s external id', ANONYMOUS, { externalId: 'guest-2' }, {}],
    ['an anonymous user’s cleared fields', ANONYMOUS, { name: null, email: null }, {}],
    [
      'personal data to an anonymous user',
      ANONYMOUS,
      { email: 'ada@acme.com' },
      { username: 'required-for-personal-data' },
    ],
    ['personal data and a username to an anonymous user', ANONYMOUS, { username: 'ada', email: 'ada@acme.com' }, {}],
    ['a username alone to an anonymous user', ANONYMOUS, { username: 'ada' }, {}],
    [
      'a bad email to an anonymous user',
      ANONYMOUS,
      { email: 'x' },
      { email: 'invalid-email', username: 'required-for-personal-data' },
    ],
    ['a password for a registered user', REGISTERED, { password: 'correct horse' }, {}],
    [
      'a password equal to the current username but for case',
      { kind: 'registered', username: 'ada.lovelace' },
      { password: 'Ada.Lovelace' },
      { password: 'password' },
    ],
  ])('%s', (_case, current, input, expected) => {
    expect(codes(input, current)).toEqual(expected);
  });
});

describe('the messages', () => {
  it('are the API’s fragments, said after the field’s name, with the limit of a length', () => {
    expect(endUserProblems({ username: 'a'.repeat(251), email: 'x', mobilePhone: 'y' })).toEqual([
      { field: 'username', code: 'too-long', message: 'must be at most 250 characters', limit: 250 },
      { field: 'email', code: 'invalid-email', message: 'must be a valid email address' },
      { field: 'mobilePhone', code: 'invalid-phone', message: 'may hold only digits, spaces and + ( ) -' },
    ]);
    expect(endUserProblems({})).toEqual([
      { field: 'username', code: 'required', message: 'is required for a registered user' },
    ]);
  });

  it('field rules alone ignore what depends on the kind', () => {
    expect(endUserFieldProblems({})).toEqual([]);
    expect(endUserFieldProblems({ email: 'ada@acme.com' })).toEqual([]);
    expect(endUserFieldProblems({ email: 'nope' }).map((problem) => problem.field)).toEqual(['email']);
  });
});

describe('e-mail addresses', () => {
  it.each(['ada@acme.com', "o'brien+crm@mail.example.org", 'a_b-c@x-y.io', 'ADA@ACME.COM', '1@2.de'])(
    'accepts %s',
    (email) => expect(codes({ username: 'ada', email })).toEqual({}),
  );
  it.each([
    '.ada@acme.com',
    'ada.@acme.com',
    'a..b@acme.com',
    'ada@localhost',
    'ada@-acme.com',
    'ada@acme.c',
    'ada@@acme.com',
    'ada lovelace@acme.com',
    'ädä@acme.com',
    'ada@acme..com',
    '@acme.com',
  ])('refuses %s', (email) => expect(codes({ username: 'ada', email })).toEqual({ email: 'invalid-email' }));
});
