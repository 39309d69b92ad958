import { describe, expect, it } from 'vitest';
import { isFiltered, readUserListState, userExportQuery, userListQuery, USER_PAGE_SIZE } from './user-list';

const GROUP = '01a21c6e-4977-7144-bdef-a402fc7fc48a';
const read = (query: string) => readUserListState(new URLSearchParams(query));

describe('reading the Users list from its URL', () => {
  it('starts with no filters, sorted by username, on the first page', () => {
    expect(read('')).toEqual({
      search: '',
      isActive: '',
      kind: '',
      licenseClass: '',
      groupId: '',
      roleKey: '',
      sort: 'username',
      cursor: null,
    });
  });

  it('reads every filter, the sort and the cursor', () => {
    expect(
      read(
        `search=%20ada%20&isActive=false&kind=anonymous&licenseClass=external&groupId=${GROUP}&roleKey=crm.sales` +
          '&sort=-lastLoginAt&cursor=abc',
      ),
    ).toEqual({
      search: 'ada',
      isActive: 'false',
      kind: 'anonymous',
      licenseClass: 'external',
      groupId: GROUP,
      roleKey: 'crm.sales',
      sort: '-lastLoginAt',
      cursor: 'abc',
    });
  });

  it('falls back to the defaults for values the API would refuse', () => {
    const state = read(
      'isActive=maybe&kind=robot&licenseClass=internal,external&groupId=12&roleKey=1bad&sort=email&cursor=',
    );
    expect(state).toMatchObject({
      isActive: '',
      kind: '',
      licenseClass: '',
      groupId: '',
      roleKey: '',
      sort: 'username',
      cursor: null,
    });
  });

  it('cuts an overlong search to what the API accepts', () => {
    expect(read(`search=${'a'.repeat(500)}`).search).toHaveLength(200);
  });

  it('knows when the list is narrowed', () => {
    expect(isFiltered(read('sort=-createdAt'))).toBe(false);
    expect(isFiltered(read('kind=registered'))).toBe(true);
    expect(isFiltered(read('licenseClass=anonymous'))).toBe(true);
    expect(isFiltered(read('search=x'))).toBe(true);
  });
});

describe('the API query for a page', () => {
  it('asks for the total on the first page only', () => {
    expect(userListQuery(read(''))).toEqual({ limit: USER_PAGE_SIZE, sort: 'username', includeTotal: 'true' });
    expect(userListQuery(read('cursor=abc'))).toEqual({ limit: USER_PAGE_SIZE, sort: 'username', cursor: 'abc' });
  });

  it('sends only the filters that are set', () => {
    expect(userListQuery(read(`isActive=true&licenseClass=external&groupId=${GROUP}&sort=createdAt`))).toEqual({
      limit: USER_PAGE_SIZE,
      sort: 'createdAt',
      includeTotal: 'true',
      isActive: 'true',
      licenseClass: 'external',
      groupId: GROUP,
    });
  });
});

describe('the API query for an export', () => {
  it('carries the filters that are set and the sort, never a page', () => {
    expect(userExportQuery(read(`search=ada&groupId=${GROUP}&sort=-createdAt&cursor=abc`), 'jsonl')).toEqual({
      format: 'jsonl',
      sort: '-createdAt',
      search: 'ada',
      groupId: GROUP,
    });
    expect(userExportQuery(read(''), 'csv')).toEqual({ format: 'csv', sort: 'username' });
  });
});
