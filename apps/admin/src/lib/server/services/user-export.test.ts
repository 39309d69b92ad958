import { describe, expect, it } from 'vitest';
import { exportUsers } from './user-export';
import { fakeApi, problem, rejection } from './testing';

const TENANT = '01a21c6e-4977-7144-bdef-a402fc7fc48a';

describe('exportUsers', () => {
  it('asks for the filters and format given, and hands the body on unread with the API’s type and name', async () => {
    const { api, requests } = fakeApi(
      () =>
        new Response('id,username\r\n', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="users-acme-2026-03-04.csv"',
          },
        }),
    );
    const file = await exportUsers(api, TENANT, { format: 'csv', isActive: 'true', sort: '-createdAt' });
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe(`/api/v1/tenants/${TENANT}/users/export`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', isActive: 'true', sort: '-createdAt' });
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename="users-acme-2026-03-04.csv"');
    expect(await new Response(file.body).text()).toBe('id,username\r\n');
  });

  it('turns the API’s problems into errors a page can show', async () => {
    const { api } = fakeApi(() => problem(404, 'Group 123 was not found.'));
    const error = await rejection(exportUsers(api, TENANT, { groupId: TENANT }));
    expect(error.status).toBe(404);
    expect(error.message).toBe('Group 123 was not found.');
    const busy = await rejection(exportUsers(fakeApi(() => problem(429, {}, { 'retry-after': '10' })).api, TENANT, {}));
    expect(busy.kind).toBe('rate-limited');
    expect(busy.message).toContain('Other exports are running');
  });
});
