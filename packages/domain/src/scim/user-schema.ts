/**
 * The SCIM User schema and its enterprise extension (RFC 7643 §4.1, §4.3) as Roster accepts them: every
 * attribute by its canonical name, with its type and sub-attributes, in the attribute-definition shape of
 * RFC 7643 §7 (the /Schemas discovery document is built from these lists). Names are matched ignoring case.
 */

export const SCIM_CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export type ScimAttributeType = 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference' | 'binary';

export interface ScimAttributeDefinition {
  name: string;
  type: ScimAttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: ScimAttributeDefinition[];
  referenceTypes?: string[];
  canonicalValues?: string[];
}

type Options = Partial<Omit<ScimAttributeDefinition, 'name' | 'type'>>;

const attribute = (name: string, type: ScimAttributeType, description: string, options: Options = {}) =>
  ({
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  }) satisfies ScimAttributeDefinition;

const text = (name: string, description: string, options: Options = {}) =>
  attribute(name, 'string', description, options);

/** The sub-attributes every multi-valued attribute of the core schema has (RFC 7643 §2.4). */
const element = (valueDescription: string, types: string[], valueType: ScimAttributeType = 'string') => [
  // A reference names what it may point to (RFC 7643 §7); a photo is a URL anywhere on the web.
  attribute('value', valueType, valueDescription, valueType === 'reference' ? { referenceTypes: ['external'] } : {}),
  text('display', 'A human-readable name, for display only.'),
  text('type', 'A label for the function of the value.', { canonicalValues: types }),
  attribute('primary', 'boolean', 'Whether this is the preferred value; at most one value is primary.'),
];

const multi = (name: string, description: string, subAttributes: ScimAttributeDefinition[], options: Options = {}) =>
  attribute(name, 'complex', description, { multiValued: true, subAttributes, ...options });

export const SCIM_USER_ATTRIBUTES: ScimAttributeDefinition[] = [
  text('externalId', 'The user’s id in the identity provider.', { caseExact: true }),
  text('userName', 'Unique per tenant after Roster’s normalization (case, width and accents).', {
    required: true,
    uniqueness: 'server',
  }),
  attribute('name', 'complex', 'The components of the user’s name.', {
    subAttributes: [
      text('formatted', 'The full name, formatted for display.'),
      text('familyName', 'The family name.'),
      text('givenName', 'The given name.'),
      text('middleName', 'The middle name(s).'),
      text('honorificPrefix', 'The honorific prefix(es), such as Ms.'),
      text('honorificSuffix', 'The honorific suffix(es), such as III.'),
    ],
  }),
  text('displayName', 'The name shown for the user: Roster’s name of the user.'),
  text('nickName', 'The casual way to address the user.'),
  attribute('profileUrl', 'reference', 'A URL of the user’s online profile.', { referenceTypes: ['external'] }),
  text('title', 'The user’s title, such as Vice President.'),
  text('userType', 'The relationship between the organization and the user, such as Employee.'),
  text('preferredLanguage', 'The preferred written or spoken language, as an Accept-Language value.'),
  text('locale', 'The default location, such as en-US.'),
  text('timezone', 'The time zone, in the IANA format, such as Europe/Paris.'),
  attribute('active', 'boolean', 'Whether the user may sign in and counts as a licensed user; false deactivates.'),
  text('password', 'The user’s password for signing in to Roster; never returned.', {
    mutability: 'writeOnly',
    returned: 'never',
    caseExact: true,
  }),
  multi(
    'emails',
    'E-mail addresses; the primary one is Roster’s e-mail address of the user (and decides its licensing class).',
    element('The e-mail address.', ['work', 'home', 'other']),
  ),
  multi(
    'phoneNumbers',
    'Phone numbers; the primary (or first mobile) one is Roster’s mobile phone of the user.',
    element('The phone number.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  ),
  multi(
    'ims',
    'Instant messaging addresses.',
    element('The address.', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
  ),
  multi('photos', 'URLs of photos of the user.', element('The URL of a photo.', ['photo', 'thumbnail'], 'reference')),
  multi('addresses', 'Physical mailing addresses.', [
    text('formatted', 'The full address, formatted for display.'),
    text('streetAddress', 'The street address.'),
    text('locality', 'The city or locality.'),
    text('region', 'The state or region.'),
    text('postalCode', 'The postal code.'),
    text('country', 'The country, as an ISO 3166-1 alpha-2 code.'),
    text('type', 'A label for the address.', { canonicalValues: ['work', 'home', 'other'] }),
    attribute('primary', 'boolean', 'Whether this is the preferred address.'),
  ]),
  multi(
    'groups',
    'The groups the user is a member of, managed through Groups.',
    [
      attribute('value', 'string', 'The id of the group.', { mutability: 'readOnly' }),
      attribute('$ref', 'reference', 'The URI of the group.', { mutability: 'readOnly', referenceTypes: ['Group'] }),
      text('display', 'The name of the group.', { mutability: 'readOnly' }),
      text('type', 'How the user is a member: direct.', { mutability: 'readOnly', canonicalValues: ['direct'] }),
    ],
    // Returned when asked for (attributes=groups): see RETURNED_ON_REQUEST in projection.ts.
    { mutability: 'readOnly', returned: 'request' },
  ),
  multi(
    'entitlements',
    'Entitlements of the user, as the identity provider names them.',
    element('The entitlement.', []),
  ),
  multi('roles', 'Roles of the user in the identity provider (not Roster’s roles).', element('The role.', [])),
  multi('x509Certificates', 'Certificates of the user.', element('A DER certificate, base64.', [], 'binary')),
];

export const SCIM_ENTERPRISE_USER_ATTRIBUTES: ScimAttributeDefinition[] = [
  text('employeeNumber', 'The identifier the organization gives the user.'),
  text('costCenter', 'The cost center.'),
  text('organization', 'The organization.'),
  text('division', 'The division.'),
  text('department', 'The department.'),
  attribute('manager', 'complex', 'The user’s manager.', {
    subAttributes: [
      text('value', 'The id of the manager’s SCIM resource.'),
      attribute('$ref', 'reference', 'The URI of the manager’s SCIM resource.', { referenceTypes: ['User'] }),
      text('displayName', 'The manager’s name.', { mutability: 'readOnly' }),
    ],
  }),
];

/** The attributes no client writes: ignored in a POST or PUT body (RFC 7643 §2.2), refused as a PATCH target. */
export const READ_ONLY_USER_ATTRIBUTES = ['id', 'meta', 'groups', 'schemas'] as const;

/** Finds a definition by name, ignoring case (RFC 7643 §2.1). */
export function definitionOf(
  definitions: readonly ScimAttributeDefinition[],
  name: string,
): ScimAttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return definitions.find((definition) => definition.name.toLowerCase() === lower);
}
