import { asciiLower, type ScimGroupFilter, type ScimGroupSortKey } from '@roster/domain';
import { UUID } from '../unit-of-work/bound-reads.js';
import { asciiLowerSql } from '../username-columns.js';
import type { EntityManager } from 'typeorm';

/** A group as SCIM shows it, with its row version (xmin, like ScimUserRow's) and, when asked, its members. */
export interface ScimGroupRow {
  id: string;
  name: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: string;
  members?: { id: string; display: string | null }[];
}

const COLUMNS = `g.id, g.name, g.external_id AS "externalId", g.created_at AS "createdAt",
  g.updated_at AS "updatedAt", g.xmin::text AS version`;

const MEMBERS = `coalesce((
    SELECT json_agg(json_build_object('id', u.id, 'display', coalesce(u.name, u.username)) ORDER BY u.id)
      FROM group_members m JOIN end_users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
     WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id), '[]'::json) AS members`;

const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * A Groups filter as SQL over user_groups g, exactly as matchesScimGroupFilter (@roster/domain) evaluates it, which
 * scim-group-filter.property.test.ts checks: displayName with A–Z folded on both sides (the same in PostgreSQL and
 * JavaScript whatever the database's locale; a tenant holds few groups, so no index is needed), membership through
 * group_members' primary key. Values are parameters only.
 */
export function scimGroupFilterSql(filter: ScimGroupFilter, params: unknown[]): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  switch (filter.kind) {
    case 'and':
    case 'or':
      return `(${scimGroupFilterSql(filter.left, params)} ${filter.kind.toUpperCase()} ${scimGroupFilterSql(filter.right, params)})`;
    case 'not':
      return `NOT (${scimGroupFilterSql(filter.filter, params)})`;
    case 'member':
      if (!UUID.test(filter.userId)) return 'FALSE';
      return `EXISTS (SELECT 1 FROM group_members m WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id AND m.user_id = ${add(filter.userId)}::uuid)`;
    case 'present':
      if (filter.attribute === 'members') {
        return 'EXISTS (SELECT 1 FROM group_members m WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id)';
      }
      return filter.attribute === 'externalId' ? `(g.external_id IS NOT NULL AND g.external_id <> '')` : 'TRUE';
    case 'instant': {
      const column = filter.attribute === 'created' ? 'g.created_at' : 'g.updated_at';
      const operator = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' }[filter.op as string]!;
      return `${column} ${operator} ${add(filter.value.iso)}::timestamptz`;
    }
    case 'compare': {
      if (filter.attribute === 'id') {
        if (filter.op === 'eq' || filter.op === 'ne') {
          if (!UUID.test(filter.value)) return filter.op === 'eq' ? 'FALSE' : 'TRUE';
          return `g.id ${filter.op === 'eq' ? '=' : '<>'} ${add(filter.value.toLowerCase())}::uuid`;
        }
        return textCompare('g.id::text', filter.op, filter.value.toLowerCase(), add);
      }
      if (filter.attribute === 'externalId') {
        return `(g.external_id IS NOT NULL AND ${textCompare('g.external_id', filter.op, filter.value, add)})`;
      }
      return textCompare(asciiLowerSql('g.name'), filter.op, asciiLower(filter.value), add);
    }
  }
}

function textCompare(column: string, op: string, value: string, add: (value: unknown) => string): string {
  switch (op) {
    case 'eq':
      return `${column} = ${add(value)}`;
    case 'ne':
      return `${column} <> ${add(value)}`;
    case 'co':
      return `${column} LIKE ${add(`%${likeLiteral(value)}%`)}`;
    case 'sw':
      return `${column} LIKE ${add(`${likeLiteral(value)}%`)}`;
    case 'ew':
      return `${column} LIKE ${add(`%${likeLiteral(value)}`)}`;
    default: {
      const operator = { gt: '>', ge: '>=', lt: '<', le: '<=' }[op]!;
      return `${column} COLLATE "C" ${operator} ${add(value)}`;
    }
  }
}

const ORDER: Record<ScimGroupSortKey, string> = {
  displayName: asciiLowerSql('g.name'),
  created: 'g.created_at',
  lastModified: 'g.updated_at',
};

/** The SCIM reads and membership writes of one tenant's groups (issue 17). */
export class ScimGroupsRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(id: string, withMembers: boolean): Promise<ScimGroupRow | null> {
    if (!UUID.test(id)) return null;
    const rows: ScimGroupRow[] = await this.manager.query(
      `SELECT ${COLUMNS}${withMembers ? `, ${MEMBERS}` : ''} FROM user_groups g WHERE g.tenant_id = $1 AND g.id = $2`,
      [this.tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The group's row version, locking the row for the caller's change; null when there is none. */
  async lockVersion(id: string): Promise<string | null> {
    if (!UUID.test(id)) return null;
    const rows: { version: string }[] = await this.manager.query(
      'SELECT xmin::text AS version FROM user_groups WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
      [this.tenantId, id],
    );
    return rows[0]?.version ?? null;
  }

  async page(
    query: {
      filter: ScimGroupFilter | null;
      sort: { by: ScimGroupSortKey; order: 'ascending' | 'descending' } | null;
      withMembers: boolean;
    },
    paging: { startIndex: number; count: number } | { afterId: string | null; count: number },
  ): Promise<ScimGroupRow[]> {
    const params: unknown[] = [this.tenantId];
    const where = query.filter ? scimGroupFilterSql(query.filter, params) : 'TRUE';
    const members = query.withMembers ? `, ${MEMBERS}` : '';
    if ('startIndex' in paging) {
      const direction = query.sort?.order === 'descending' ? 'DESC' : 'ASC';
      const order = query.sort ? `${ORDER[query.sort.by]} ${direction}, g.id ${direction}` : 'g.id';
      params.push(paging.count, paging.startIndex - 1);
      return this.manager.query(
        `SELECT ${COLUMNS}${members} FROM user_groups g WHERE g.tenant_id = $1 AND ${where}
          ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
    }
    const after = paging.afterId === null ? '' : ` AND g.id > $${params.push(paging.afterId)}`;
    params.push(paging.count);
    return this.manager.query(
      `SELECT ${COLUMNS}${members} FROM user_groups g WHERE g.tenant_id = $1 AND ${where}${after}
        ORDER BY g.id LIMIT $${params.length}`,
      params,
    );
  }

  async count(filter: ScimGroupFilter | null): Promise<number> {
    const params: unknown[] = [this.tenantId];
    const where = filter ? scimGroupFilterSql(filter, params) : 'TRUE';
    const [row] = await this.manager.query(
      `SELECT count(*)::int AS count FROM user_groups g WHERE g.tenant_id = $1 AND ${where}`,
      params,
    );
    return row.count;
  }

  /** Removes every member; answers who was in the group. */
  async removeAllMembers(groupId: string): Promise<string[]> {
    const [rows] = (await this.manager.query(
      'DELETE FROM group_members WHERE tenant_id = $1 AND group_id = $2 RETURNING user_id',
      [this.tenantId, groupId],
    )) as [{ user_id: string }[], number];
    return rows.map((row) => row.user_id);
  }

  /** A new version of the group (its ETag changes) when only its members changed: they are part of it in SCIM. */
  async touch(groupId: string): Promise<void> {
    await this.manager.query('UPDATE user_groups SET updated_at = now() WHERE tenant_id = $1 AND id = $2', [
      this.tenantId,
      groupId,
    ]);
  }
}
