import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type BuiltApi, startBuiltApi } from './built-api.js';
import { ADMIN } from './harness.js';

/**
 * SIGTERM under load, against the built API in its own process: no request that reached the process
 * is lost, readiness fails during SHUTDOWN_DELAY, and the process exits 0 well within SHUTDOWN_TIMEOUT
 * (or 1, with a log line, when a request outlasts it).
 */

interface Answer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request on `agent`; rejects with the socket error (ECONNREFUSED, ECONNRESET …). */
function send(agent: Agent, url: string, method: string, path: string, body?: unknown, token?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      `${url}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          if (!res.complete) return reject(new Error('response cut short'));
          resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** What one request of the load must answer; a different answer is a failure. */
type Kind = 'login' | 'me' | 'accounts';
function correct(kind: Kind, answer: Answer): boolean {
  if (answer.status !== 200) return false;
  if (kind === 'login') return typeof answer.body?.token === 'string';
  if (kind === 'me') return answer.body?.username === ADMIN.username;
  return Array.isArray(answer.body?.items);
}

interface Outcome {
  kind: Kind;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  closesConnection?: boolean;
  /** Set when the request failed: refused (never reached the process) or anything else. */
  error?: string;
  detail?: string;
}

const LOAD_CLIENTS = 20;
const LOGIN_CLIENTS = 6;
const SLOW_CLIENTS = 3;
const SHUTDOWN_DELAY_MS = 1_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** How long a slow client takes to send its login body: it spans the moment the listener closes. */
const SLOW_UPLOAD_MS = 2_500;

/**
 * A login whose body trickles in over SLOW_UPLOAD_MS, like a client on a poor mobile link, on a
 * keep-alive connection: Fastify's close() would wait for such a connection until its keep-alive
 * timeout (72 s) unless the response closes it.
 */
function slowLogin(url: string): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(ADMIN));
    const req = httpRequest(
      `${url}/api/v1/auth/login`,
      {
        method: 'POST',
        agent: new Agent({ keepAlive: true }),
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.flushHeaders();
    const pieces = 10;
    let sent = 0;
    const timer = setInterval(() => {
      const end = Math.ceil(((sent + 1) * payload.length) / pieces);
      req.write(payload.subarray(Math.ceil((sent * payload.length) / pieces), end));
      sent += 1;
      if (sent === pieces) {
        clearInterval(timer);
        req.end();
      }
    }, SLOW_UPLOAD_MS / pieces);
  });
}

/** Whether a new TCP connection to the API is refused (the listener is closed). */
function refused(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the API stopped with SIGTERM', () => {
  let api: BuiltApi | undefined;
  afterEach(async () => {
    await api?.cleanup();
    api = undefined;
  });

  it('under load: answers every request that reached it, fails readiness during the delay, drains, exits 0', async () => {
    api = await startBuiltApi({
      SHUTDOWN_DELAY: `${SHUTDOWN_DELAY_MS}ms`,
      SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`,
    });
    const { url } = api;
    const setup = new Agent();
    const signIn = await send(setup, url, 'POST', '/api/v1/auth/login', ADMIN);
    expect(signIn.status).toBe(200);
    const token = signIn.body.token as string;

    // The load balancer: routes new connections to this replica while its readiness probe answers
    // 200, polled on a fresh connection every 50 ms (Kubernetes polls every few seconds, which is
    // what SHUTDOWN_DELAY covers in production).
    let routable = true;
    let stopped = false;
    const probes: { at: number; status: number; shuttingDown?: boolean }[] = [];
    const balancer = (async () => {
      const agent = new Agent({ keepAlive: false });
      while (!stopped) {
        try {
          const answer = await send(agent, url, 'GET', '/api/health/ready');
          probes.push({ at: Date.now(), status: answer.status, shuttingDown: answer.body?.shuttingDown });
          if (answer.status !== 200) routable = false;
        } catch {
          routable = false; // refused: the listener is closed
        }
        await sleep(50);
      }
    })();

    // Each client: one keep-alive connection (maxSockets 1), requests back to back. It opens a new
    // connection only while the balancer routes here, and goes on using an open one until the API
    // closes it (Connection: close), as a proxy in front of the API does.
    const outcomes: Outcome[] = [];
    const client = async (index: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const kinds: Kind[] = index < LOGIN_CLIENTS ? ['login'] : ['me', 'accounts'];
      for (let i = 0; !stopped; i++) {
        const connected = Object.values(agent.freeSockets).some((sockets) => (sockets?.length ?? 0) > 0);
        if (!routable && !connected) break;
        const kind = kinds[i % kinds.length]!;
        const startedAt = Date.now();
        try {
          const answer =
            kind === 'login'
              ? await send(agent, url, 'POST', '/api/v1/auth/login', ADMIN)
              : await send(agent, url, 'GET', kind === 'me' ? '/api/v1/me' : '/api/v1/accounts', undefined, token);
          const ok = correct(kind, answer);
          outcomes.push({
            kind,
            startedAt,
            endedAt: Date.now(),
            ok,
            closesConnection: answer.headers.connection === 'close',
            ...(ok ? {} : { detail: `${answer.status} ${JSON.stringify(answer.body)}` }),
          });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          outcomes.push({ kind, startedAt, endedAt: Date.now(), ok: false, error: code });
          break;
        }
      }
      agent.destroy();
    };

    const clients = Array.from({ length: LOAD_CLIENTS }, (_, index) => client(index));
    await sleep(1_300);
    expect(outcomes.length).toBeGreaterThanOrEqual(LOAD_CLIENTS); // guard: the load is real
    // Slow uploads, begun before the signal, still sending when the listener closes.
    const slow = Array.from({ length: SLOW_CLIENTS }, () =>
      slowLogin(url).then(
        (answer) => ({ answer, endedAt: Date.now() }),
        (error: Error) => ({ error: (error as NodeJS.ErrnoException).code ?? error.message, endedAt: Date.now() }),
      ),
    );
    await sleep(200);

    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    // Still accepting during the delay (the balancer is not quicker than its probe) …
    await sleep(SHUTDOWN_DELAY_MS / 2);
    expect(await refused(url)).toBe(false);
    // … and refusing new connections once it is over, while the slow uploads are still in flight.
    await sleep(SHUTDOWN_DELAY_MS / 2 + 300);
    const refusedAt = Date.now();
    expect(await refused(url)).toBe(true);

    const exit = await api.exited;
    stopped = true;
    await Promise.all([...clients, balancer]);
    const slowResults = await Promise.all(slow);
    setup.destroy();

    // Not one request failed: no reset, no cut-short response, no 5xx, no 503.
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    // Requests were served after the signal, logins included, each closing its connection.
    const afterSignal = outcomes.filter((o) => o.startedAt > signalledAt);
    expect(afterSignal.length).toBeGreaterThan(0);
    // The process takes a moment to handle the signal, so the client's clock cannot say which requests it
    // received while shutting down; the first readiness answer of 503 can: it was sent once the API was
    // shutting down, so every request begun after that answer arrived reached an API already shutting down.
    const shuttingDownBy = probes.find((p) => p.at > signalledAt && p.status === 503)?.at;
    expect(shuttingDownBy).toBeDefined();
    // (Few or none begin that late: each client stops once its connection is closed and the probe fails.)
    const afterShutdownBegan = outcomes.filter((o) => o.startedAt > shuttingDownBy!);
    expect(afterShutdownBegan.every((o) => o.closesConnection)).toBe(true);
    expect(afterSignal.some((o) => o.closesConnection)).toBe(true);
    const inFlightAtSignal = outcomes.filter((o) => o.startedAt < signalledAt && o.endedAt > signalledAt);
    expect(inFlightAtSignal.length).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.kind === 'login' && o.endedAt > signalledAt)).toBe(true);

    // Drained: the slow uploads, in flight when the listener closed, got their complete, correct answer.
    for (const result of slowResults) {
      expect(result).toMatchObject({ answer: { status: 200 } });
      expect(typeof (result as { answer: Answer }).answer.body.token).toBe('string');
      expect(result.endedAt).toBeGreaterThan(refusedAt);
    }

    // Readiness: 200 before the signal, 503 with shuttingDown from the signal until the listener closed.
    expect(probes.filter((p) => p.at < signalledAt).every((p) => p.status === 200)).toBe(true);
    const during = probes.filter((p) => p.at > signalledAt + 50);
    expect(during.length).toBeGreaterThan(5);
    expect(during.every((p) => p.status === 503 && p.shuttingDown === true)).toBe(true);

    // A clean drain exits 0, once the last slow upload was answered, well within the timeout.
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(api.output()).toContain('Stopped cleanly');
  }, 60_000);

  it('exits 1 with a log line when a request is still open after SHUTDOWN_TIMEOUT', async () => {
    api = await startBuiltApi({ SHUTDOWN_DELAY: '0s', SHUTDOWN_TIMEOUT: '1s' });
    // A request whose body never finishes arriving: in flight for as long as the connection stays.
    const port = Number(new URL(api.url).port);
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    const exit = await api.exited;
    socket.destroy();
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(950);
    expect(exit.at - signalledAt).toBeLessThan(5_000);
    expect(api.output()).toMatch(/did not finish within SHUTDOWN_TIMEOUT \(1000 ms\)/);
  });
});
