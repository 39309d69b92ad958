import type { ScimAttributeDefinition } from './user-schema.js';

/** The SCIM Group schema (RFC 7643 §4.2) as Roster keeps groups: flat groups of the tenant's users. */
export const SCIM_GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const base = {
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const;

export const SCIM_GROUP_ATTRIBUTES: ScimAttributeDefinition[] = [
  {
    ...base,
    name: 'displayName',
    type: 'string',
    required: true,
    uniqueness: 'server',
    description: 'The group’s name: unique in the tenant, ignoring case.',
  },
  {
    ...base,
    name: 'externalId',
    type: 'string',
    caseExact: true,
    description: 'The group’s id in the identity provider.',
  },
  {
    ...base,
    name: 'members',
    type: 'complex',
    multiValued: true,
    description: 'The group’s members: users of the tenant (groups do not nest).',
    subAttributes: [
      { ...base, name: 'value', type: 'string', mutability: 'immutable', description: 'The id of a User.' },
      {
        ...base,
        name: '$ref',
        type: 'reference',
        mutability: 'immutable',
        referenceTypes: ['User'],
        description: 'The URI of the User.',
      },
      { ...base, name: 'display', type: 'string', mutability: 'readOnly', description: 'The user’s name.' },
      {
        ...base,
        name: 'type',
        type: 'string',
        mutability: 'immutable',
        canonicalValues: ['User'],
        description: 'Always User.',
      },
    ],
  },
];
