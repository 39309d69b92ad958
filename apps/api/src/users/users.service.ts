import { Injectable } from '@nestjs/common';
import { emailTakenInTenant, type EndUser } from '@roster/db';
import { asciiLower, kindAfterChange, passwordProblem } from '@roster/domain';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword, passwordIsUsername } from '../auth/secrets.js';
import { paginateAsJson } from '../common/pagination.js';
import {
  badRequest,
  conflict,
  passwordChangedMeanwhile,
  Problem,
  TITLES,
  usernameIsPassword,
} from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { type TenantData, TenantDataSource } from '../common/tenant-data.js';
import { UsageRecounts } from '../usage/usage-recounts.js';
import { USER_JSON, USER_SORT_ORDERS, userListQuery } from './user-list.query.js';
import {
  type CreateUserInput,
  toUserResponse,
  type UpdateUserInput,
  type UserListQuery,
  type UserResponse,
} from './user.schemas.js';

/** The end users of the tenant the request acts on (API.md §5). */
@Injectable()
export class UsersService {
  constructor(
    private readonly tenant: TenantDataSource,
    private readonly audit: AuditService,
    private readonly recounts: UsageRecounts,
  ) {}

  async create(input: CreateUserInput): Promise<UserResponse> {
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
    const created = await this.tenant.transaction(async (data) => {
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
      await data.users.save(user);
      const after = toUserResponse(await data.user(user.id));
      await this.audit.recordInTenant(data, { action: 'user.created', targetType: 'user', targetId: user.id, after });
      return after;
    });
    await this.recountSoon();
    return created;
  }

  /**
   * A page of users as JSON text (built by PostgreSQL, see paginateAsJson). Resolves the group and
   * role filters first: one of another tenant is a 404, not an empty list.
   */
  async listAsJson(query: UserListQuery): Promise<string> {
    if (query.roleSource && !query.roleKey) {
      throw badRequest('roleSource narrows the roleKey filter; give roleKey too, or leave roleSource out.', [
        { field: 'roleSource', message: 'needs roleKey' },
      ]);
    }
    const data = this.tenant.read();
    if (query.groupId) await data.group(query.groupId);
    const roleId = query.roleKey ? (await data.role(query.roleKey)).id : undefined;
    return paginateAsJson(userListQuery(data, { ...query, roleId }), query, USER_SORT_ORDERS[query.sort], USER_JSON, {
      // A search is answered from the username sort index's own entries (it includes what search reads).
      idsFirst: query.search !== undefined,
    });
  }

  async get(id: string): Promise<UserResponse> {
    return toUserResponse(await this.tenant.read().user(id));
  }

  async update(id: string, input: UpdateUserInput): Promise<UserResponse> {
    // Checked against the stored hash (slow by design) before the transaction, and its row lock.
    const checkedHash =
      input.username !== undefined ? await this.refuseUsernameIsPassword(id, input.username) : undefined;
    return this.change(id, 'user.updated', async (user, data) => {
      if (checkedHash !== undefined && (await data.credentialsOf(id)).passwordHash !== checkedHash) {
        throw passwordChangedMeanwhile();
      }
      const newAddress = input.email && asciiLower(input.email) !== asciiLower(user.email ?? '');
      const kind = kindAfterChange(user.kind, input);
      if (kind === 'registered' && user.kind === 'anonymous' && input.username === undefined) {
        throw badRequest(
          'An anonymous user becomes registered when it gets personal data, and then needs a username.',
          [{ field: 'username', message: 'is required to give an anonymous user personal data' }],
        );
      }
      user.kind = kind;
      if (input.username !== undefined) user.username = input.username;
      if (input.name !== undefined) user.name = input.name;
      if (input.email !== undefined) user.email = input.email;
      if (input.mobilePhone !== undefined) user.mobilePhone = input.mobilePhone;
      if (input.externalId !== undefined) user.externalId = input.externalId;
      if (input.isActive !== undefined) user.isActive = input.isActive;
      if (newAddress) await refuseTakenEmail(data, user);
    });
  }

  /** The hash the new username was checked against. */
  private async refuseUsernameIsPassword(id: string, username: string | null): Promise<string | null> {
    const current = await this.tenant.read().credentialsOf(id);
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
    passwordAllowedFor(await this.tenant.read().user(id), password);
    const hash = await hashPassword(password);
    await this.tenant.transaction(async (data) => {
      // Re-checked under the lock: the username may have changed while the hash was computed.
      passwordAllowedFor(await data.user(id, { lock: true }), password);
      await data.users.update({ id }, { passwordHash: hash, updatedAt: new Date() });
      // Never the password or its hash: only that it changed.
      await this.audit.recordInTenant(data, { action: 'user.password.changed', targetType: 'user', targetId: id });
    });
  }

  /** Permanent: memberships and grants go with the user; the audit trail keeps what it was. */
  async remove(id: string, ifNoRoles: boolean): Promise<void> {
    await this.tenant.transaction(async (data) => {
      const user = await data.user(id, { lock: true });
      if (ifNoRoles && (await data.userRoles.exists({ userId: id }))) {
        throw conflict(`User ${id} still holds a directly granted role; revoke it or delete without ifNoRoles.`);
      }
      await data.users.delete({ id });
      await this.audit.recordInTenant(data, {
        action: 'user.deleted',
        targetType: 'user',
        targetId: id,
        before: toUserResponse(user),
      });
    });
    await this.recountSoon();
  }

  /** Loads the user under lock, applies the change, and saves and audits it only if something changed. */
  private async change(
    id: string,
    action: string,
    apply: (user: EndUser, data: TenantData) => void | Promise<void>,
  ): Promise<UserResponse> {
    const { before, after } = await this.tenant.transaction(async (data) => {
      const user = await data.user(id, { lock: true });
      const before = toUserResponse(user);
      await apply(user, data);
      const unchanged = JSON.stringify(toUserResponse(user)) === JSON.stringify(before);
      if (unchanged) return { before, after: before };
      user.updatedAt = new Date();
      await data.users.save(user);
      const after = toUserResponse(user);
      await this.audit.recordInTenant(data, { action, targetType: 'user', targetId: id, before, after });
      return { before, after };
    });
    if (COUNTED_FIELDS.some((field) => before[field] !== after[field])) await this.recountSoon();
    return after;
  }

  /** After the commit, so the recount sees the change (DESIGN.md §6). */
  private recountSoon(): Promise<void> {
    return this.recounts.requestSoon(RequestContext.tenant.accountId);
  }
}

/** The fields the licensed-user count reads (DESIGN.md §3): a change to any of them can move it. */
const COUNTED_FIELDS = ['email', 'username', 'kind', 'isActive'] as const;

/**
 * Two users of a tenant may not share an e-mail address, ignoring case (API.md §5): a new address that
 * another user has is a 409. Addresses shared before this rule stay; only giving one out again is refused.
 */
async function refuseTakenEmail(data: TenantData, user: EndUser): Promise<void> {
  if (user.email === null || !(await emailTakenInTenant(data.manager, data.tenantId, user.email, user.id))) return;
  throw new Problem(409, TITLES[409]!, 'Another user of this tenant has this e-mail address (ignoring case).', [
    { field: 'email', message: 'is already the address of another user of this tenant' },
  ]);
}

function passwordAllowedFor(user: EndUser, password: string): void {
  if (user.kind === 'anonymous') {
    throw conflict('An anonymous user cannot hold a password; give it a username first (PATCH the user).');
  }
  const problem = passwordProblem(password, user.username);
  if (problem) throw badRequest(`The password ${problem}.`, [{ field: 'password', message: problem }]);
}
