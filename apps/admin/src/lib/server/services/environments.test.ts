import { describe, expect, it } from 'vitest';
import {
  deleteEnvironment,
  readDomainList,
  readEnvironmentForm,
  replaceEnvironmentDomains,
  updateEnvironment,
} from './environments';
import { fakeApi, formData, problem, rejection } from './testing';

const ENVIRONMENT_ID = '01930000-0000-7000-8000-0000000000e1';

describe('readEnvironmentForm', () => {
  it('reads the switch as off when the box sent nothing', () => {
    expect(
      readEnvironmentForm(
        formData([
          ['name', ' Staging '],
          ['kind', 'non-production'],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: { name: 'Staging', kind: 'non-production', classifyAllInternal: false },
    });
    expect(
      readEnvironmentForm(
        formData([
          ['name', 'Prod'],
          ['kind', 'production'],
          ['classifyAllInternal', 'on'],
        ]),
      ),
    ).toEqual({ ok: true, value: { name: 'Prod', kind: 'production', classifyAllInternal: true } });
  });

  it('names a missing name and an unknown kind', () => {
    const read = readEnvironmentForm(
      formData([
        ['name', ''],
        ['kind', 'testing'],
      ]),
    );
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.fieldErrors).sort()).toEqual(['kind', 'name']);
  });
});

describe('readDomainList', () => {
  it('keeps the entries in order, drops blanks, and keeps them one a line to refill the editor', () => {
    const data = formData(
      ['', 'acme.com', ' HR.acme.com ', 'acme.com'].map((value): [string, string] => ['domain', value]),
    );
    expect(readDomainList(data)).toEqual({
      domains: ['acme.com', 'HR.acme.com', 'acme.com'],
      values: { domains: 'acme.com\nHR.acme.com\nacme.com' },
    });
  });
});

describe('replaceEnvironmentDomains', () => {
  it('puts the list and returns the normalized one', async () => {
    const { api, requests } = fakeApi(() => Response.json({ domains: ['acme.com'] }));
    await expect(replaceEnvironmentDomains(api, ENVIRONMENT_ID, ['ACME.com.'])).resolves.toEqual(['acme.com']);
    expect(requests[0]?.method).toBe('PUT');
    expect(requests[0]?.url).toBe(`http://api.test/api/v1/environments/${ENVIRONMENT_ID}/internal-domains`);
    await expect(requests[0]?.json()).resolves.toEqual({ domains: ['ACME.com.'] });
  });

  it('keeps the API’s message per entry and sums them up in the editor’s terms', async () => {
    const { api } = fakeApi(() =>
      problem(400, {
        detail: 'The request has 2 invalid field(s): domains.0, domains.2.',
        errors: [
          { field: 'domains.0', message: 'wildcards are not supported; list each domain exactly' },
          { field: 'domains.2', message: 'must be a domain, not an email address (no "@")' },
        ],
      }),
    );
    const error = await rejection(replaceEnvironmentDomains(api, ENVIRONMENT_ID, ['*.a.com', 'b.com', 'c@d.com']));
    expect(error.kind).toBe('invalid');
    expect(error.status).toBe(400);
    expect(error.message).toBe('2 domains are not valid: see the message beside each, then save again.');
    expect(error.fieldErrors).toEqual({
      'domains.0': 'Wildcards are not supported; list each domain exactly.',
      'domains.2': 'Must be a domain, not an email address (no "@").',
    });
  });

  it('leaves other refusals as the API said them', async () => {
    const { api } = fakeApi(() =>
      problem(400, { detail: 'at most 1000 domains', errors: [{ field: 'domains', message: 'at most 1000 domains' }] }),
    );
    expect((await rejection(replaceEnvironmentDomains(api, ENVIRONMENT_ID, []))).message).toBe('at most 1000 domains');
    const forbidden = fakeApi(() => problem(403));
    expect((await rejection(replaceEnvironmentDomains(forbidden.api, ENVIRONMENT_ID, []))).message).toBe(
      'Only owners and admins change internal domains.',
    );
  });
});

describe('environment calls', () => {
  it('shows why a delete was refused while tenants exist', async () => {
    const { api } = fakeApi(() =>
      problem(409, { detail: 'The environment still has 2 tenant(s); delete or move them first.' }),
    );
    const error = await rejection(deleteEnvironment(api, ENVIRONMENT_ID));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('The environment still has 2 tenant(s); delete or move them first.');

    const bare = fakeApi(() => problem(409));
    expect((await rejection(deleteEnvironment(bare.api, ENVIRONMENT_ID))).message).toBe(
      'The environment still has tenants; delete them first.',
    );
  });

  it('patches only what the form sent', async () => {
    const environment = {
      id: ENVIRONMENT_ID,
      accountId: '01930000-0000-7000-8000-000000000001',
      name: 'Prod',
      kind: 'production',
      classifyAllInternal: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const { api, requests } = fakeApi(() => Response.json(environment));
    await updateEnvironment(api, ENVIRONMENT_ID, { classifyAllInternal: true });
    expect(requests[0]?.method).toBe('PATCH');
    await expect(requests[0]?.json()).resolves.toEqual({ classifyAllInternal: true });
  });
});
