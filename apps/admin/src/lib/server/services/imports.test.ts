import { describe, expect, it } from 'vitest';
import { applyImport, cancelImport, importErrorReport, listImports, startImport } from './imports';
import { fakeApi, problem, rejection } from './testing';

const TENANT = '01a21c6e-4977-7144-bdef-a402fc7fc48a';
const IMPORT = '01a21c6e-4977-7144-bdef-a402fc7fc48b';
const STARTED = { importId: IMPORT, jobId: `import-${IMPORT}` };

/** A body arriving in pieces, as a browser's upload does. */
function arriving(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

describe('startImport', () => {
  it('sends the file as it arrives, with its media type and whether it is a dry run', async () => {
    const { api, requests } = fakeApi(() => Response.json(STARTED, { status: 202 }));
    const started = await startImport(api, TENANT, {
      body: arriving('username,email\r\n', 'ada,ada@acme.com\r\n'),
      mediaType: 'text/csv',
      dryRun: true,
    });
    expect(started).toEqual(STARTED);
    const sent = requests[0]!;
    const url = new URL(sent.url);
    expect(sent.method).toBe('POST');
    expect(url.pathname).toBe(`/api/v1/tenants/${TENANT}/imports`);
    expect(url.searchParams.get('dryRun')).toBe('true');
    expect(sent.headers.get('content-type')).toBe('text/csv');
    expect(await sent.text()).toBe('username,email\r\nada,ada@acme.com\r\n');
  });

  it('asks for a direct import without the dry run', async () => {
    const { api, requests } = fakeApi(() => Response.json(STARTED, { status: 202 }));
    await startImport(api, TENANT, {
      body: arriving('{"username":"ada"}\n'),
      mediaType: 'application/x-ndjson',
      dryRun: false,
    });
    expect(new URL(requests[0]!.url).searchParams.get('dryRun')).toBe('false');
    expect(requests[0]!.headers.get('content-type')).toBe('application/x-ndjson');
  });

  it('passes the API’s refusal on in its words, with the column it names', async () => {
    const { api } = fakeApi(() =>
      problem(400, {
        detail: 'The file has a column "colour" that imports do not know.',
        errors: [{ field: 'colour', message: 'unknown column' }],
      }),
    );
    const error = await rejection(
      startImport(api, TENANT, { body: arriving('colour\r\n'), mediaType: 'text/csv', dryRun: true }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe('The file has a column "colour" that imports do not know.');
    expect(error.fieldErrors).toEqual({ colour: 'Unknown column.' });
    const forbidden = await rejection(
      startImport(fakeApi(() => problem(403)).api, TENANT, {
        body: arriving('x'),
        mediaType: 'text/csv',
        dryRun: true,
      }),
    );
    expect(forbidden.message).toMatch(/Only owners, admins/);
  });

  it('says the upload broke off when the browser’s side fails, and names the console’s size limit', async () => {
    const broken = (reason: unknown) =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.error(reason);
        },
      });
    // The API reads the body; a body that errors makes the call fail as fetch would.
    const reading = fakeApi(async (request) => {
      await request.text();
      return Response.json(STARTED, { status: 202 });
    });
    const cut = await rejection(
      startImport(reading.api, TENANT, { body: broken(new Error('aborted')), mediaType: 'text/csv', dryRun: true }),
    );
    expect(cut.message).toMatch(/broke off before the whole file arrived/);
    const tooLarge = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT'), { status: 413 });
    const limited = await rejection(
      startImport(reading.api, TENANT, { body: broken(tooLarge), mediaType: 'text/csv', dryRun: true }),
    );
    expect(limited.status).toBe(413);
    expect(limited.message).toMatch(/BODY_SIZE_LIMIT/);
  });
});

describe('an import once started', () => {
  it('lists the tenant’s imports with the paging asked for', async () => {
    const { api, requests } = fakeApi(() => Response.json({ items: [], nextCursor: null, total: 0 }));
    await listImports(api, TENANT, { limit: 20, includeTotal: 'true' });
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe(`/api/v1/tenants/${TENANT}/imports`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: '20', includeTotal: 'true' });
  });

  it('applies and cancels, saying why when the state does not allow it', async () => {
    const { api, requests } = fakeApi(() => Response.json(STARTED, { status: 202 }));
    await applyImport(api, TENANT, IMPORT);
    expect(new URL(requests[0]!.url).pathname).toBe(`/api/v1/tenants/${TENANT}/imports/${IMPORT}/apply`);
    const late = await rejection(
      applyImport(
        fakeApi(() => problem(409, 'The import is completed: it is being or was applied already.')).api,
        TENANT,
        IMPORT,
      ),
    );
    expect(late.kind).toBe('conflict');
    expect(late.message).toBe('The import is completed: it is being or was applied already.');
    const finished = await rejection(cancelImport(fakeApi(() => problem(409)).api, TENANT, IMPORT));
    expect(finished.message).toMatch(/nothing to cancel/);
    const gone = await rejection(cancelImport(fakeApi(() => problem(404)).api, TENANT, IMPORT));
    expect(gone.message).toMatch(/does not exist in this tenant/);
  });

  it('hands the error report on unread, with the API’s type and name', async () => {
    const { api, requests } = fakeApi(
      () =>
        new Response('line,field,message\r\n5,email,must be a valid email address\r\n', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="import-${IMPORT}-errors.csv"`,
          },
        }),
    );
    const report = await importErrorReport(api, TENANT, IMPORT);
    expect(new URL(requests[0]!.url).searchParams.get('format')).toBe('csv');
    expect(report.contentType).toBe('text/csv; charset=utf-8');
    expect(report.disposition).toBe(`attachment; filename="import-${IMPORT}-errors.csv"`);
    expect(await new Response(report.body).text()).toContain('5,email,must be a valid email address');
    const missing = await rejection(importErrorReport(fakeApi(() => problem(404)).api, TENANT, IMPORT));
    expect(missing.status).toBe(404);
  });
});
