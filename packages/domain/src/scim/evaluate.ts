import {
  type AttributeSpec,
  MULTI_VALUED,
  type ScimElementField,
  type ScimElementFilter,
  type ScimMultiValued,
  type ScimUserField,
  type ScimUserFilter,
  USER_FIELDS,
} from './attributes.js';
import { compareValue, isPresentString, isPresentValue } from './compare.js';

/** A SCIM user (a registered end user) as the evaluator reads it: end_users' columns and the user's groups. */
export interface ScimUserView {
  id: string;
  externalId: string | null;
  username: string | null;
  name: string | null;
  email: string | null;
  mobilePhone: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  groupIds: readonly string[];
}

type Element = Partial<Record<ScimElementField, string | boolean>>;

function fieldValue(user: ScimUserView, field: ScimUserField): string | boolean | Date | null {
  switch (field) {
    case 'id':
      return user.id;
    case 'externalId':
      return user.externalId;
    case 'userName':
      return user.username;
    case 'displayName':
      return user.name;
    case 'active':
      return user.isActive;
    case 'created':
      return user.createdAt;
    case 'lastModified':
      return user.updatedAt;
    case 'resourceType':
      return 'User';
  }
}

/** The values of a multi-valued attribute: Roster's one address or phone as the primary one, the memberships. */
export function scimElements(user: ScimUserView, attribute: ScimMultiValued): Element[] {
  const fields = MULTI_VALUED[attribute];
  const constants = (): Element =>
    Object.fromEntries(
      Object.entries(fields).flatMap(([name, spec]) => (spec.constant === undefined ? [] : [[name, spec.constant]])),
    );
  switch (attribute) {
    case 'emails':
      return isPresentString(user.email) ? [{ ...constants(), value: user.email }] : [];
    case 'phoneNumbers':
      return isPresentString(user.mobilePhone) ? [{ ...constants(), value: user.mobilePhone }] : [];
    case 'groups':
      return user.groupIds.map((id) => ({ ...constants(), value: id }));
  }
}

function matchesElement(
  element: Element,
  spec: Partial<Record<ScimElementField, AttributeSpec>>,
  filter: ScimElementFilter,
): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.filters.every((part) => matchesElement(element, spec, part));
    case 'or':
      return filter.filters.some((part) => matchesElement(element, spec, part));
    case 'not':
      return !matchesElement(element, spec, filter.filter);
    case 'present':
      return isPresentValue(spec[filter.field]!, element[filter.field] ?? null);
    case 'compare':
      return compareValue(spec[filter.field]!, filter.op, element[filter.field] ?? null, filter.value);
  }
}

/**
 * Whether a SCIM user matches a parsed filter, in memory. Production never filters rows in Node: this is the
 * reference the SQL of @roster/db is tested against (and a single resource's check, e.g. PATCH value paths).
 */
export function matchesScimUserFilter(user: ScimUserView, filter: ScimUserFilter): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.filters.every((part) => matchesScimUserFilter(user, part));
    case 'or':
      return filter.filters.some((part) => matchesScimUserFilter(user, part));
    case 'not':
      return !matchesScimUserFilter(user, filter.filter);
    case 'present':
      return isPresentValue(USER_FIELDS[filter.field], fieldValue(user, filter.field));
    case 'compare':
      return compareValue(USER_FIELDS[filter.field], filter.op, fieldValue(user, filter.field), filter.value);
    case 'some': {
      const elements = scimElements(user, filter.attribute);
      const inner = filter.filter;
      if (!inner) return elements.length > 0;
      return elements.some((element) => matchesElement(element, MULTI_VALUED[filter.attribute], inner));
    }
  }
}
