import { Injectable } from '@nestjs/common';
import { Application, Environment, newId } from '@roster/db';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { conflict, notFound } from '../common/problems.js';
import type { ApplicationResponse, DeclareApplicationInput, RoleResponse } from './application.schemas.js';

interface RoleRow {
  key: string;
  name: string;
  description: string;
  application_key: string;
  is_active: boolean;
}

const toRole = (row: RoleRow): RoleResponse => ({
  key: row.key,
  name: row.name,
  description: row.description,
  applicationKey: row.application_key,
  isActive: row.is_active,
});

const ROLES_SQL = `
  SELECT r.key, r.name, r.description, a.key AS application_key, r.is_active
  FROM roles r JOIN applications a ON a.id = r.application_id
  WHERE r.environment_id = $1`;

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bus: InvalidationBus,
  ) {}

  /**
   * Declares an application's roles (a deployment runs this): listed roles are created or
   * (re)activated, roles of this application that are not listed become inactive — kept,
   * with their grants, but granting nothing until declared again.
   */
  async declare(
    environmentId: string,
    key: string,
    input: DeclareApplicationInput,
  ): Promise<{ created: boolean; application: ApplicationResponse }> {
    const declared = await this.dataSource.transaction(async (manager) => {
      // Serializes declarations per environment, so role keys cannot race past the uniqueness check.
      const environment = await manager.findOne(Environment, {
        where: { id: environmentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!environment) throw notFound('Environment', environmentId);

      const existing = await manager.findOneBy(Application, { environmentId, key });
      const before = existing ? await this.describe(manager, existing) : null;
      const application = existing ?? manager.create(Application, { environmentId, key, name: input.name });
      application.name = input.name;
      await manager.save(application);

      const keys = input.roles.map((role) => role.key);
      const taken: { key: string; application_key: string }[] = await manager.query(
        `SELECT r.key, a.key AS application_key FROM roles r JOIN applications a ON a.id = r.application_id
         WHERE r.environment_id = $1 AND r.key = ANY($2) AND r.application_id <> $3 ORDER BY r.key`,
        [environmentId, keys, application.id],
      );
      if (taken.length > 0) {
        const list = taken.map((row) => `"${row.key}" (application "${row.application_key}")`).join(', ');
        throw conflict(`Role keys are unique per environment, and these belong to another application: ${list}.`);
      }

      await manager.query(
        `INSERT INTO roles (id, environment_id, application_id, key, name, description, is_active)
         SELECT id, $1, $2, key, name, description, true
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS d(id, key, name, description)
         ON CONFLICT (environment_id, key) DO UPDATE
           SET name = excluded.name, description = excluded.description, is_active = true, updated_at = now()`,
        [
          environmentId,
          application.id,
          input.roles.map(() => newId()),
          keys,
          input.roles.map((role) => role.name),
          input.roles.map((role) => role.description ?? ''),
        ],
      );
      await manager.query(
        `UPDATE roles SET is_active = false, updated_at = now()
         WHERE application_id = $1 AND is_active AND NOT (key = ANY($2))`,
        [application.id, keys],
      );

      const after = await this.describe(manager, application);
      await this.audit.record(manager, {
        accountId: environment.accountId,
        action: existing ? 'application.redeclared' : 'application.declared',
        targetType: 'application',
        targetId: application.id,
        before,
        after,
      });
      return { created: !existing, application: after };
    });
    // Roles may have been (de)activated: every cached role check of the environment is stale.
    await this.bus.announce({ kind: 'environment', environmentId });
    return declared;
  }

  async list(environmentId: string): Promise<{ items: ApplicationResponse[] }> {
    const applications = await this.dataSource.getRepository(Application).find({
      where: { environmentId },
      order: { key: 'ASC' },
    });
    const roles = (await this.dataSource.query<RoleRow[]>(`${ROLES_SQL} ORDER BY r.key`, [environmentId])).map(toRole);
    return {
      items: applications.map((application) => ({
        ...this.header(application),
        roles: roles.filter((role) => role.applicationKey === application.key),
      })),
    };
  }

  async roles(environmentId: string): Promise<{ items: RoleResponse[] }> {
    const rows = await this.dataSource.query<RoleRow[]>(`${ROLES_SQL} ORDER BY r.key`, [environmentId]);
    return { items: rows.map(toRole) };
  }

  private async describe(manager: EntityManager, application: Application): Promise<ApplicationResponse> {
    const rows: RoleRow[] = await manager.query(`${ROLES_SQL} AND r.application_id = $2 ORDER BY r.key`, [
      application.environmentId,
      application.id,
    ]);
    return { ...this.header(application), roles: rows.map(toRole) };
  }

  private header(application: Application) {
    return {
      key: application.key,
      name: application.name,
      createdAt: application.createdAt.toISOString(),
      updatedAt: application.updatedAt.toISOString(),
    };
  }
}
