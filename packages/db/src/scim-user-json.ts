import { SCIM_CORE_USER_URN, SCIM_ENTERPRISE_USER_URN } from '@roster/domain';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * What a page of users selects for scimUserPageSql: the resource's columns, its version, and what any sortBy orders
 * by; never the password hash or the search text, which the resources do not show.
 */
export const SCIM_PAGE_COLUMNS = `u.id, u.tenant_id, u.username, u.username_sort, u.name, u.email, u.mobile_phone,
  u.external_id, u.is_active, u.created_at, u.updated_at, u.scim, u.xmin::text AS version`;

/**
 * A page of users as SCIM resources, built by PostgreSQL as JSON text: exactly what @roster/domain's toScimUser
 * makes of the same rows (scim-users.test.ts holds the two equal), so a list page goes out as the text PostgreSQL
 * wrote, never parsed and serialized again in Node (as the users list does, API.md §5).
 *
 * `page` selects the page's rows of end_users as `u` (SCIM_PAGE_COLUMNS), already ordered and limited;
 * `order` is its ORDER BY over `u`, which the answer keeps; `location` is the SQL of the tenant's SCIM base URL.
 * The groups of the whole page are read in one join rather than one sub-select per user, and spliced into each
 * resource as JSON text: every jsonb operation (stripping nulls, merging the SCIM-only attributes, printing) then
 * walks the user's own attributes only, not a document made several times larger by its groups.
 */
export function scimUserPageSql(page: string, order: string, location: string): string {
  return `WITH page AS MATERIALIZED (${page}),
     page_groups AS (
       SELECT m.user_id,
              json_agg(json_build_object('value', g.id, 'display', g.name, '$ref', ${location} || '/Groups/' || g.id,
                       'type', 'direct') ORDER BY lower(g.name), g.id)::text AS groups
         FROM page p
         JOIN group_members m ON m.tenant_id = p.tenant_id AND m.user_id = p.id
         JOIN user_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
        GROUP BY m.user_id)
SELECT u.id, left(${withoutGroups(location)}, -1) || ', "groups": ' || coalesce(pgs.groups, '[]') || '}' AS resource
  FROM page u LEFT JOIN page_groups pgs ON pgs.user_id = u.id
 ORDER BY ${order}`;
}

/** A user's resource but its groups, as JSON text (an object, never empty: it has schemas and id). */
function withoutGroups(location: string): string {
  const element = (value: string, type: string) =>
    `jsonb_build_array(jsonb_build_object('value', ${value}, 'type', ${literal(type)}, 'primary', true))`;
  const list = (column: string, type: string, others: string) => `CASE
      WHEN ${column} IS NULL AND NOT coalesce(u.scim ? ${literal(others)}, false) THEN NULL
      ELSE (CASE WHEN ${column} IS NULL THEN '[]'::jsonb ELSE ${element(column, type)} END)
           || coalesce(u.scim -> ${literal(others)}, '[]'::jsonb) END`;
  return `(jsonb_strip_nulls(jsonb_build_object(
      'schemas', CASE WHEN coalesce(u.scim ? ${literal(SCIM_ENTERPRISE_USER_URN)}, false)
                      THEN jsonb_build_array(${literal(SCIM_CORE_USER_URN)}, ${literal(SCIM_ENTERPRISE_USER_URN)})
                      ELSE jsonb_build_array(${literal(SCIM_CORE_USER_URN)}) END,
      'id', u.id,
      'externalId', u.external_id,
      'userName', u.username,
      'displayName', u.name,
      'active', u.is_active,
      'emails', ${list('u.email', 'work', 'emails')},
      'phoneNumbers', ${list('u.mobile_phone', 'mobile', 'phoneNumbers')},
      'meta', jsonb_build_object('resourceType', 'User', 'created', ${iso('u.created_at')},
        'lastModified', ${iso('u.updated_at')}, 'location', ${location} || '/Users/' || u.id,
        'version', 'W/"' || u.version || '"')))
    || coalesce(u.scim - 'emails' - 'phoneNumbers' - 'groups', '{}'::jsonb))::text`;
}
