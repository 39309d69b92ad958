import { describe, expect, it } from 'vitest';
import { SCIM_GROUP_ATTRIBUTES } from './group-schema.js';
import { SCIM_ENTERPRISE_USER_ATTRIBUTES, SCIM_USER_ATTRIBUTES, type ScimAttributeDefinition } from './user-schema.js';

/** Every attribute with its path, sub-attributes included. */
function* walk(
  attributes: readonly ScimAttributeDefinition[],
  parent = '',
): Generator<[string, ScimAttributeDefinition]> {
  for (const attribute of attributes) {
    const path = parent ? `${parent}.${attribute.name}` : attribute.name;
    yield [path, attribute];
    yield* walk(attribute.subAttributes ?? [], path);
  }
}

describe('The schemas /Schemas publishes (RFC 7643 §7)', () => {
  const all = [
    ...walk(SCIM_USER_ATTRIBUTES, 'User'),
    ...walk(SCIM_ENTERPRISE_USER_ATTRIBUTES, 'EnterpriseUser'),
    ...walk(SCIM_GROUP_ATTRIBUTES, 'Group'),
  ];

  it('name what every reference may point to (referenceTypes is required for type reference)', () => {
    const references = all.filter(([, attribute]) => attribute.type === 'reference');
    expect(references.map(([path]) => path)).toContain('User.photos.value');
    for (const [path, attribute] of references) expect(attribute.referenceTypes, path).not.toHaveLength(0);
  });

  it('give sub-attributes only to complex attributes', () => {
    for (const [path, attribute] of all) {
      if (attribute.subAttributes) expect(attribute.type, path).toBe('complex');
    }
  });
});
