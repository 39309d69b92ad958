import { LICENSE_EMAIL_PATTERN } from '@roster/domain';

/**
 * The SQL of end_users' generated counting columns (DESIGN.md §3), built once from the domain's
 * LICENSE_EMAIL_PATTERN so that the migration, the entity and TypeORM's typeorm_metadata row hold
 * the identical text (TypeORM compares it verbatim to detect drift).
 */

// The domain's pattern avoids classes that differ between the engines, so it is used verbatim.
export const LICENSE_EMAIL_SQL_PATTERN = LICENSE_EMAIL_PATTERN;
const PATTERN = `'${LICENSE_EMAIL_PATTERN.replaceAll("'", "''")}'`;

/** asciiLower of packages/domain: A–Z only, because full Unicode case mapping differs between engines. */
const asciiLower = (sql: string) => `translate(${sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** Rules 2–3: the lower-cased domain of the address checked (email, else a username holding an email). */
export const LICENSE_DOMAIN_SQL = `rtrim(${asciiLower(
  `substring(CASE WHEN email ~ ${PATTERN} THEN email WHEN username ~ ${PATTERN} THEN username END FROM '@([^@]*)$')`,
)}, '.')`;

/** Who a record is for `aggregation: unique`: the lower-cased valid email, else the lower-cased username. */
export const LICENSE_IDENTITY_SQL = asciiLower(`CASE WHEN email ~ ${PATTERN} THEN email ELSE username END`);
