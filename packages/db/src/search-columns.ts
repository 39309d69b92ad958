/**
 * The SQL of end_users.search_text: what a user search matches (username, name and email, lower-cased,
 * one per line so a term never spans two of them). Stored, so a search compares text instead of
 * lower-casing three columns per row it looks at; the migration, the entity and TypeORM's
 * typeorm_metadata row hold this identical text.
 */
export const SEARCH_TEXT_SQL =
  "lower(coalesce(username, '') || E'\\n' || coalesce(name, '') || E'\\n' || coalesce(email, ''))";
