/**
 * Examples shown in the OpenAPI document for the main schemas (`.meta({ examples: [...] })`). They tell one
 * story, so the ids match across resources: an account, its production environment, one client tenant and
 * one of its users. The lint (no-invalid-schema-examples) checks each against its schema.
 */
const ids = {
  account: '0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10',
  environment: '3c6d2e41-8a7b-4f19-b0c2-7e5d9a1f4c22',
  tenant: '6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34',
  user: '9d4b7e12-6f3a-4c8d-a1e5-0c2b8f7a6d46',
  group: 'c2f8a5d6-1e9b-4d7c-8a3f-5b6e0d9c2a58',
  operator: 'e5a3c9b8-7d2f-4e1a-b6c4-3f8d1a0e7b6a',
  apiKey: 'f1d7b3a9-4c8e-4b2d-9e6f-8a5c2d1b0e7c',
} as const;

export const exampleIds = ids;

export const examples = {
  account: {
    id: ids.account,
    name: 'Acme Software',
    subscription: {
      model: 'internal-external',
      internalLimit: 500,
      externalLimit: 20000,
      namedLimit: null,
      aggregation: 'sum',
      billingDay: 1,
    },
    createdAt: '2026-01-12T09:30:00.000Z',
    updatedAt: '2026-03-02T14:05:00.000Z',
  },
  createAccount: {
    name: 'Acme Software',
    subscription: { model: 'internal-external', internalLimit: 500, externalLimit: 20000 },
  },
  operator: {
    id: ids.operator,
    accountId: ids.account,
    username: 'dana@acme.example',
    role: 'tenant-admin',
    tenantIds: [ids.tenant],
    createdAt: '2026-01-12T09:45:00.000Z',
    updatedAt: '2026-01-12T09:45:00.000Z',
  },
  me: {
    id: ids.operator,
    kind: 'operator',
    username: 'dana@acme.example',
    role: 'tenant-admin',
    accountId: ids.account,
    tenantIds: [ids.tenant],
  },
  apiKey: {
    id: ids.apiKey,
    accountId: ids.account,
    name: 'HR sync',
    role: 'tenant-admin',
    tenantIds: [ids.tenant],
    keyPrefix: 'rst_4Fq9aZ',
    createdAt: '2026-02-01T08:00:00.000Z',
    lastUsedAt: '2026-03-04T06:12:09.000Z',
  },
  environment: {
    id: ids.environment,
    accountId: ids.account,
    name: 'Production',
    kind: 'production',
    classifyAllInternal: false,
    createdAt: '2026-01-12T10:00:00.000Z',
    updatedAt: '2026-01-12T10:00:00.000Z',
  },
  tenant: {
    id: ids.tenant,
    accountId: ids.account,
    environmentId: ids.environment,
    name: 'Globex Corporation',
    createdAt: '2026-01-13T11:20:00.000Z',
    updatedAt: '2026-01-13T11:20:00.000Z',
  },
  user: {
    id: ids.user,
    tenantId: ids.tenant,
    kind: 'registered',
    username: 'h.simpson',
    name: 'Homer Simpson',
    email: 'homer@globex.example',
    mobilePhone: '+1 555 0100',
    externalId: 'EMP-0042',
    isActive: true,
    licenseClass: 'external',
    createdAt: '2026-01-14T08:00:00.000Z',
    updatedAt: '2026-02-20T16:45:00.000Z',
    lastLoginAt: '2026-03-04T07:58:31.000Z',
  },
  createUser: {
    username: 'h.simpson',
    password: 'correct horse battery staple',
    name: 'Homer Simpson',
    email: 'homer@globex.example',
    externalId: 'EMP-0042',
  },
  group: {
    id: ids.group,
    tenantId: ids.tenant,
    name: 'Plant operators',
    description: 'Everyone on shift in sector 7G',
    memberCount: 12,
    createdAt: '2026-01-15T09:00:00.000Z',
    updatedAt: '2026-01-15T09:00:00.000Z',
  },
  declareApplication: {
    name: 'Plant console',
    roles: [
      { key: 'console.viewer', name: 'Viewer', description: 'Reads the dashboards' },
      { key: 'console.operator', name: 'Operator', description: 'Acknowledges alarms' },
    ],
  },
  effectiveRoles: {
    items: [
      {
        key: 'console.operator',
        name: 'Operator',
        applicationKey: 'console',
        sources: [{ type: 'direct' }, { type: 'group', groupId: ids.group, groupName: 'Plant operators' }],
      },
      {
        key: 'console.supervisor',
        name: 'Supervisor',
        applicationKey: 'console',
        sources: [{ type: 'direct', expiresAt: '2026-03-31T18:00:00.000Z' }],
      },
    ],
    suspended: false,
  },
  environmentUsage: {
    environmentId: ids.environment,
    kind: 'production',
    internal: 48,
    external: 1250,
    named: 1298,
    anonymous: 310,
    inactive: 27,
    computedAt: '2026-03-04T06:00:00.000Z',
  },
  accountUsage: {
    accountId: ids.account,
    model: 'internal-external',
    aggregation: 'sum',
    internal: 48,
    external: 1250,
    named: 1298,
    limits: { internal: 500, external: 20000, named: null },
    status: { internal: 'ok', external: 'ok', named: null },
    environments: [{ environmentId: ids.environment, name: 'Production', internal: 48, external: 1250, named: 1298 }],
    computedAt: '2026-03-04T06:00:00.000Z',
  },
  tenantUsageList: {
    aggregation: 'sum',
    attribution:
      'Each tenant counts its own active users. Under aggregation "sum" every record counts, so the counts of the ' +
      'production tenants add up to the account total.',
    items: [
      {
        tenantId: ids.tenant,
        name: 'Contoso',
        environment: { id: ids.environment, name: 'Production', kind: 'production' },
        internal: 12,
        external: 340,
        named: 352,
        anonymous: 0,
        inactive: 4,
        changedAt: '2026-03-04T05:45:00.000Z',
        computedAt: '2026-03-04T06:00:00.000Z',
      },
    ],
    nextCursor: null,
  },
  usageHistory: {
    items: [
      { at: '2026-03-03T00:00:00.000Z', internal: 47, external: 1244, named: 1291 },
      { at: '2026-03-04T00:00:00.000Z', internal: 48, external: 1250, named: 1298 },
    ],
  },
  job: {
    id: '4e0c7a9b-2d5f-4b8e-a3c1-9f6d8b2e5a70',
    name: 'usage.recount-account',
    state: 'waiting',
    progress: 0,
    result: null,
    failedReason: null,
  },
  problem: {
    type: 'https://roster.dev/problems/400',
    title: 'Invalid request',
    status: 400,
    detail: 'The request has 1 invalid field(s): email.',
    errors: [{ field: 'email', message: 'must be a valid email address' }],
  },
} as const;
