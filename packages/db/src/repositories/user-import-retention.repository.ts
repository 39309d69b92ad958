import type { DataSource } from 'typeorm';

/**
 * The retention of user imports (issue 18), across every tenant (the worker's role): an import older than `days`
 * that never got applied (a dry run left validated, or one stuck before) fails as expired, and every finished one
 * that old loses its upload and staged rows; its counts and state stay. Imports still applying are left alone.
 */
export class UserImportRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One transaction, each step set-based; a rerun finds nothing left. */
  async purgeOlderThan(days: number): Promise<{ expired: number; purged: number }> {
    const whole = Math.trunc(days);
    return this.dataSource.transaction(async (db) => {
      const expired: unknown[] = await db
        .query(
          `UPDATE user_imports
            SET state = 'failed', finished_at = now(), updated_at = now(),
                failure = CASE WHEN state = 'validated'
                               THEN 'The dry run expired: it was not applied within ' || $1::int || ' days. Upload the file again.'
                               ELSE 'The import did not finish within ' || $1::int || ' days. Upload the file again.' END
          WHERE purged_at IS NULL AND created_at < now() - make_interval(days => $1::int)
            AND state IN ('queued', 'validating', 'validated')
          RETURNING id`,
          [whole],
        )
        .then(([rows]: [unknown[]]) => rows);
      const purged: unknown[] = await db
        .query(
          `WITH old AS (
           SELECT tenant_id, id FROM user_imports
            WHERE purged_at IS NULL AND created_at < now() - make_interval(days => $1::int)
              AND state IN ('completed', 'failed', 'cancelled')),
         chunks AS (DELETE FROM user_import_chunks c USING old WHERE c.tenant_id = old.tenant_id AND c.import_id = old.id),
         staged AS (DELETE FROM user_import_rows r USING old WHERE r.tenant_id = old.tenant_id AND r.import_id = old.id)
         UPDATE user_imports i SET purged_at = now() FROM old WHERE i.tenant_id = old.tenant_id AND i.id = old.id
         RETURNING i.id`,
          [whole],
        )
        .then(([rows]: [unknown[]]) => rows);
      return { expired: expired.length, purged: purged.length };
    });
  }
}
