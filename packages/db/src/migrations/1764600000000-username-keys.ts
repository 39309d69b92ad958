import { normalizeUsername, USERNAME_KEY_MAX_BYTES } from '@roster/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { asciiLowerSql, EMAIL_KEY_SQL, USERNAME_SORT_LENGTH, usernameSortOf } from '../username-columns.js';

const BATCH = 2000;

/**
 * One username normalization for lookup and uniqueness (issue 14, items 2, 9 and 10). PostgreSQL's lower()
 * is not normalizeUsername (no NFKC, no full case folding: `Straße`, `ＡＤＡ` and a decomposed `josé` each
 * passed as a new name), so the normalized form is computed by the application and stored:
 *
 * - `username_key` (end users, operators): normalizeUsername(username), unique per tenant / per deployment.
 * - `end_users.username_sort`: its first 100 characters, what the users list sorts by. The old sort index
 *   carried the username twice (key and INCLUDE) besides search_text, and a user with a 250-emoji username
 *   and a long name and email failed to save (index row too large); the new entry stays under 2,700 bytes.
 * - `end_users_email_key_idx`: e-mail addresses per tenant, ignoring case, for the duplicate check that the
 *   API makes under an advisory lock. Not a unique index: existing duplicates stay, new ones are refused.
 *
 * Backfill: ASCII usernames (nearly all) in one UPDATE, where normalizeUsername is lowering A–Z; the others
 * through normalizeUsername itself, in batches. 300,000 users (2 % non-ASCII) took 37 s here, the VACUUM
 * ANALYZE that migrate() runs afterwards included: about two minutes per million, end_users locked meanwhile.
 *
 * Existing rows that now collide (`Straße` and `strasse` in one tenant, two operators `ＡＤＡ` and `ada`):
 * the oldest keeps the name; each later one is parked, its key set to U+0001 and its id, which no valid
 * username normalizes to. A parked user keeps its data, grants and username as shown, but no typed username
 * finds it (it cannot log in) until it is renamed: `SELECT id, tenant_id, username FROM end_users WHERE
 * username_key LIKE E'\x01%'` (and the same on operators) lists them. A username whose normalized form exceeds
 * USERNAME_KEY_MAX_BYTES (NFKC expands some characters eighteenfold) is parked the same way, as the index
 * could not hold it. Nothing is deleted, and the migration cannot fail on existing data.
 */
export class UsernameKeys1764600000000 implements MigrationInterface {
  name = 'UsernameKeys1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE operators ADD COLUMN username_key text;
      ALTER TABLE end_users ADD COLUMN username_key text, ADD COLUMN username_sort text NOT NULL DEFAULT '';
      UPDATE end_users SET username_key = ${asciiLowerSql('username')},
                           username_sort = left(${asciiLowerSql('username')}, ${USERNAME_SORT_LENGTH})
       WHERE username IS NOT NULL AND octet_length(username) = char_length(username);
    `);
    await backfill(db, 'end_users');
    await backfill(db, 'operators');
    await park(db, 'end_users', 'tenant_id, username_key');
    await park(db, 'operators', 'username_key');
    await db.query(`
      ALTER TABLE operators ALTER COLUMN username_key SET NOT NULL;
      DROP INDEX operators_username_key;
      CREATE UNIQUE INDEX operators_username_key ON operators (username_key);
      DROP INDEX end_users_username_key;
      CREATE UNIQUE INDEX end_users_username_key ON end_users (tenant_id, username_key) WHERE username_key IS NOT NULL;
      DROP INDEX end_users_username_sort_idx;
      CREATE INDEX end_users_username_sort_idx ON end_users (tenant_id, username_sort, id)
        INCLUDE (search_text, kind, is_active);
      CREATE INDEX end_users_email_key_idx ON end_users (tenant_id, (${EMAIL_KEY_SQL})) WHERE email IS NOT NULL;
    `);
  }

  /** Fails if a user now holds what the old indexes cannot (a 250-emoji username with a long name and email). */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX end_users_email_key_idx;
      DROP INDEX end_users_username_sort_idx;
      CREATE INDEX end_users_username_sort_idx ON end_users (tenant_id, (lower(coalesce(username, ''))), id)
        INCLUDE (username, search_text, kind, is_active);
      DROP INDEX end_users_username_key;
      CREATE UNIQUE INDEX end_users_username_key ON end_users (tenant_id, lower(username)) WHERE username IS NOT NULL;
      DROP INDEX operators_username_key;
      CREATE UNIQUE INDEX operators_username_key ON operators (lower(username));
      ALTER TABLE end_users DROP COLUMN username_key, DROP COLUMN username_sort;
      ALTER TABLE operators DROP COLUMN username_key;
    `);
  }
}

/** normalizeUsername for the rows the ASCII update left (all of them on operators), a batch at a time. */
async function backfill(db: QueryRunner, table: 'end_users' | 'operators'): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: { id: string; username: string }[] = await db.query(
      `SELECT id, username FROM ${table}
        WHERE username IS NOT NULL AND username_key IS NULL AND id > $1 ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return;
    const keys = rows.map((row) => {
      const key = normalizeUsername(row.username);
      const fits = new TextEncoder().encode(key).length <= USERNAME_KEY_MAX_BYTES;
      return { key: fits ? key : parked(row.id), sort: usernameSortOf(key) };
    });
    const ids = rows.map((row) => row.id);
    await db.query(
      table === 'end_users'
        ? `UPDATE end_users u SET username_key = v.key, username_sort = v.sort
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, key, sort) WHERE u.id = v.id`
        : `UPDATE operators o SET username_key = v.key
             FROM unnest($1::uuid[], $2::text[]) AS v(id, key) WHERE o.id = v.id`,
      table === 'end_users' ? [ids, keys.map((k) => k.key), keys.map((k) => k.sort)] : [ids, keys.map((k) => k.key)],
    );
    after = rows.at(-1)!.id;
  }
}

/** The key of a row that may not hold its name's key: U+0001 and the id, unique and never typed. */
const parked = (id: string) => `\u0001${id}`;

/** Every row but the oldest of each group sharing a key is parked (see the class's comment). */
async function park(db: QueryRunner, table: 'end_users' | 'operators', scope: string): Promise<void> {
  await db.query(`
    WITH ranked AS (
      SELECT id, row_number() OVER (PARTITION BY ${scope} ORDER BY created_at, id) AS n
        FROM ${table}
       WHERE (${scope}) IN (SELECT ${scope} FROM ${table} WHERE username_key IS NOT NULL GROUP BY ${scope} HAVING count(*) > 1)
    )
    UPDATE ${table} t SET username_key = chr(1) || t.id FROM ranked r WHERE t.id = r.id AND r.n > 1`);
}
