/** What SCIM bodies are made of, and the one spelling of an id that Roster gives out. */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A UUID, in any case: every SCIM `id` and member `value` Roster answers to. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
