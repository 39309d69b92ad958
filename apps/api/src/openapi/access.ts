import type { ActorRole } from '@roster/domain';

/**
 * The access decorators (@Authenticated, @Public) leave this extension on each operation; the document's
 * finishing pass turns it into the operation's `security` and an "Access" paragraph of its description,
 * then removes it. Written from the same rule the guard enforces, so the docs cannot drift from it.
 */
export const ACCESS_EXTENSION = 'x-roster-access';

export type AccessNote = { public: true } | { roles: readonly ActorRole[]; scoped: boolean };

const ROLE_NAMES: Record<ActorRole, string> = {
  'platform-admin': 'the platform admin',
  owner: 'owner',
  admin: 'admin',
  'tenant-admin': 'tenant-admin',
  billing: 'billing',
};

function listed(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** One paragraph a client author can act on: who may call, and what the others get back. */
export function describeAccess(note: AccessNote): string {
  if ('public' in note) return '**Access:** public; no token needed.';
  if (note.roles.length === 0) return '**Access:** the platform admin only; every other caller gets 403.';
  const roles = listed(note.roles.map((role) => ROLE_NAMES[role]));
  const tenantAdmins = note.roles.includes('tenant-admin') ? ' (tenant-admins: only for their own tenants)' : '';
  const where = note.scoped ? ' of the account that holds the resource' : '';
  const outside = note.scoped
    ? ' Resources of another account, or outside a tenant-admin’s tenants, answer 404 so that ids leak nothing.'
    : '';
  return (
    `**Access:** the platform admin, and operators or API keys with the role ${roles}${where}${tenantAdmins}; ` +
    `other roles get 403.${outside}`
  );
}
