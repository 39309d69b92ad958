import { Injectable } from '@nestjs/common';
import { type AccountTransaction, mapPage } from '@roster/db';
import { change, passwordProblem } from '@roster/domain';
import { hashPassword, passwordIsUsername } from '../auth/secrets.js';
import { Work } from '../changes/work.js';
import { badRequest, conflict, notFound, passwordChangedMeanwhile, usernameIsPassword } from '../common/problems.js';
import type { PageQuery } from '../common/schemas.js';
import { checkedTenantList } from '../common/tenant-list.js';
import {
  type CreateOperatorInput,
  type OperatorResponse,
  toOperatorResponse,
  type UpdateOperatorInput,
} from './operator.schemas.js';

@Injectable()
export class OperatorsService {
  constructor(private readonly work: Work) {}

  async create(accountId: string, input: CreateOperatorInput): Promise<OperatorResponse> {
    const passwordHash = await hashPassword(input.password);
    return this.work.account(accountId).run(async (data) => {
      const operator = await data.operators.save(
        data.operators.create({
          accountId,
          username: input.username,
          passwordHash,
          role: input.role,
          tenantIds: await checkedTenantList(data.tenants, accountId, input.role, input.tenantIds),
        }),
      );
      const after = toOperatorResponse(operator);
      data.record(change('operator.created', operator.id, null, after));
      return after;
    });
  }

  async list(accountId: string, page: PageQuery) {
    const result = await this.work.account(accountId).read((data) => data.operators.list(accountId, page));
    return mapPage(result, toOperatorResponse);
  }

  async get(id: string): Promise<OperatorResponse> {
    return toOperatorResponse(await this.work.account().read((data) => data.operators.get(id)));
  }

  async update(id: string, input: UpdateOperatorInput): Promise<OperatorResponse> {
    // The schema compares a password and a username sent together; one sent alone is compared here
    // with the other as stored (API.md §6: checked on every change of either).
    const checkedHash =
      input.username !== undefined && input.password === undefined
        ? await this.refuseUsernameIsPassword(id, input.username)
        : undefined;
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    // Role, tenants or sessions change: operator.updated tells every replica to look its tokens up again.
    return this.work.account().run(async (data) => {
      const operator = await data.operators.lockWithAccount(id);
      const accountId = operator.accountId!;
      const before = toOperatorResponse(operator);
      if (checkedHash !== undefined && operator.passwordHash !== checkedHash) throw passwordChangedMeanwhile();
      if (input.password !== undefined && input.username === undefined) {
        const problem = passwordProblem(input.password, operator.username);
        if (problem) throw badRequest(`The password ${problem}.`, [{ field: 'password', message: problem }]);
      }
      if (input.username !== undefined) operator.username = input.username;
      if (passwordHash !== undefined) operator.passwordHash = passwordHash;
      const role = input.role ?? operator.role;
      if (role !== 'owner' && operator.role === 'owner') await keepAnOwner(data, accountId, id);
      if (input.role !== undefined || input.tenantIds !== undefined) {
        if (role === 'platform-admin') throw notFound('Operator', id);
        // Changing the role away from tenant-admin drops the tenant list unless one is given.
        const tenantIds = input.tenantIds ?? (role === 'tenant-admin' ? operator.tenantIds : []);
        operator.tenantIds = await checkedTenantList(data.tenants, accountId, role, tenantIds);
        operator.role = role;
      }
      await data.operators.save(operator);
      // A new password ends every other session of this operator.
      if (passwordHash !== undefined) await data.operators.endSessions(id);
      const after = toOperatorResponse(operator);
      data.record(
        change(
          passwordHash !== undefined ? 'operator.updated.password-changed' : 'operator.updated',
          id,
          before,
          after,
        ),
      );
      return after;
    });
  }

  async remove(id: string): Promise<void> {
    await this.work.account().run(async (data) => {
      const operator = await data.operators.lockWithAccount(id);
      if (operator.role === 'owner') await keepAnOwner(data, operator.accountId!, id);
      await data.operators.delete(id);
      data.record(change('operator.deleted', id, toOperatorResponse(operator), null));
    });
  }

  /** The hash the new username was checked against. */
  private async refuseUsernameIsPassword(id: string, username: string): Promise<string> {
    const operator = await this.work.account().read((data) => data.operators.get(id));
    if (username !== operator.username && (await passwordIsUsername(operator.passwordHash, username))) {
      throw usernameIsPassword();
    }
    return operator.passwordHash;
  }
}

/** An account must keep at least one owner, or nobody could manage its operators and keys again. */
async function keepAnOwner(data: AccountTransaction, accountId: string, leavingId: string): Promise<void> {
  if ((await data.operators.otherOwnersLocked(accountId, leavingId)) === 0) {
    throw conflict('This is the account’s last owner; make another operator owner first.');
  }
}
