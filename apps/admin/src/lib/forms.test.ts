import { describe, expect, it } from 'vitest';
import { listFieldError } from './forms';

describe('listFieldError', () => {
  it('shows the message about the list, else the first about one of its items', () => {
    expect(listFieldError({ eventTypes: 'Must name at least one event type.' }, 'eventTypes')).toBe(
      'Must name at least one event type.',
    );
    expect(listFieldError({ url: 'x', 'tenantIds.2': 'Must be a UUID.' }, 'tenantIds')).toBe('Must be a UUID.');
    expect(listFieldError({ tenantIdsOther: 'no' }, 'tenantIds')).toBeUndefined();
    expect(listFieldError({}, 'eventTypes')).toBeUndefined();
  });
});
