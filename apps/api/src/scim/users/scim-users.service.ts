import { Injectable } from '@nestjs/common';
import { EndUser, type LockedScimUser, type ScimUserRow, type TenantTransaction } from '@roster/db';
import {
  applyScimUserPatch,
  change,
  endUserProblems,
  type JsonObject,
  readScimUser,
  ScimError,
  type ScimUserFilter,
  type ScimUserSortKey,
  type ScimUserWrite,
  toScimUser,
} from '@roster/domain';
import { hashPassword, passwordIsUsername } from '../../auth/secrets.js';
import { Work } from '../../changes/work.js';
import { toUserResponse, type UserResponse } from '../../users/user.schemas.js';
import { readUserResponse, refuseTakenEmail } from '../../users/users.service.js';
import { listResponse, type ScimListRequest } from '../scim-list.js';
import { checkIfMatch, etagOf } from '../scim-etag.js';
import { ScimTotals } from '../scim-totals.js';
import type { ScimAnswer } from '../scim-responses.js';

/**
 * A tenant's end users as SCIM Users (issue 17): reads through the parsed filter's SQL, writes through the unit
 * of work like every other writer, so each change is audited with the SCIM token as actor, sent as a change
 * event, and moves the usage counts (a deactivation frees the seat with the next recount, as in the users API).
 */
@Injectable()
export class ScimUsersService {
  constructor(
    private readonly work: Work,
    private readonly totals: ScimTotals,
  ) {}

  /**
   * A list page: the page's rows, and their groups in the same statement when the client asked for them (they are
   * returned on request), made into resources here and projected as the client asked.
   */
  async list(request: ScimListRequest<ScimUserFilter, ScimUserSortKey>, location: string): Promise<JsonObject> {
    return this.work.tenant().read(async (data) => {
      const query = { filter: request.filter, sort: request.sort, withGroups: request.wants('groups') };
      const rows = await data.scimUsers.page(query, request.paging);
      const total = await this.totals.forPage('Users', request, rows.length, () =>
        data.scimUsers.count(request.filter),
      );
      return listResponse(request, rows, total, (row) => request.project(resourceOf(row, location)));
    });
  }

  async get(id: string, { withGroups, location }: Answered): Promise<ScimAnswer> {
    return this.work.tenant().read(async (data) => answer(await found(data, id, withGroups), location));
  }

  async create(body: unknown, { withGroups, location }: Answered): Promise<ScimAnswer> {
    const write = readScimUser(body);
    const passwordHash = write.password === undefined ? null : await hashPassword(write.password);
    return this.work.tenant().run(async (data) => {
      const user = data.users.create({
        kind: 'registered',
        username: write.userName,
        passwordHash,
        isActive: write.active ?? true,
      });
      assign(user, write);
      refusePassword(write, user);
      await refuseTakenEmail(data, user);
      await data.users.insert(user);
      data.record(change('user.created', user.id, null, await readUserResponse(data, user)));
      return answer(await found(data, user.id, withGroups), location);
    });
  }

  /** PUT: every attribute the body leaves out is cleared, except `active`, which stays (Okta sends none). */
  async replace(id: string, body: unknown, ifMatch: string | undefined, answered: Answered): Promise<ScimAnswer> {
    const write = readScimUser(body);
    const passwordHash = write.password === undefined ? undefined : await hashPassword(write.password);
    return this.write(id, ifMatch, answered, async () => ({ write, passwordHash }));
  }

  /** PATCH: the operations apply to the resource as it is under the row lock, then it is stored like a PUT. */
  async patch(id: string, body: unknown, ifMatch: string | undefined, answered: Answered): Promise<ScimAnswer> {
    return this.write(id, ifMatch, answered, async (current) => {
      const write = readScimUser(applyScimUserPatch(current, body));
      // Hashing under the lock is rare (a PATCH that sets a password) and keeps one code path.
      const passwordHash = write.password === undefined ? undefined : await hashPassword(write.password);
      return { write, passwordHash };
    });
  }

  async remove(id: string, ifMatch: string | undefined): Promise<void> {
    await this.work.tenant().run(async (data) => {
      checkIfMatch(ifMatch, await lockedVersion(data, id));
      const before = await readUserResponse(data, await data.users.get(id));
      await data.users.delete({ id });
      data.record(change('user.deleted', id, before, null));
    });
  }

