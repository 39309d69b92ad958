/** The formats of the users export, and what the console calls them. */
export const USER_EXPORT_FORMATS = [
  { format: 'csv', label: 'CSV', hint: 'for spreadsheets' },
  { format: 'jsonl', label: 'JSON Lines', hint: 'one JSON object per user' },
] as const;

export type UserExportFormat = (typeof USER_EXPORT_FORMATS)[number]['format'];

/**
 * The console's download of a tenant's users with the list's filters and sort (unset ones left out, as in the
 * list's own links). The console's server fetches the file from the API with the operator's session and streams
 * it through (routes/(app)/tenants/[tenantId]/users/export).
 */
export function userExportHref(
  tenantId: string,
  filters: Readonly<Record<string, string>>,
  sort: string,
  format: UserExportFormat,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (sort !== 'username') params.set('sort', sort);
  params.set('format', format);
  return `/tenants/${encodeURIComponent(tenantId)}/users/export?${params}`;
}
