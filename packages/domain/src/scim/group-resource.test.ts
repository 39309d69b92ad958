import { describe, expect, it } from 'vitest';
import { scimFailure } from '../../test/scim-failure.js';
import { parseScimGroupFilter } from './group-filter.js';
import { planScimGroupPatch, readScimGroup } from './group-resource.js';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
const [A, B] = ['2819c223-7f76-453a-919d-413861904646', '902c246b-6245-4190-8e05-00816be7344a'];

describe('Group PATCH as set operations', () => {
  it('RFC 7644 §3.5.2.1: adds members', () => {
    expect(
      planScimGroupPatch(patch({ op: 'add', path: 'members', value: [{ display: 'Babs', $ref: '…', value: A }] }), A),
    ).toEqual([{ kind: 'addMembers', ids: [A] }]);
  });

  it('RFC 7644 §3.5.2.2: removes one member by filter, all members, and replaces all with others', () => {
    expect(planScimGroupPatch(patch({ op: 'remove', path: `members[value eq "${A}"]` }), A)).toEqual([
      { kind: 'removeMembers', ids: [A] },
    ]);
    expect(planScimGroupPatch(patch({ op: 'remove', path: 'members' }), A)).toEqual([{ kind: 'removeAllMembers' }]);
    expect(planScimGroupPatch(patch({ op: 'replace', path: 'members', value: [{ value: B }] }), A)).toEqual([
      { kind: 'removeAllMembers' },
      { kind: 'addMembers', ids: [B] },
    ]);
  });

  it('a "Remove" with an empty list of members removes nobody', () => {
    expect(planScimGroupPatch(patch({ op: 'Remove', path: 'members', value: [] }), A)).toEqual([
      { kind: 'removeMembers', ids: [] },
    ]);
  });

  it('Entra ID: "Remove" with a value removes only those members', () => {
    expect(planScimGroupPatch(patch({ op: 'Remove', path: 'members', value: [{ value: B }] }), A)).toEqual([
      { kind: 'removeMembers', ids: [B] },
    ]);
  });

  it('Okta: a no-path replace with the group id and a new displayName renames it', () => {
    expect(
      planScimGroupPatch(patch({ op: 'replace', value: { id: 'abf4dd94', displayName: 'Test SCIMv2' } }), 'abf4dd94'),
    ).toEqual([{ kind: 'displayName', value: 'Test SCIMv2' }]);
  });

  it('refuses another id than the group’s own, in a no-path replace or by path', () => {
    expect(
      scimFailure(() => planScimGroupPatch(patch({ op: 'replace', value: { id: B, displayName: 'x' } }), A)),
    ).toMatchObject({
      scimType: 'mutability',
      detail: expect.stringContaining(A),
    });
    expect(scimFailure(() => planScimGroupPatch(patch({ op: 'remove', path: 'id' }), A))).toMatchObject({
      scimType: 'mutability',
    });
    expect(planScimGroupPatch(patch({ op: 'replace', path: 'id', value: A.toUpperCase() }), A)).toEqual([]);
  });

  it('refuses a member that is no id, a nested group, and removing displayName', () => {
    expect(
      scimFailure(() => planScimGroupPatch(patch({ op: 'add', path: 'members', value: [{ value: 'x' }] }), A)),
    ).toMatchObject({ scimType: 'invalidValue' });
    expect(
      scimFailure(() =>
        planScimGroupPatch(patch({ op: 'add', path: 'members', value: [{ value: A, type: 'Group' }] }), A),
      ),
    ).toMatchObject({ scimType: 'invalidValue' });
    expect(scimFailure(() => planScimGroupPatch(patch({ op: 'remove', path: 'displayName' }), A))).toMatchObject({
      scimType: 'mutability',
    });
  });
});

describe('Group bodies and filters', () => {
  it('reads a POST body, deduplicating members and ignoring id and meta', () => {
    expect(
      readScimGroup({
        schemas: [GROUP],
        id: 'ignored',
        displayName: ' Tour Guides ',
        members: [{ value: A }, { value: A.toUpperCase() }],
      }),
    ).toEqual({ displayName: 'Tour Guides', externalId: null, members: [A] });
    expect(scimFailure(() => readScimGroup({ schemas: [GROUP], displayName: 'x', owner: 'y' }))).toMatchObject({
      scimType: 'invalidSyntax',
    });
  });

  it('Entra ID: parses its membership check and displayName lookups', () => {
    expect(parseScimGroupFilter(`id eq "${A}" and members[value eq "${B}"]`)).toEqual({
      kind: 'and',
      left: { kind: 'compare', attribute: 'id', op: 'eq', value: A },
      right: { kind: 'member', userId: B },
    });
    expect(parseScimGroupFilter('DisplayName eq "Pilots"')).toEqual({
      kind: 'compare',
      attribute: 'displayName',
      op: 'eq',
      value: 'Pilots',
    });
    expect(parseScimGroupFilter(`members.value eq "${B}"`)).toEqual({ kind: 'member', userId: B });
  });

  it('compares meta.created and meta.lastModified as instants (an incremental read of what changed)', () => {
    expect(parseScimGroupFilter('meta.lastModified gt "2025-01-31T13:00:00.5+01:00"')).toEqual({
      kind: 'instant',
      attribute: 'lastModified',
      op: 'gt',
      value: { epochMs: Date.parse('2025-01-31T12:00:00.500Z'), micros: 0, iso: '2025-01-31T12:00:00.500000Z' },
    });
    expect(parseScimGroupFilter('urn:ietf:params:scim:schemas:core:2.0:Group:META.CREATED pr')).toEqual({
      kind: 'present',
      attribute: 'created',
    });
    expect(scimFailure(() => parseScimGroupFilter('meta.created co "2025"'))).toMatchObject({
      scimType: 'invalidFilter',
      detail: expect.stringContaining('eq, ne, gt, ge, lt or le'),
    });
    expect(scimFailure(() => parseScimGroupFilter('meta.created gt "2025-01-31"'))).toMatchObject({
      scimType: 'invalidFilter',
      detail: expect.stringContaining('a time zone, Z or ±hh:mm, is required'),
    });
  });

  it('refuses what it cannot answer with invalidFilter', () => {
    expect(scimFailure(() => parseScimGroupFilter('members[display eq "x"]'))).toMatchObject({
      scimType: 'invalidFilter',
    });
    expect(scimFailure(() => parseScimGroupFilter('owner eq "x"'))).toMatchObject({ scimType: 'invalidFilter' });
    expect(scimFailure(() => parseScimGroupFilter('displayName eq'))).toMatchObject({ scimType: 'invalidFilter' });
  });
});
