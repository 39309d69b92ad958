import { describe, expect, it } from 'vitest';
import { getStatementCsv, listStatements } from './statements';
import { fakeApi, problem, rejection } from './testing';

const ACCOUNT = '4e0c7a9b-2d5f-4b8e-a3c1-9f6d8b2e5a70';

describe('listStatements', () => {
  it('asks for a page of 12 and passes the cursor on', async () => {
    const { api, requests } = fakeApi(() => Response.json({ items: [], nextCursor: null }));
    await listStatements(api, ACCOUNT, 'abc');
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe(`/api/v1/accounts/${ACCOUNT}/usage/statements`);
    expect(url.searchParams.get('limit')).toBe('12');
    expect(url.searchParams.get('cursor')).toBe('abc');
  });

  it('explains a 403 for a role without usage', async () => {
    const { api } = fakeApi(() => problem(403));
    const error = await rejection(listStatements(api, ACCOUNT, null));
    expect(error.message).toContain('billing operators');
  });
});

describe('getStatementCsv', () => {
  it('returns the CSV as text with the API’s file name', async () => {
    const { api, requests } = fakeApi(
      () =>
        new Response('scope,dimension\naccount,named\n', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="statement-2026-11-01.csv"',
          },
        }),
    );
    const csv = await getStatementCsv(api, ACCOUNT, '2026-11-01');
    expect(new URL(requests[0]!.url).searchParams.get('format')).toBe('csv');
    expect(csv.body).toBe('scope,dimension\naccount,named\n');
    expect(csv.disposition).toBe('attachment; filename="statement-2026-11-01.csv"');
  });

  it('turns the API’s problem into a ServiceError with its detail', async () => {
    const { api } = fakeApi(() => problem(404, 'No statement closed for the period starting 2026-11-01.'));
    const error = await rejection(getStatementCsv(api, ACCOUNT, '2026-11-01'));
    expect(error.status).toBe(404);
    expect(error.message).toBe('No statement closed for the period starting 2026-11-01.');
  });
});
