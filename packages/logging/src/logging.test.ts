import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { runWithLogger } from './log-context.js';
import { NestPinoLogger } from './nest-logger.js';
import { REDACTED } from './redaction.js';

async function capture(level: 'debug' | 'info' = 'debug') {
  const output: string[] = [];
  const logger = await createLogger({
    service: 'test',
    level,
    format: 'pretty', // a destination always gets JSON
    destination: { write: (chunk: string) => void output.push(chunk) },
  });
  const entries = () => output.map((line) => JSON.parse(line) as Record<string, any>);
  return { logger, entries };
}

describe('createLogger', () => {
  it('writes JSON lines with the service, a level word and an ISO time', async () => {
    const { logger, entries } = await capture('info');
    logger.info({ route: '/x' }, 'hello');
    logger.debug('below the level');
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'info', service: 'test', route: '/x', msg: 'hello', time: expect.any(String) }),
    ]);
    expect(new Date(entries()[0]!.time).toISOString()).toBe(entries()[0]!.time);
  });

  it('redacts credentials at the top level and in the usual containers, headers, and failed queries’ values', async () => {
    const { logger, entries } = await capture();
    logger.info({
      password: 'p1',
      body: { newPassword: 'p2', token: 't1', name: 'Ann' },
      user: { username: 'ann', passwordHash: '$argon2id$…' },
      data: { apiKey: 'k1', secret: 's1' },
      req: { headers: { authorization: 'Bearer t2', cookie: 'c=1', 'x-api-key': 'k2', accept: 'json' } },
      err: { message: 'insert failed', parameters: ['hash'], driverError: { detail: 'Failing row contains (hash)' } },
    });
    const entry = entries()[0]!;
    expect(entry.password).toBe(REDACTED);
    expect(entry.body).toEqual({ newPassword: REDACTED, token: REDACTED, name: 'Ann' });
    expect(entry.user).toEqual({ username: 'ann', passwordHash: REDACTED });
    expect(entry.data).toEqual({ apiKey: REDACTED, secret: REDACTED });
    expect(entry.req.headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'x-api-key': REDACTED,
      accept: 'json',
    });
    expect(entry.err).toMatchObject({
      message: 'insert failed',
      parameters: REDACTED,
      driverError: { detail: REDACTED },
    });
  });
});

describe('NestPinoLogger', () => {
  it("maps Nest's calls: the context, a stack passed beside the message, an Error, an object", async () => {
    const { logger, entries } = await capture();
    const nest = new NestPinoLogger(logger);
    nest.log('Mapped {/api/v1/me, GET} route', 'RouterExplorer');
    nest.error('Boot failed', 'Error: boom\n    at main (main.js:1:1)', 'ExceptionHandler');
    nest.warn(new Error('as an error'));
    nest.debug({ accountId: 'a1' }, 'Usage');
    nest.verbose('finest');
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/api/v1/me, GET} route' }),
      expect.objectContaining({
        level: 'error',
        context: 'ExceptionHandler',
        msg: 'Boot failed',
        err: expect.objectContaining({ type: 'Error', stack: 'Error: boom\n    at main (main.js:1:1)' }),
      }),
      expect.objectContaining({ level: 'warn', err: expect.objectContaining({ message: 'as an error' }) }),
      expect.objectContaining({ level: 'debug', context: 'Usage', accountId: 'a1' }),
    ]); // verbose is trace: below debug
  });

  it('writes through the current request’s or job’s logger, so its lines carry that id', async () => {
    const { logger, entries } = await capture();
    const nest = new NestPinoLogger(logger);
    runWithLogger(logger.child({ requestId: 'r-1' }), () => nest.log('inside', 'Service'));
    nest.log('outside', 'Service');
    expect(entries().map((entry) => [entry.msg, entry.requestId])).toEqual([
      ['inside', 'r-1'],
      ['outside', undefined],
    ]);
  });
});