  /**
   * Locks and reads the user, checks If-Match, applies what `prepare` makes of the current resource, and records
   * the change: what every deprovisioning costs, so in few statements. One locked read gives the resource, its
   * version and the user's class while active; one UPDATE writes the change and returns the new version; the
   * class after is read again only when the address changed (is_active alone moves it to or from 'inactive').
   */
  private async write(
    id: string,
    ifMatch: string | undefined,
    { withGroups, location }: Answered,
    prepare: (current: JsonObject) => Promise<{ write: ScimUserWrite; passwordHash: string | undefined }>,
  ): Promise<ScimAnswer> {
    return this.work.tenant().run(async (data) => {
      // The groups are read-only, so no operation needs them: they are read only when the answer shows them.
      const current = await data.scimUsers.lockForWrite(id, withGroups);
      if (!current) throw userNotFound(id);
      checkIfMatch(ifMatch, current.version);
      const { write, passwordHash } = await prepare(resourceOf(current, location));
      const classOf = (isActive: boolean) => (isActive ? current.classWhileActive : 'inactive');
      const user = entityOf(current, data.tenantId);
      const before = toUserResponse(user, classOf(current.isActive));
      assign(user, write);
      if (write.active !== undefined) user.isActive = write.active;
      refusePassword(write, user);
      const newAddress = (write.email ?? '').toLowerCase() !== (current.email ?? '').toLowerCase();
      if (write.userName !== current.username && passwordHash === undefined) {
        await refuseUsernameIsPassword(data, id, write.userName);
      }
      if (newAddress) await refuseTakenEmail(data, user);
      const changed = JSON.stringify(toUserResponse(user, before.licenseClass)) !== JSON.stringify(before);
      const scimChanged = JSON.stringify(user.scim) !== JSON.stringify(current.scim ?? null);
      if (!changed && !scimChanged && passwordHash === undefined) {
        data.wroteNothing();
        return answer(current, location);
      }
      user.updatedAt = new Date();
      data.scimUsers.write(id, { ...storedFields(user), updatedAt: user.updatedAt, passwordHash });
      if (changed) {
        const licenseClass = newAddress ? await data.users.licenseClassOf(id) : classOf(user.isActive);
        const after = toUserResponse(user, licenseClass);
        data.record(change(changeType(before, after), id, before, after));
      }
      if (passwordHash !== undefined) data.record(change('user.password.changed', id, null, null));
      return answer({ ...current, ...storedFields(user), version: current.versionWritten }, location);
    });
  }
}

/**
 * How a route answers with a user: whether with its groups (returned on request, so read only then), and the
 * service's base URL.
 */
export interface Answered {
  withGroups: boolean;
  location: string;
}

/** The entity of a locked row, for Roster's rules and the users API's view of the change. */
function entityOf(row: LockedScimUser, tenantId: string): EndUser {
  return Object.assign(new EndUser(), {
    id: row.id,
    tenantId,
    kind: 'registered',
    username: row.username,
    name: row.name,
    email: row.email,
    mobilePhone: row.mobilePhone,
    externalId: row.externalId,
    isActive: row.isActive,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastLoginAt: row.lastLoginAt,
    scim: row.scim,
  });
}

/** What a user row holds after a SCIM write, in the row's shape (groups and times of the read stay). */
function storedFields(user: EndUser) {
  return {
    username: user.username!,
    name: user.name,
    email: user.email,
    mobilePhone: user.mobilePhone,
    externalId: user.externalId,
    isActive: user.isActive,
    updatedAt: user.updatedAt,
    scim: user.scim,
  };
}

/** The full SCIM resource of a row. */
function resourceOf(row: ScimUserRow, location: string): JsonObject {
  return toScimUser(row, row.groups, { location: `${location}/Users/${row.id}`, version: etagOf(row.version) });
}

function answer(row: ScimUserRow, location: string): ScimAnswer {
  return { resource: resourceOf(row, location), version: etagOf(row.version) };
}

/** The registered user with this id, or SCIM's 404 (an anonymous user is no SCIM user). */
async function found(data: TenantTransaction, id: string, withGroups: boolean): Promise<ScimUserRow> {
  const row = await data.scimUsers.get(id, withGroups);
  if (!row) throw userNotFound(id);
  return row;
}

async function lockedVersion(data: TenantTransaction, id: string): Promise<string> {
  const version = await data.scimUsers.lockVersion(id);
  if (version === null) throw userNotFound(id);
  return version;
}

const userNotFound = (id: string) => new ScimError(404, undefined, `User ${id} was not found in this tenant.`);

/** The stored fields a SCIM write sets; `active` is the caller's (absent from a PUT it stays as it is). */
function assign(user: EndUser, write: ScimUserWrite): void {
  user.username = write.userName;
  user.name = write.displayName;
  user.email = write.email;
  user.mobilePhone = write.mobilePhone;
  user.externalId = write.externalId;
  user.scim = Object.keys(write.scim).length > 0 ? write.scim : null;
}

/** A password must meet Roster's rules for this user (not its username, long enough …): 400 invalidValue. */
function refusePassword(write: ScimUserWrite, user: EndUser): void {
  if (write.password === undefined) return;
  const [problem] = endUserProblems({ password: write.password }, user);
  if (problem) throw new ScimError(400, 'invalidValue', `The password ${problem.message}.`);
}

/** A new username may not be the user's password (API.md §6), which only its stored hash can tell. */
async function refuseUsernameIsPassword(data: TenantTransaction, id: string, username: string): Promise<void> {
  const { passwordHash } = await data.users.credentialsOf(id);
  if (await passwordIsUsername(passwordHash, username)) {
    throw new ScimError(400, 'invalidValue', 'The new userName is the user’s password; choose another userName.');
  }
}

/** A change of `active` alone is an activation or deactivation, as in the users API; anything more an update. */
function changeType(before: UserResponse, after: UserResponse): 'user.updated' | 'user.activated' | 'user.deactivated' {
  if (before.isActive === after.isActive) return 'user.updated';
  const rest = ({ isActive: _active, licenseClass: _class, updatedAt: _at, ...others }: UserResponse) => others;
  if (JSON.stringify(rest(before)) !== JSON.stringify(rest(after))) return 'user.updated';
  return after.isActive ? 'user.activated' : 'user.deactivated';
}
