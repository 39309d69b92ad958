import type { EntityManager } from 'typeorm';

/**
 * The retention of user imports (issue 18), across every tenant (the worker's role): an import older than `days`
 * that never got applied (a dry run left validated, or one stuck before) fails as expired, and every finished one
 * that old loses its upload and staged rows; its counts and state stay. Imports still applying are left alone.
 * Returns how many imports were purged.
 */
export async function purgeOldImports(
  manager: EntityManager,
  days: number,
): Promise<{ expired: number; purged: number }> {
  const cutoff = `now() - make_interval(days => ${Math.trunc(days)})`;
  // An UPDATE answers [rows, count] through TypeORM.
  const [, expired] = (await manager.query(
    `UPDATE user_imports
        SET state = 'failed', finished_at = now(), updated_at = now(),
            failure = CASE WHEN state = 'validated'
                           THEN 'The dry run expired: it was not applied within ${Math.trunc(days)} days. Upload the file again.'
                           ELSE 'The import did not finish within ${Math.trunc(days)} days. Upload the file again.' END
      WHERE purged_at IS NULL AND created_at < ${cutoff} AND state IN ('queued', 'validating', 'validated')`,
  )) as [unknown, number];
  const purged: { tenant_id: string; id: string }[] = await manager.query(
    `SELECT tenant_id, id FROM user_imports
      WHERE purged_at IS NULL AND created_at < ${cutoff} AND state IN ('completed', 'failed', 'cancelled')`,
  );
  for (const { tenant_id: tenantId, id } of purged) {
    await manager.query('DELETE FROM user_import_chunks WHERE tenant_id = $1 AND import_id = $2', [tenantId, id]);
    await manager.query('DELETE FROM user_import_rows WHERE tenant_id = $1 AND import_id = $2', [tenantId, id]);
    await manager.query('UPDATE user_imports SET purged_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  }
  return { expired, purged: purged.length };
}
