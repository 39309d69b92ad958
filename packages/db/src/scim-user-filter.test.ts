import { parseScimUserFilter, resolveScimUserSortBy } from '@roster/domain';
import { describe, expect, it } from 'vitest';
import { scimUserOrderBySql, scimUserWhereSql } from './scim-user-filter.js';

const where = (filter: string, params: unknown[] = []) => ({
  sql: scimUserWhereSql(parseScimUserFilter(filter), 'u', params),
  params,
});

describe('scimUserWhereSql', () => {
  it('keeps every value a parameter, numbered after the caller’s', () => {
    const { sql, params } = where(`userName eq "x'; DROP TABLE end_users; --" or displayName co "50%_\\\\"`, [
      'tenant',
    ]);
    expect(sql).not.toContain('DROP');
    expect(params).toEqual(['tenant', "x'; drop table end_users; --", '%50\\%\\_\\\\%']);
    expect(sql).toContain('$2');
    expect(sql).toContain('$3');
  });

  it('restricts to registered users, and compares userName and e-mail in their indexes’ forms', () => {
    expect(where('userName eq "ＡＤＡ"')).toEqual({
      sql: "u.kind = 'registered' AND (u.username_key IS NOT NULL AND u.username_key <> '' AND u.username_key = $1)",
      params: ['ada'],
    });
    expect(where('emails.value eq "A@X.COM"').sql).toContain(
      "translate(u.email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = $1",
    );
    expect(scimUserWhereSql(null, 'u', [])).toBe("u.kind = 'registered'");
  });

  it('decides constant sub-attributes and non-uuid ids without parameters', () => {
    expect(where('meta.resourceType eq "User" and not (id eq "not-a-uuid")')).toEqual({
      sql: "u.kind = 'registered' AND (TRUE AND (NOT FALSE))",
      params: [],
    });
  });
});

describe('scimUserOrderBySql', () => {
  it('orders by the sort key, missing values last, id as tie-breaker', () => {
    expect(scimUserOrderBySql(resolveScimUserSortBy('userName'), 'ascending', 'u')).toBe(
      'u.username_sort ASC NULLS LAST, u.id ASC',
    );
    expect(scimUserOrderBySql(resolveScimUserSortBy('externalId'), 'descending', 'u')).toBe(
      "nullif(u.external_id, '') DESC NULLS LAST, u.id DESC",
    );
  });
});
