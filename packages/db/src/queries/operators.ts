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
