import { normalizeUsername } from '@roster/domain';
import type { DataSource } from 'typeorm';
import { Operator } from '../entities/operator.entity.js';

/** The operator a login names: usernames are unique across the deployment once normalized (operators' index). */
export function findOperatorByUsername(dataSource: DataSource, username: string): Promise<Operator | null> {
  return dataSource
    .getRepository(Operator)
    .createQueryBuilder('o')
    .where('o.username_key = :key', { key: normalizeUsername(username) })
    .getOne();
}

export async function replaceOperatorPasswordHash(
  dataSource: DataSource,
  id: string,
  passwordHash: string,
): Promise<void> {
  await dataSource.getRepository(Operator).update({ id }, { passwordHash });
}

/** What `GET /me` calls the caller: an operator's username, or an API key's name ('' once it is gone). */
export async function actorDisplayName(
  dataSource: DataSource,
  kind: 'operator' | 'api-key',
  id: string,
): Promise<string> {
  const rows: { name: string }[] =
    kind === 'operator'
      ? await dataSource.query('SELECT username AS name FROM operators WHERE id = $1', [id])
      : await dataSource.query('SELECT name FROM api_keys WHERE id = $1', [id]);
  return rows[0]?.name ?? '';
}

/** The platform admin's id, or null before the first start made one. */
export async function findPlatformAdminId(dataSource: DataSource): Promise<string | null> {
  const rows: { id: string }[] = await dataSource.query(
    `SELECT id FROM operators WHERE role = 'platform-admin' ORDER BY id LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}

/**
 * Creates the platform admin unless an operator holds the username already (two replicas starting together
 * must not both create one, nor fail): true when this call created it.
 */
export async function insertPlatformAdmin(
  dataSource: DataSource,
  admin: { id: string; username: string; passwordHash: string },
): Promise<boolean> {
  const inserted: { id: string }[] = await dataSource.query(
    `INSERT INTO operators (id, account_id, username, username_key, password_hash, role)
     VALUES ($1, NULL, $2, $3, $4, 'platform-admin')
     ON CONFLICT (username_key) DO NOTHING RETURNING id`,
    [admin.id, admin.username, normalizeUsername(admin.username), admin.passwordHash],
  );
  return inserted.length > 0;
}
