import { describe, expect, it } from 'vitest';
import { expiryFromInput, expiryLabel, expiryProblem } from './grant-expiry';

describe('expiryFromInput', () => {
  it('reads an empty field as no expiry', () => {
    expect(expiryFromInput('')).toEqual({ ok: true, expiresAt: null });
    expect(expiryFromInput('  ')).toEqual({ ok: true, expiresAt: null });
  });

  it('reads the date-time typed as UTC, with or without seconds', () => {
    expect(expiryFromInput('2026-11-27T14:03')).toEqual({ ok: true, expiresAt: '2026-11-27T14:03:00.000Z' });
    expect(expiryFromInput('2028-02-29T00:00:59')).toEqual({ ok: true, expiresAt: '2028-02-29T00:00:59.000Z' });
  });

  it('refuses what is not a date-time, or a date that does not exist', () => {
    expect(expiryFromInput('tomorrow')).toMatchObject({ ok: false, message: expect.stringContaining('(UTC)') });
    expect(expiryFromInput('2026-11-27 14:03Z')).toMatchObject({ ok: false });
    expect(expiryFromInput('2026-02-30T10:00')).toEqual({ ok: false, message: 'That date does not exist.' });
    expect(expiryFromInput('2026-01-01T24:00')).toMatchObject({ ok: false });
    expect(expiryFromInput('2026-01-01T10:60')).toMatchObject({ ok: false });
    expect(expiryFromInput('0000-01-01T10:00')).toMatchObject({ ok: false });
  });
});

describe('expiryProblem', () => {
  it('is the console’s check of an Until field: nothing to say of an empty or valid one', () => {
    expect(expiryProblem('')).toBeNull();
    expect(expiryProblem('2026-11-27T14:03')).toBeNull();
  });

  it('says what is wrong otherwise, as expiryFromInput does', () => {
    expect(expiryProblem('2026-02-30T10:00')).toBe('That date does not exist.');
    expect(expiryProblem('soon')).toBe('Enter a date and time, such as 2026-11-27 14:00 (UTC).');
  });
});

describe('expiryLabel', () => {
  it('says the expiry in UTC', () => {
    expect(expiryLabel('2026-11-27T14:03:00.000Z')).toBe('Until 27 Nov 2026, 14:03:00 UTC');
  });
});
