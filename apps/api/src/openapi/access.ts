import { type ActorRole, OPERATOR_ROLES } from '@roster/domain';

/**
 * The access decorators (@Authenticated, @Public) leave this extension on each operation; the document's
 * finishing pass turns it into the operation's `security` and an "Access" paragraph of its description,
 * then removes it. Written from the same rule the guard enforces, so the docs cannot drift from it.
 */
export const ACCESS_EXTENSION = 'x-roster-access';

/** What the route's scope parameter resolves to: tenant-admins see only part of environments and tenants. */
export type AccessScope = 'account' | 'environment' | 'tenant' | null;

/** Who may use one kind of resource a route serves (`what`: "An import's job"). */
export interface AccessCase {
  what: string;
  roles: readonly ActorRole[];
  within: NonNullable<AccessScope>;
}

export type AccessNote =
  | { public: true }
  | { roles: readonly ActorRole[]; within: AccessScope }
  /** A route whose handler reads the resource first and judges it by its kind (GET /jobs/:jobId). */
  | { cases: readonly AccessCase[] };

const TENANT_ADMIN_LIMITS: Record<NonNullable<AccessScope>, string> = {
  account: '',
  environment: ' (tenant-admins: only environments that hold their tenants)',
  tenant: ' (tenant-admins: only their own tenants)',
};

/** "owner, admin or billing" */
function roleList(roles: readonly ActorRole[]): string {
  if (roles.length <= 1) return roles.join('');
  return `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}`;
}

/** One paragraph a client author can act on: who may call, and what the others get back. */
export function describeAccess(note: AccessNote): string {
  if ('public' in note) return '**Access:** public; no token needed.';
  if ('cases' in note) {
    const rules = note.cases.map(
      (rule) => `${rule.what}: the platform admin, and ${scopedRule(rule.roles, rule.within)}.`,
    );
    return `**Access:** by the kind of resource. ${rules.join(' ')} ${hiddenFrom(note.cases)}`;
  }
  if (note.roles.length === 0) return '**Access:** the platform admin only; every other caller gets 403.';
  const everyRole = OPERATOR_ROLES.every((role) => note.roles.includes(role));
  if (note.within === null) {
    return everyRole
      ? '**Access:** any valid token: the platform admin, or an operator or API key of any role.'
      : `**Access:** the platform admin, and operators or API keys with role ${roleList(note.roles)}; ` +
          'other roles get 403.';
  }
  return `**Access:** the platform admin, and ${scopedRule(note.roles, note.within)}. ${hiddenFrom([note])}`;
}

/** "operators or API keys of the resource’s account with role owner or admin; other roles get 403" */
function scopedRule(roles: readonly ActorRole[], within: NonNullable<AccessScope>): string {
  const everyRole = OPERATOR_ROLES.every((role) => roles.includes(role));
  const who = everyRole
    ? 'operators or API keys of any role in the resource’s account'
    : `operators or API keys of the resource’s account with role ${roleList(roles)}`;
  const limits = roles.includes('tenant-admin') ? TENANT_ADMIN_LIMITS[within] : '';
  const others = everyRole ? '' : '; other roles get 403';
  return `${who}${limits}${others}`;
}

/** What answers 404 rather than 403, so ids leak nothing. */
function hiddenFrom(rules: readonly { within: AccessScope }[]): string {
  const hidden = rules.every((rule) => rule.within === 'account')
    ? 'A resource of another account'
    : 'A resource of another account, or one outside a tenant-admin’s tenants,';
  return `${hidden} answers 404, so ids leak nothing.`;
}
