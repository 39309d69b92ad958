import { describe, expect, it } from 'vitest';
import { scimFailure } from '../../test/scim-failure.js';
import { BULK_LIMITS, BULK_REQUEST_SCHEMA, bulkReferences, readBulkRequest, resolveBulkReferences } from './bulk.js';

const request = (Operations: unknown[], extra: Record<string, unknown> = {}) => ({
  schemas: [BULK_REQUEST_SCHEMA],
  Operations,
  ...extra,
});

describe('A BulkRequest (RFC 7644 §3.7)', () => {
  it('reads operations with their names in any case, and failOnErrors', () => {
    const read = readBulkRequest({
      SCHEMAS: [BULK_REQUEST_SCHEMA.toUpperCase()],
      failonerrors: 2,
      operations: [
        { Method: 'post', Path: '/Users', BulkId: 'qwerty', Data: { userName: 'Alice' } },
        { method: 'PATCH', path: '/Groups/abc', version: 'W/"3"', data: { Operations: [] } },
      ],
    });
    expect(read).toEqual({
      failOnErrors: 2,
      operations: [
        { method: 'POST', path: '/Users', bulkId: 'qwerty', data: { userName: 'Alice' } },
        { method: 'PATCH', path: '/Groups/abc', version: 'W/"3"', data: { Operations: [] } },
      ],
    });
  });

  it('refuses what no operation can run, naming the operation', () => {
    expect(scimFailure(() => readBulkRequest([]))).toMatchObject({ status: 400, scimType: 'invalidSyntax' });
    expect(scimFailure(() => readBulkRequest({ Operations: [] }))).toMatchObject({ scimType: 'invalidSyntax' });
    expect(scimFailure(() => readBulkRequest(request([])))).toMatchObject({ scimType: 'invalidSyntax' });
    expect(scimFailure(() => readBulkRequest(request([{}], { failOnErrors: 0 })))).toMatchObject({
      scimType: 'invalidValue',
    });
    expect(scimFailure(() => readBulkRequest(request([{ method: 'GET', path: '/Users' }])))).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('Operation 1'),
    });
    expect(
      scimFailure(() =>
        readBulkRequest(
          request([
            { method: 'DELETE', path: '/Users/a' },
            { method: 'PUT', path: '/Me' },
          ]),
        ),
      ),
    ).toMatchObject({ scimType: 'invalidPath', detail: expect.stringContaining('Operation 2') });
    expect(scimFailure(() => readBulkRequest(request([{ method: 'POST', path: '/Users', data: {} }])))).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('bulkId'),
    });
  });

  it('refuses more operations than published with 413', () => {
    const operations = Array.from({ length: BULK_LIMITS.maxOperations + 1 }, () => ({
      method: 'DELETE',
      path: '/Users/a',
    }));
    expect(scimFailure(() => readBulkRequest(request(operations)))).toMatchObject({
      status: 413,
      detail: expect.stringContaining(String(BULK_LIMITS.maxOperations)),
    });
  });
});

describe('bulkId references', () => {
  const data = {
    displayName: 'Tour Guides',
    members: [{ value: 'bulkId:qwerty' }, { value: 'bulkId:ytrewq' }, { value: '2819c223' }],
  };

  it('are found anywhere in a path or a body', () => {
    expect([...bulkReferences(['/Groups/bulkId:group', data])].sort()).toEqual(['group', 'qwerty', 'ytrewq']);
  });

  it('resolve to the ids of the resources created, and stay as written otherwise', () => {
    expect(resolveBulkReferences('/Users/bulkId:qwerty', new Map([['qwerty', 'u-1']]))).toBe('/Users/u-1');
    expect(resolveBulkReferences(data, new Map([['qwerty', 'u-1']]))).toEqual({
      displayName: 'Tour Guides',
      members: [{ value: 'u-1' }, { value: 'bulkId:ytrewq' }, { value: '2819c223' }],
    });
  });
});
