/**
 * The API refuses an end user's input exactly as the domain's endUserProblems says: the same fields, the same
 * messages, and nothing it accepts is refused. Bodies as clients send them, untrimmed.
 */
import { type CurrentEndUser, type EndUserInput, endUserFieldProblems, endUserProblems } from '@roster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const users = `/tenants/${'{tenant}'}/users`;
const call = (method: string, url: string, body: unknown) =>
  t.request(method, url.replace('{tenant}', w.tenantId), { token: w.tokens.admin, body });

/** The input as the domain reads it: strings trimmed, as the API's schema trims them. */
const trimmed = (body: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      typeof value === 'string' && key !== 'password' ? value.trim() : value,
    ]),
  ) as EndUserInput;

/**
 * A change is checked in two steps: its fields by the schema, then (they being fine) what depends on the user
 * it changes, in the service; so a change with a bad field hears of that field alone.
 */
function problemsOf(input: EndUserInput, current?: CurrentEndUser) {
  const fields = endUserFieldProblems(input);
  return current && fields.length > 0 ? fields : endUserProblems(input, current);
}

function expectAgreement(
  response: { status: number; body: any },
  body: Record<string, unknown>,
  current?: CurrentEndUser,
) {
  const expected = problemsOf(trimmed(body), current).map(({ field, message }) => ({ field, message }));
  if (expected.length === 0) {
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return;
  }
  expect(response.status).toBe(400);
  expect(response.body.errors).toEqual(expect.arrayContaining(expected));
  expect(response.body.errors).toHaveLength(expected.length);
}

/** A username no other case has taken. */
const name = () => unique('rule');

const CREATE_BODIES: [string, () => Record<string, unknown>][] = [
  ['a username alone', () => ({ username: name() })],
  [
    'every field, padded with spaces',
    () => ({
      username: ` ${name()} `,
      name: ' Ada ',
      email: ' a@acme.com ',
      mobilePhone: '+31 6',
      externalId: ' e ',
      password: 'correct horse',
    }),
  ],
  ['no username', () => ({ name: 'Ada' })],
  ['a blank username', () => ({ username: '   ' })],
  ['a username of 251 characters', () => ({ username: 'a'.repeat(251) })],
  ['a username with a bell', () => ({ username: 'ada\u0007' })],
  ['a username mixing scripts', () => ({ username: 'p\u0430ypal' })],
  ['an invisible name', () => ({ username: name(), name: '\u200b' })],
  ['a bad email and phone', () => ({ username: name(), email: 'ada@localhost', mobilePhone: '+1 555 CALL' })],
  ['a long phone', () => ({ username: name(), mobilePhone: '1'.repeat(21) })],
  ['a blank external id', () => ({ username: name(), externalId: ' ' })],
  ['a short password', () => ({ username: name(), password: 'seven77' })],
  ['the username as password', () => ({ username: 'Policy.User', password: 'policy.user' })],
  ['an anonymous user with an external id', () => ({ kind: 'anonymous', externalId: 'guest' })],
  [
    'an anonymous user with personal data',
    () => ({ kind: 'anonymous', username: 'x', email: 'x@acme.com', password: 'correct horse' }),
  ],
];

describe('creating a user', () => {
  it.each(CREATE_BODIES)('%s', async (_case, make) => {
    const body = make();
    expectAgreement(await call('POST', users, body), body);
  });
});

describe('changing a user', () => {
  const PATCHES: [string, CurrentEndUser['kind'], () => Record<string, unknown>][] = [
    ['a registered user’s name', 'registered', () => ({ name: 'Ada' })],
    ['a registered user’s blank username', 'registered', () => ({ username: ' ' })],
    ['a registered user’s bad email', 'registered', () => ({ email: 'nope' })],
    [
      'a registered user’s cleared fields',
      'registered',
      () => ({ name: null, email: null, mobilePhone: null, externalId: null }),
    ],
    ['an anonymous user’s external id', 'anonymous', () => ({ externalId: 'guest-2' })],
    ['an anonymous user’s email without a username', 'anonymous', () => ({ email: 'ada@acme.com' })],
    ['an anonymous user’s bad email without a username', 'anonymous', () => ({ email: 'nope' })],
    ['an anonymous user’s email with a username', 'anonymous', () => ({ username: name(), email: 'ada@acme.com' })],
  ];

  it.each(PATCHES)('%s', async (_case, kind, make) => {
    const created = expectStatus(
      await call('POST', users, kind === 'anonymous' ? { kind } : { username: name() }),
      201,
    ).body;
    const body = make();
    const response = await call('PATCH', `${users}/${created.id}`, body);
    expectAgreement(response, body, { kind, username: created.username });
  });
});
