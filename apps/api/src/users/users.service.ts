import { Injectable } from '@nestjs/common';
import type { EndUser, TenantTransaction } from '@roster/db';
import { asciiLower, change, endUserProblems, type EndUserProblem, kindAfterChange } from '@roster/domain';
import { hashPassword, passwordIsUsername } from '../auth/secrets.js';
import { Work } from '../changes/work.js';
import { Clock } from '../common/clock.js';
import {
  badRequest,
  conflict,
  passwordChangedMeanwhile,
  Problem,
  TITLES,
  usernameIsPassword,
} from '../common/problems.js';
import {
  type CreateUserInput,
  toUserResponse,
  type UpdateUserInput,
  type UserFilterQuery,
  type UserListQuery,
  type UserResponse,
} from './user.schemas.js';
import { userListFilter } from './user-filter.js';

/** The end users of the tenant the request acts on (API.md §5). */
@Injectable()
export class UsersService {
  constructor(
    private readonly work: Work,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateUserInput): Promise<UserResponse> {
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
    return this.work.tenant().run(async (data) => {
      const anonymous = input.kind === 'anonymous';
      const user = data.users.create({
        kind: anonymous ? 'anonymous' : 'registered',
        username: anonymous ? null : (input.username ?? null),
        name: input.name ?? null,
        email: input.email ?? null,
        mobilePhone: input.mobilePhone ?? null,
        externalId: input.externalId ?? null,
        passwordHash,
        isActive: input.isActive ?? true,
      });
      await refuseTakenEmail(data, user);
      // The insert returns what the database fills in (times, derived columns): no read back needed.
      await data.users.insert(user);
      const after = await readUserResponse(data, user);
      data.record(change('user.created', user.id, null, after));
      return after;
    });
  }

  /** A page of users as JSON text (built by PostgreSQL, see paginateAsJson), filtered as userListFilter says. */
  async listAsJson(query: UserListQuery): Promise<string> {
    return this.work.tenant().read(async (data) => data.users.listAsJson(await userListFilter(data, query), query));
  }

  /** How many users the list would hold with these filters (API.md §10). */
  async count(query: UserFilterQuery): Promise<{ count: number }> {
    return this.work
      .tenant()
      .read(async (data) => ({ count: await data.users.count(await userListFilter(data, query)) }));
  }

  async get(id: string): Promise<UserResponse> {
    return this.work.tenant().read(async (data) => readUserResponse(data, await data.users.get(id)));
  }

  /** The user a username names, compared as uniqueness compares usernames (normalized), or null. */
  async findByUsername(username: string): Promise<UserResponse | null> {
    return this.work.tenant().read(async (data) => {
      const user = await data.users.findByUsername(username);
      return user && readUserResponse(data, user);
    });
  }

  async getByUsername(username: string): Promise<UserResponse> {
    const user = await this.findByUsername(username);
    if (user) return user;
    throw new Problem(
      404,
      TITLES[404]!,
      `No user of this tenant has the username “${username}” (compared ignoring case, width and accent ` +
        'encoding). Check the spelling and the tenant, or list the users with ?search=.',
    );
  }

  /**
   * PATCH's change. With `password`, sets it too in the same transaction, under setPassword's rules (the upsert
   * by username's update): all of it or nothing.
   */
  async update(id: string, input: UpdateUserInput, password?: string): Promise<UserResponse> {
    // Checked against the stored hash (slow by design) before the transaction, and its row lock. A new password
    // replaces that hash, so only the new one is checked against the username, below.
    const checkedHash =
      input.username !== undefined && password === undefined
        ? await this.refuseUsernameIsPassword(id, input.username)
        : undefined;
    const passwordHash = password !== undefined ? await hashPassword(password) : undefined;
    return this.change(id, 'user.updated', async (user, data) => {
      if (checkedHash !== undefined && (await data.users.credentialsOf(id)).passwordHash !== checkedHash) {
        throw passwordChangedMeanwhile();
      }
      const newAddress = input.email && asciiLower(input.email) !== asciiLower(user.email ?? '');
      refuseProblems(
        endUserProblems(input, user),
        'An anonymous user becomes registered when it gets personal data, and then needs a username.',
      );
      user.kind = kindAfterChange(user.kind, input);
      if (input.username !== undefined) user.username = input.username;
      if (input.name !== undefined) user.name = input.name;
      if (input.email !== undefined) user.email = input.email;
      if (input.mobilePhone !== undefined) user.mobilePhone = input.mobilePhone;
      if (input.externalId !== undefined) user.externalId = input.externalId;
      if (input.isActive !== undefined) user.isActive = input.isActive;
      if (newAddress) await refuseTakenEmail(data, user);
      if (password !== undefined) {
        passwordAllowedFor(user, password); // against the username as this change leaves it
        user.passwordHash = passwordHash!;
      }
    });
  }

