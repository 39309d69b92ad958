/**
 * Every tag a controller uses (@ApiTags), with the description shown in the docs. The lint
 * (`operation-tag-defined`) fails when a controller uses a tag missing here.
 */
export const TAGS = [
  {
    name: 'Operator sessions',
    description:
      'Sign-in for operators (the people and scripts that manage an account) and the caller’s identity. ' +
      'API keys need no sign-in: send them as the bearer token directly.',
  },
  { name: 'Accounts', description: 'Customer accounts and their subscription (licence model and limits).' },
  {
    name: 'Operators',
    description: 'The operators of an account and their roles: owner, admin, tenant-admin (per tenant) and billing.',
  },
  { name: 'API keys', description: 'Long-lived bearer tokens for scripts; each holds a role like an operator.' },
  {
    name: 'SCIM tokens',
    description:
      'Bearer tokens an identity provider provisions one tenant with, at its SCIM 2.0 base URL ' +
      '`/scim/v2/tenants/{tenantId}` (docs/scim.md); they work nowhere else.',
  },
  {
    name: 'Webhooks',
    description:
      'Endpoints that receive Roster’s events as signed CloudEvents (Standard Webhooks), their delivery logs, ' +
      'pings and redeliveries. The event catalog is this document’s `webhooks`.',
  },
  {
    name: 'Environments',
    description:
      'Production and non-production environments of an account, and the internal domains that classify ' +
      'their users as internal or external.',
  },
  {
    name: 'Applications and roles',
    description: 'The applications of an environment declare the roles end users can be granted.',
  },
  {
    name: 'Tenants',
    description: 'The client organisations of an environment; every end user and group belongs to one tenant.',
  },
  { name: 'Users', description: 'End users of a tenant: registered (with a username) or anonymous.' },
  { name: 'Groups', description: 'Groups of end users in a tenant; a role granted to a group reaches its members.' },
  {
    name: 'Roles',
    description: 'Granting roles to users and groups, and reading a user’s effective roles with their sources.',
  },
  {
    name: 'End-user authentication',
    description:
      'Password login for end users of a tenant (short-lived JWT access tokens verifiable with the tenant’s ' +
      'JWKS), brute-force protection and its login history.',
  },
  { name: 'Audit', description: 'Who changed what, newest first, per account or per tenant.' },
  {
    name: 'Lifecycle policies',
    description:
      'Dormant-user policies: per environment, overridable per tenant; who they would deactivate or delete and the ' +
      'seats that frees (preview), and their daily runs.',
  },
  {
    name: 'Usage',
    description:
      'Licensed end users counted per environment and account against the subscription limits, and their history.',
  },
  { name: 'Jobs', description: 'Background jobs started by the API (such as a usage recount) and their outcome.' },
  { name: 'Health', description: 'Whether the API and its dependencies (PostgreSQL, Redis) are usable.' },
] as const;
