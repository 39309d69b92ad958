import { SCIM_GROUP_ATTRIBUTES, SCIM_GROUP_URN } from './group-schema.js';
import {
  SCIM_CORE_USER_URN,
  SCIM_ENTERPRISE_USER_ATTRIBUTES,
  SCIM_ENTERPRISE_USER_URN,
  SCIM_USER_ATTRIBUTES,
  type ScimAttributeDefinition,
} from './user-schema.js';

/**
 * The discovery documents of RFC 7644 §4 (RFC 7643 §5–7): what a client reads to learn what this service
 * provider supports. They must be accurate, since Entra ID and Okta take them at their word.
 */

export interface ScimLimits {
  bulk: { maxOperations: number; maxPayloadSize: number };
  maxResults: number;
  defaultPageSize: number;
}

const meta = (resourceType: string, location: string) => ({ resourceType, location });

export function scimServiceProviderConfig(baseUrl: string, limits: ScimLimits) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: true, ...limits.bulk },
    filter: { supported: true, maxResults: limits.maxResults },
    // The `password` attribute sets a user's password (PUT, PATCH); it is never returned.
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    // RFC 9865 §6: both ways of paging; cursors name the last user seen, so they do not expire.
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxResults,
    },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description:
          'A SCIM token of the tenant, created on the tenant’s Provisioning page, sent as ' +
          '"Authorization: Bearer <token>".',
        primary: true,
      },
    ],
    meta: meta('ServiceProviderConfig', `${baseUrl}/ServiceProviderConfig`),
  };
}

export function scimResourceTypes(baseUrl: string) {
  const schema = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
  return [
    {
      schemas: [schema],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'An end user of the tenant',
      schema: SCIM_CORE_USER_URN,
      schemaExtensions: [{ schema: SCIM_ENTERPRISE_USER_URN, required: false }],
      meta: meta('ResourceType', `${baseUrl}/ResourceTypes/User`),
    },
    {
      schemas: [schema],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group of the tenant’s end users; its roles reach every member',
      schema: SCIM_GROUP_URN,
      meta: meta('ResourceType', `${baseUrl}/ResourceTypes/Group`),
    },
  ];
}

export function scimSchemas(baseUrl: string) {
  const schema = (id: string, name: string, description: string, attributes: ScimAttributeDefinition[]) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id,
    name,
    description,
    attributes,
    meta: meta('Schema', `${baseUrl}/Schemas/${id}`),
  });
  return [
    schema(SCIM_CORE_USER_URN, 'User', 'User Account', SCIM_USER_ATTRIBUTES),
    schema(SCIM_ENTERPRISE_USER_URN, 'EnterpriseUser', 'Enterprise User', SCIM_ENTERPRISE_USER_ATTRIBUTES),
    schema(SCIM_GROUP_URN, 'Group', 'Group', SCIM_GROUP_ATTRIBUTES),
  ];
}