  /** The hash the new username was checked against. */
  private async refuseUsernameIsPassword(id: string, username: string | null): Promise<string | null> {
    const current = await this.work.tenant().read((data) => data.users.credentialsOf(id));
    if (username !== current.username && (await passwordIsUsername(current.passwordHash, username))) {
      throw usernameIsPassword();
    }
    return current.passwordHash;
  }

  /** Idempotent: activating an active user changes nothing and records nothing. */
  async setActive(id: string, isActive: boolean): Promise<UserResponse> {
    return this.change(id, isActive ? 'user.activated' : 'user.deactivated', (user) => {
      user.isActive = isActive;
    });
  }

  /** Checks first, hashes (slow by design) outside the transaction, then stores under the row lock. */
  async setPassword(id: string, password: string): Promise<void> {
    passwordAllowedFor(await this.work.tenant().read((data) => data.users.get(id)), password);
    const hash = await hashPassword(password);
    await this.work.tenant().run(async (data) => {
      // Re-checked under the lock: the username may have changed while the hash was computed.
      passwordAllowedFor(await data.users.get(id, { lock: true }), password);
      await data.users.update({ id }, { passwordHash: hash, updatedAt: new Date() });
      data.record(change('user.password.changed', id, null, null));
    });
  }

  /**
   * Permanent: memberships and grants go with the user; the audit trail keeps what it was. `ifNoRoles` refuses while
   * the user holds a direct grant in force at the Clock's now: one past its expiry that the worker has not removed
   * yet holds nothing (as effective roles and check-role say), so it does not stop the delete.
   */
  async remove(id: string, ifNoRoles: boolean): Promise<void> {
    await this.work.tenant().run(async (data) => {
      const user = await data.users.get(id, { lock: true });
      if (ifNoRoles && (await data.grants.holdsDirectGrant(id, this.clock.now()))) {
        throw conflict(`User ${id} still holds a directly granted role; revoke it or delete without ifNoRoles.`);
      }
      const before = await readUserResponse(data, user); // its class is read from its row: before it goes
      await data.users.delete({ id });
      data.record(change('user.deleted', id, before, null));
    });
  }

  /**
   * Loads the user under lock, applies the change, and saves and audits it only if something changed. A new
   * password shows in no field of the user, so it is a change of its own: user.password.changed, as setPassword
   * records it.
   */
  private async change(
    id: string,
    type: 'user.updated' | 'user.activated' | 'user.deactivated',
    apply: (user: EndUser, data: TenantTransaction) => void | Promise<void>,
  ): Promise<UserResponse> {
    return this.work.tenant().run(async (data) => {
      const user = await data.users.get(id, { lock: true });
      const before = await readUserResponse(data, user);
      await apply(user, data);
      // The class follows from the stored fields: if none changed, neither did it.
      const fieldsChanged = JSON.stringify(toUserResponse(user, before.licenseClass)) !== JSON.stringify(before);
      // Entity reads leave the hash out (undefined): set, it is apply's new one.
      const passwordChanged = user.passwordHash !== undefined;
      if (!fieldsChanged && !passwordChanged) return before;
      user.updatedAt = new Date();
      await data.users.save(user);
      const after = await readUserResponse(data, user);
      if (fieldsChanged) data.record(change(type, id, before, after));
      if (passwordChanged) data.record(change('user.password.changed', id, null, null));
      return after;
    });
  }
}

/**
 * The user as the API shows it, with its licensing class as the database computes it now (after this
 * transaction's own writes): the class depends on the tenant's and environment's settings too.
 */
export async function readUserResponse(data: TenantTransaction, user: EndUser): Promise<UserResponse> {
  return toUserResponse(user, await data.users.licenseClassOf(user.id));
}

/**
 * Two users of a tenant may not share an e-mail address, ignoring case (API.md §5): a new address that
 * another user has is a 409. Addresses shared before this rule stay; only giving one out again is refused.
 */
export async function refuseTakenEmail(data: TenantTransaction, user: EndUser): Promise<void> {
  if (user.email === null || !(await data.users.emailTaken(user.email, user.id))) return;
  throw new Problem(409, TITLES[409]!, 'Another user of this tenant has this e-mail address (ignoring case).', [
    { field: 'email', message: 'is already the address of another user of this tenant' },
  ]);
}

function passwordAllowedFor(user: EndUser, password: string): void {
  if (user.kind === 'anonymous') {
    throw conflict('An anonymous user cannot hold a password; give it a username first (PATCH the user).');
  }
  const [problem] = endUserProblems({ password }, user);
  if (problem) throw badRequest(`The password ${problem.message}.`, [{ field: 'password', message: problem.message }]);
}

/**
 * The domain's problems with a change as a 400. The schema checked each field already, so what is left is
 * what depends on the user: `detail` says it in a sentence.
 */
function refuseProblems(problems: EndUserProblem[], detail: string): void {
  if (problems.length === 0) return;
  throw badRequest(
    detail,
    problems.map(({ field, message }) => ({ field, message })),
  );
}
