import { Injectable } from '@nestjs/common';
import { Operator } from '@roster/db';
import { passwordProblem } from '@roster/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword, passwordIsUsername } from '../auth/secrets.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { mapPage, paginate } from '@roster/db';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bus: InvalidationBus,
  ) {}

  async create(accountId: string, input: CreateOperatorInput): Promise<OperatorResponse> {
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const operator = manager.create(Operator, {
        accountId,
        username: input.username,
        passwordHash,
        role: input.role,
        tenantIds: await checkedTenantList(manager, accountId, input.role, input.tenantIds),
      });
      await manager.save(operator);
      const after = toOperatorResponse(operator);
      await this.audit.record(manager, {
        accountId,
        action: 'operator.created',
        targetType: 'operator',
        targetId: operator.id,
        after,
      });
      return after;
    });
  }

  async list(accountId: string, page: PageQuery) {
    const query = this.dataSource
      .getRepository(Operator)
      .createQueryBuilder('o')
      .where('o.account_id = :accountId', { accountId });
    const result = await paginate(query, page, {
      expression: 'lower(o.username)',
      idColumn: 'o.id',
    });
    return mapPage(result, toOperatorResponse);
  }

  async get(id: string): Promise<OperatorResponse> {
    const operator = await this.dataSource.getRepository(Operator).findOneBy({ id });
    if (!operator?.accountId) throw notFound('Operator', id);
    return toOperatorResponse(operator);
  }

  async update(id: string, input: UpdateOperatorInput): Promise<OperatorResponse> {
    // The schema compares a password and a username sent together; one sent alone is compared here
    // with the other as stored (API.md §6: checked on every change of either).
    const checkedHash =
      input.username !== undefined && input.password === undefined
        ? await this.refuseUsernameIsPassword(id, input.username)
        : undefined;
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    const updated = await this.dataSource.transaction(async (manager) => {
      const operator = await this.lockAccountOperator(manager, id);
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
      if (role !== 'owner' && operator.role === 'owner') await this.keepAnOwner(manager, accountId, id);
      if (input.role !== undefined || input.tenantIds !== undefined) {
        if (role === 'platform-admin') throw notFound('Operator', id);
        // Changing the role away from tenant-admin drops the tenant list unless one is given.
        const tenantIds = input.tenantIds ?? (role === 'tenant-admin' ? operator.tenantIds : []);
        operator.tenantIds = await checkedTenantList(manager, accountId, role, tenantIds);
        operator.role = role;
      }
      await manager.save(operator);
      if (passwordHash !== undefined) {
        // A new password ends every other session of this operator.
        await manager.query('DELETE FROM operator_sessions WHERE operator_id = $1', [id]);
      }
      const after = toOperatorResponse(operator);
      await this.audit.record(manager, {
        accountId,
        action: passwordHash !== undefined ? 'operator.updated.password-changed' : 'operator.updated',
        targetType: 'operator',
        targetId: id,
        before,
        after,
      });
      return after;
    });
    // Role, tenants or sessions changed: who the operator's tokens are must be looked up again.
    await this.bus.announce({ kind: 'actors' });
    return updated;
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const operator = await this.lockAccountOperator(manager, id);
      if (operator.role === 'owner') await this.keepAnOwner(manager, operator.accountId!, id);
      await manager.delete(Operator, { id });
      await this.audit.record(manager, {
        accountId: operator.accountId,
        action: 'operator.deleted',
        targetType: 'operator',
        targetId: id,
        before: toOperatorResponse(operator),
      });
    });
    await this.bus.announce({ kind: 'actors' }, { kind: 'scopes' });
  }

  /** The hash the new username was checked against. */
  private async refuseUsernameIsPassword(id: string, username: string): Promise<string> {
    const operator = await this.dataSource.getRepository(Operator).findOneBy({ id });
    if (!operator?.accountId) throw notFound('Operator', id);
    if (username !== operator.username && (await passwordIsUsername(operator.passwordHash, username))) {
      throw usernameIsPassword();
    }
    return operator.passwordHash;
  }

  /**
   * Locks the operator's account row first, then the operator: changes to one account's operators run
   * one at a time. Two owners demoting each other would otherwise each lock their target, then wait for
   * the other's row in keepAnOwner (a deadlock). FOR NO KEY UPDATE leaves inserts that refer to the
   * account (audit events, environments) free to proceed.
   */
  private async lockAccountOperator(manager: EntityManager, id: string): Promise<Operator> {
    const [row] = (await manager.query('SELECT account_id FROM operators WHERE id = $1', [id])) as {
      account_id: string | null;
    }[];
    if (!row?.account_id) throw notFound('Operator', id);
    await manager.query('SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [row.account_id]);
    const operator = await manager.findOne(Operator, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!operator?.accountId) throw notFound('Operator', id);
    return operator;
  }

  /** An account must keep at least one owner, or nobody could manage its operators and keys again. */
  private async keepAnOwner(manager: EntityManager, accountId: string, leavingId: string): Promise<void> {
    const others: unknown[] = await manager.query(
      `SELECT id FROM operators WHERE account_id = $1 AND role = 'owner' AND id <> $2 FOR UPDATE`,
      [accountId, leavingId],
    );
    if (others.length === 0) {
      throw conflict('This is the account’s last owner; make another operator owner first.');
    }
  }
}
