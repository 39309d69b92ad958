import { describe, expect, it } from 'vitest';
import { bulkOutcome, grantExpiryNote, needsGroup, needsRole, pageSelection, withinLimit } from './bulk';

const A = '01a21c6e-0000-7000-8000-00000000000a';
const B = '01a21c6e-0000-7000-8000-00000000000b';

describe('bulk result summary', () => {
  it('says what was done when every user succeeded', () => {
    expect(bulkOutcome('deactivate', { succeeded: 5, failed: [] })).toEqual({
      tone: 'success',
      headline: 'Deactivated 5 users.',
      failures: [],
    });
    expect(bulkOutcome('activate', { succeeded: 1, failed: [] }).headline).toBe('Activated 1 user.');
    expect(bulkOutcome('delete', { succeeded: 1200, failed: [] }).headline).toBe('Deleted 1,200 users.');
  });

  it('names the group or role', () => {
    expect(bulkOutcome('add-to-group', { succeeded: 3, failed: [] }, { target: 'Sales' }).headline).toBe(
      'Added 3 users to Sales.',
    );
    expect(bulkOutcome('remove-from-group', { succeeded: 2, failed: [] }, { target: 'Sales' }).headline).toBe(
      'Removed 2 users from Sales.',
    );
    expect(bulkOutcome('grant-role', { succeeded: 2, failed: [] }, { target: 'Viewer' }).headline).toBe(
      'Granted Viewer to 2 users.',
    );
    expect(bulkOutcome('revoke-role', { succeeded: 2, failed: [] }).headline).toBe('Revoked the role from 2 users.');
  });

  it('says the end a grant-role set, if any', () => {
    const done = { succeeded: 2, failed: [] };
    expect(bulkOutcome('grant-role', done, { target: 'Viewer', expiresAt: '2031-11-27T14:03:00.000Z' }).headline).toBe(
      'Granted Viewer to 2 users until 27 Nov 2031, 14:03:00 UTC.',
    );
    expect(bulkOutcome('grant-role', done, { target: 'Viewer', expiresAt: null }).headline).toBe(
      'Granted Viewer to 2 users.',
    );
  });

  it('lists each failure by username, else by id', () => {
    const outcome = bulkOutcome(
      'deactivate',
      {
        succeeded: 4,
        failed: [
          { userId: A, status: 404, detail: 'User was not found.' },
          { userId: B, status: 409, detail: 'Conflict.' },
        ],
      },
      { labelOf: (id) => (id === A ? 'ada.dijkstra' : null) },
    );
    expect(outcome.tone).toBe('warning');
    expect(outcome.headline).toBe('4 succeeded, 2 failed:');
    expect(outcome.failures).toEqual([
      { userId: A, label: 'ada.dijkstra', detail: 'User was not found.' },
      { userId: B, label: B, detail: 'Conflict.' },
    ]);
  });

  it('is a danger when nothing succeeded', () => {
    const outcome = bulkOutcome('delete', { succeeded: 0, failed: [{ userId: A, status: 404, detail: 'Gone.' }] });
    expect(outcome.tone).toBe('danger');
    expect(outcome.headline).toBe('0 succeeded, 1 failed:');
  });
});

describe('bulk helpers', () => {
  it('knows which actions need a group or a role', () => {
    expect(needsGroup('add-to-group')).toBe(true);
    expect(needsGroup('grant-role')).toBe(false);
    expect(needsRole('revoke-role')).toBe(true);
    expect(needsRole('delete')).toBe(false);
  });

  it('tells the header checkbox how much of the page is selected', () => {
    const selected = new Set([A]);
    expect(pageSelection([A, B], (id) => selected.has(id))).toBe('some');
    expect(pageSelection([A], (id) => selected.has(id))).toBe('all');
    expect(pageSelection([B], (id) => selected.has(id))).toBe('none');
    expect(pageSelection([], (id) => selected.has(id))).toBe('none');
  });

  it('keeps a selection within the limit', () => {
    expect(withinLimit(998, [A, B, 'c'], 1000)).toEqual({ accepted: [A, B], refused: true });
    expect(withinLimit(0, [A, B], 1000)).toEqual({ accepted: [A, B], refused: false });
    expect(withinLimit(1000, [A], 1000)).toEqual({ accepted: [], refused: true });
  });
});

describe('a bulk grant’s end, said before it runs', () => {
  const EARLIER = Date.parse('2026-01-01T00:00:00.000Z');

  it('says when the grants end, held ones included', () => {
    expect(grantExpiryNote('2031-11-27T14:03:00.000Z', EARLIER)).toBe(
      'Each selected user holds the role until 27 Nov 2031, 14:03:00 UTC; a direct grant one holds already ends then too.',
    );
  });

  it('says nothing of an end already past (the API refuses it at the field)', () => {
    const now = Date.parse('2031-11-27T14:03:00.000Z');
    expect(grantExpiryNote('2031-11-27T14:03:00.000Z', now)).toBeNull();
    expect(grantExpiryNote('2031-11-27T14:02:00.000Z', now)).toBeNull();
    expect(grantExpiryNote('2031-11-27T14:04:00.000Z', now)).toMatch(/until 27 Nov 2031, 14:04:00 UTC/);
    expect(grantExpiryNote(null, now)).toMatch(/never expire/);
  });

  it('says without an end that no grant expires, and held ones stop expiring', () => {
    expect(grantExpiryNote(null)).toBe(
      'The grants never expire: a direct grant a user holds already with an end stops expiring.',
    );
  });
});
