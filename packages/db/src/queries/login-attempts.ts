import type { EntityManager } from 'typeorm';

/**
 * The users that attempts with these username hashes (hex) belonged to, per hash: the newest attempt on a
 * known user decides (login_attempts_username_hash_idx). Hashes no known user was tried under are absent.
 */
export async function usersByUsernameHash(
  manager: EntityManager,
  tenantId: string,
  hashes: readonly string[],
): Promise<Map<string, { userId: string; username: string | null }>> {
  if (hashes.length === 0) return new Map();
  const rows: { hash: string; userId: string; username: string | null }[] = await manager.query(
    `SELECT DISTINCT ON (a.username_hash) encode(a.username_hash, 'hex') AS hash, a.user_id AS "userId",
            u.username
       FROM login_attempts a
       JOIN end_users u ON u.tenant_id = a.tenant_id AND u.id = a.user_id
      WHERE a.tenant_id = $1 AND a.user_id IS NOT NULL
        AND a.username_hash = ANY (SELECT decode(h, 'hex') FROM unnest($2::text[]) AS h)
      ORDER BY a.username_hash, a.id DESC`,
    [tenantId, hashes],
  );
  return new Map(rows.map((row) => [row.hash, { userId: row.userId, username: row.username }]));
}
