import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts stop keeping the typed username, which is sometimes a password typed in the wrong field
 * (issue 14): an attempt on a known user keeps its user id, every attempt a keyed hash of the normalized
 * name (HMAC with a key derived from ENCRYPTION_KEYS, which this migration cannot see: the API writes it).
 * Existing rows lose their text; those of unknown names keep no hash, as it cannot be computed here.
 * During a rolling update the previous release still inserts the text: a trigger drops it on the way in.
 * Also allows the result 'throttled-user' (a username held back by its ceiling across addresses).
 */
export class LoginAttemptUsernameHashes1764400000000 implements MigrationInterface {
  name = 'LoginAttemptUsernameHashes1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE login_attempts
        ADD COLUMN username_hash bytea CHECK (octet_length(username_hash) = 32),
        ALTER COLUMN username DROP NOT NULL;
      UPDATE login_attempts SET username = NULL WHERE username IS NOT NULL;
      ALTER TABLE login_attempts ADD CONSTRAINT login_attempts_no_username_text CHECK (username IS NULL);
      CREATE FUNCTION login_attempts_drop_username() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.username := NULL; RETURN NEW; END $$;
      CREATE TRIGGER login_attempts_drop_username BEFORE INSERT OR UPDATE ON login_attempts
        FOR EACH ROW WHEN (NEW.username IS NOT NULL) EXECUTE FUNCTION login_attempts_drop_username();
      -- Which user a blocked username belongs to (the tenant's list of login blocks).
      CREATE INDEX login_attempts_username_hash_idx ON login_attempts (tenant_id, username_hash, id DESC)
        WHERE user_id IS NOT NULL;

      ALTER TABLE login_attempts DROP CONSTRAINT IF EXISTS login_attempts_result_check;
      ALTER TABLE login_attempts ADD CONSTRAINT login_attempts_result_check CHECK (result IN
        ('logged-in', 'invalid-user', 'invalid-password', 'inactive-user', 'blocked-user', 'blocked-ip',
         'throttled-user'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    // The previous release reads a username on every row: the erased text cannot come back, so '' stands in.
    await db.query(`
      DROP TRIGGER login_attempts_drop_username ON login_attempts;
      DROP FUNCTION login_attempts_drop_username();
      DROP INDEX login_attempts_username_hash_idx;
      ALTER TABLE login_attempts DROP CONSTRAINT login_attempts_no_username_text;
      UPDATE login_attempts SET username = '' WHERE username IS NULL;
      UPDATE login_attempts SET result = 'blocked-user' WHERE result = 'throttled-user';
      ALTER TABLE login_attempts DROP CONSTRAINT login_attempts_result_check;
      ALTER TABLE login_attempts ADD CONSTRAINT login_attempts_result_check CHECK (result IN
        ('logged-in', 'invalid-user', 'invalid-password', 'inactive-user', 'blocked-user', 'blocked-ip'));
      ALTER TABLE login_attempts ALTER COLUMN username SET NOT NULL, DROP COLUMN username_hash;
    `);
  }
}
