import { SCIM_CORE_USER_URN, SCIM_ENTERPRISE_USER_URN } from '@roster/domain';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The SCIM resource of a user row `u`, built by PostgreSQL as JSON text: exactly what @roster/domain's toScimUser
 * makes of the same row (scim-user-json.test.ts holds the two equal), so a list page goes out as the text
 * PostgreSQL wrote, never parsed and serialized again in Node (as the users list does, API.md §5). `location` is
 * the SQL of the tenant's SCIM base URL (a parameter).
 */
export function scimUserJsonSql(location: string): string {
  const element = (value: string, type: string) =>
    `jsonb_build_array(jsonb_build_object('value', ${value}, 'type', ${literal(type)}, 'primary', true))`;
  const list = (column: string, type: string, others: string) => `CASE
      WHEN ${column} IS NULL AND NOT coalesce(u.scim ? ${literal(others)}, false) THEN NULL
      ELSE (CASE WHEN ${column} IS NULL THEN '[]'::jsonb ELSE ${element(column, type)} END)
           || coalesce(u.scim -> ${literal(others)}, '[]'::jsonb) END`;
  const groups = `coalesce((
      SELECT jsonb_agg(jsonb_build_object('value', g.id, 'display', g.name,
               '$ref', ${location} || '/Groups/' || g.id, 'type', 'direct') ORDER BY lower(g.name), g.id)
        FROM group_members m JOIN user_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
       WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id), '[]'::jsonb)`;
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
      'groups', ${groups},
      'meta', jsonb_build_object('resourceType', 'User', 'created', ${iso('u.created_at')},
        'lastModified', ${iso('u.updated_at')}, 'location', ${location} || '/Users/' || u.id,
        'version', 'W/"' || u.xmin::text || '"')))
    || coalesce(u.scim - 'emails' - 'phoneNumbers', '{}'::jsonb))::text`;
}
