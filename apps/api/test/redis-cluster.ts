/**
 * A three-master Redis Cluster on loopback, started by a test from the redis-server and redis-cli on the PATH,
 * with no persistence, in a temporary directory removed by stop().
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RedisCluster {
  /** The seeds as REDIS_CLUSTER_NODES takes them: `127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3`. */
  nodes: string;
  ports: number[];
  /** Shuts one node down (nosave), as a crash would take it away. */
  stopNode(port: number): Promise<void>;
  /** Starts a node stopped by stopNode again and waits until it serves its slots. */
  restartNode(port: number): Promise<void>;
  /** Shuts every node down (nosave) and removes the directory; safe to call twice or after a failed start. */
  stop(): Promise<void>;
}

/** Whether nothing listens on the port of loopback. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Three ports whose cluster bus ports (port + 10000) are free as well, from a random start so two test runs on
 * one machine rarely meet.
 */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  let port = 21000 + Math.floor(Math.random() * 8000);
  while (ports.length < count) {
    if ((await isFree(port)) && (await isFree(port + 10000))) ports.push(port);
    port += 1;
  }
  return ports;
}

export const cli = (port: number, ...args: string[]) =>
  run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 });

/** Starts three masters, joins them (slots split three ways, no replicas) and waits until each says cluster_state:ok. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-redis-cluster-'));
  const ports = await freePorts(3);
  const started: number[] = [];
  const stop = async () => {
    await Promise.all(started.splice(0).map((port) => cli(port, 'shutdown', 'nosave').catch(() => undefined)));
    await rm(dir, { recursive: true, force: true });
  };
  const startNode = async (port: number) => {
    await run('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--save',
      '',
      '--appendonly',
      'no',
      // A node a test shuts down is not failed over within the test: the cluster stays "ok" meanwhile.
      '--cluster-node-timeout',
      '60000',
      '--dir',
      dir,
      '--daemonize',
      'yes',
      '--logfile',
      join(dir, `redis-${port}.log`),
    ]);
    started.push(port);
  };
  try {
    for (const port of ports) await startNode(port);
    // A daemonized server answers a moment after redis-server returns.
    for (const port of ports) await until(async () => (await cli(port, 'ping')).stdout.trim() === 'PONG');
    await cli(
      ports[0]!,
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    );
    for (const port of ports) {
      await until(async () => (await cli(port, 'cluster', 'info')).stdout.includes('cluster_state:ok'));
    }
    const stopNode = async (port: number) => {
      started.splice(started.indexOf(port), 1);
      await cli(port, 'shutdown', 'nosave').catch(() => undefined); // the connection drops as it goes
    };
    // It comes back from its nodes file with its slots (and, without persistence, no data).
    const restartNode = async (port: number) => {
      await startNode(port);
      await until(async () => (await cli(port, 'cluster', 'info')).stdout.includes('cluster_state:ok'));
    };
    return { nodes: ports.map((port) => `127.0.0.1:${port}`).join(','), ports, stopNode, restartNode, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls `check` (errors count as "not yet") every 50 ms for up to 10 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error('The Redis Cluster did not come up within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
