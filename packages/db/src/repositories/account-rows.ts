import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { found } from './errors.js';

/** Reads one row of an account-level table by id, or RecordNotFound; `lock` holds it until the transaction ends. */
export async function getById<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  resource: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<T> {
  const row = await manager.findOne(entity, {
    where: { id } as never,
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  return found(row, resource, id);
}
