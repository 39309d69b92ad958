import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindAfterChange, MOBILE_PHONE_PATTERN, PERSONAL_FIELDS } from './end-users.js';

describe('kindAfterChange', () => {
  it('keeps a registered user registered, even when its personal data is cleared', () => {
    expect(kindAfterChange('registered', {})).toBe('registered');
    expect(kindAfterChange('registered', { name: null, email: null, mobilePhone: null })).toBe('registered');
  });

  it('keeps an anonymous user anonymous when the change gives it no personal data', () => {
    expect(kindAfterChange('anonymous', {})).toBe('anonymous');
    expect(kindAfterChange('anonymous', { name: null, email: undefined })).toBe('anonymous');
  });

  it.each(PERSONAL_FIELDS)('makes an anonymous user registered when it gets a %s', (field) => {
    expect(kindAfterChange('anonymous', { [field]: 'value-1' })).toBe('registered');
  });

  it('does not count an external id or the active flag as personal data', () => {
    const change = { name: undefined, externalId: 'crm-42', isActive: false };
    expect(kindAfterChange('anonymous', change)).toBe('anonymous');
  });

  it('turns anonymous into registered exactly when some personal field is set (property)', () => {
    const fieldValue = fc
      .option(fc.string({ maxLength: 5 }), { nil: undefined })
      .chain((value) => (value === undefined ? fc.constantFrom(undefined, null) : fc.constant(value)));
    fc.assert(
      fc.property(fc.record(Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, fieldValue]))), (change) => {
        const givesData = Object.values(change).some((value) => typeof value === 'string');
        expect(kindAfterChange('anonymous', change)).toBe(givesData ? 'registered' : 'anonymous');
        expect(kindAfterChange('registered', change)).toBe('registered');
      }),
    );
  });
});

describe('MOBILE_PHONE_PATTERN', () => {
  it.each(['+1 (555) 123-4567', '0123456789', '7', '+44 20 7946 0958', '(030) 1234-56'])('accepts %j', (phone) =>
    expect(MOBILE_PHONE_PATTERN.test(phone)).toBe(true),
  );

  it.each(['', ' ', '+() -', '555-CALL', '555.123.4567', '+44/20', '123\n', 'x123', '١٢٣', '12#'])(
    'refuses %j',
    (phone) => expect(MOBILE_PHONE_PATTERN.test(phone)).toBe(false),
  );

  it('accepts any mix of the allowed characters with a digit, and nothing else (property)', () => {
    const allowed = fc.constantFrom(...'0123456789 +()-'.split(''));
    fc.assert(
      fc.property(fc.array(allowed, { maxLength: 20 }), fc.integer({ min: 0, max: 9 }), (chars, digit) => {
        const phone = chars.join('');
        expect(MOBILE_PHONE_PATTERN.test(phone)).toBe(/\d/.test(phone));
        expect(MOBILE_PHONE_PATTERN.test(`${phone}${digit}`)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[\d +()-]/.test(c)),
        fc.string({ maxLength: 10 }),
        (before, bad, after) => {
          expect(MOBILE_PHONE_PATTERN.test(`1${before}${bad}${after}`)).toBe(false);
        },
      ),
    );
  });
});
