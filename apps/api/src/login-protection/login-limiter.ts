import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type BlockStep,
  IP_BLOCK_STEPS,
  LOGIN_FAILURE_WINDOW_MS,
  PAIR_BLOCK_STEPS,
  retryAfterSeconds,
  USERNAME_CEILING_STEPS,
} from '@roster/domain';
import { type RedisClient, untagged } from '@roster/ops';
import { Clock } from '../common/clock.js';
import { Problem, TITLES } from '../common/problems.js';
import { CONFIG, type Config } from '../config/config.js';
import { ApiMetrics, type BlockScope } from '../metrics/api-metrics.js';
import { LOGIN_REDIS } from './login-redis.js';
import { UsernameHasher } from './username-hash.js';

/**
 * Shared by the scripts: three scopes, each a sorted set of the failures in the window and one of the
 * attempts in flight (pending): KEYS 1–2 the address, 3–4 the (username, address) pair, 5–6 the username
 * across addresses; KEYS[7] the realm's index of blocks (member → until), KEYS[8] the addresses the
 * username failed from (so unblocking the user finds its pairs). Index members: ip|<ip>, pair|<hash>|<ip>,
 * user|<hash>. ARGV 1–5: now, window, member, ttl, stale pending; then each scope's steps.
 */
const COMMON = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local member = ARGV[3]
local ttl = tonumber(ARGV[4])
local stalePending = tonumber(ARGV[5])
local ip, pairName, userName = ARGV[6], ARGV[7], ARGV[8]
local function steps(offset)
  local count = tonumber(ARGV[offset])
  local parsed = {}
  for i = 1, count do
    parsed[i] = { tonumber(ARGV[offset + 2 * i - 1]), tonumber(ARGV[offset + 2 * i]) }
  end
  return parsed, offset + 2 * count + 1
end
local ipSteps, next = steps(9)
local pairSteps, next2 = steps(next)
local userSteps = steps(next2)
local scopes = {
  { failures = KEYS[1], pending = KEYS[2], rules = ipSteps, name = 'ip|' .. ip },
  { failures = KEYS[3], pending = KEYS[4], rules = pairSteps, name = 'pair|' .. pairName },
  { failures = KEYS[5], pending = KEYS[6], rules = userSteps, name = 'user|' .. userName },
}
local function blockedUntil(scope)
  local count = redis.call('ZCARD', scope.failures)
  if count == 0 then return 0 end
  local last = tonumber(redis.call('ZRANGE', scope.failures, -1, -1, 'WITHSCORES')[2])
  for _, rule in ipairs(scope.rules) do
    if count >= rule[1] then
      local untilMs = last + rule[2] * 1000
      if untilMs > now then return untilMs end
      return 0
    end
  end
  return 0
end
-- A failure of the scope at time 'at': counted, and the block it may begin entered in the index.
local function fail(scope, at)
  redis.call('ZADD', scope.failures, at, member)
  redis.call('PEXPIRE', scope.failures, ttl)
  local untilMs = blockedUntil(scope)
  if untilMs > 0 then
    -- Blocks that ended leave the index as new ones come in, so it holds about the blocks in force.
    redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', now)
    redis.call('ZADD', KEYS[7], untilMs, scope.name)
    redis.call('PEXPIRE', KEYS[7], ttl)
  end
  return redis.call('ZCOUNT', scope.failures, '(' .. (at - window), '+inf')
end
`;

/**
 * Neither the failures nor the pending attempts block: the attempt is counted as pending and goes ahead.
 * Blocked by the address's or the pair's failures: refused, and the refusal counts as a failure of the
 * address (a client that keeps hammering escalates to the long block), never of the pair (a person retrying
 * during 30 s is not escalated to 30 min). Held back by the username's ceiling: refused, counted nowhere (the
 * address may be the real user's). Not blocked, but the attempts in flight would reach a threshold if they
 * all failed: the attempt waits (status 3, not counted) until they end. So exactly as many parallel guesses
 * get through as failures are allowed, while parallel logins that succeed are only held back a moment.
 * Pending attempts older than a login can take (their API process died) become failures.
 * Answers {status, until, address failures}: 0 go ahead, 1 address blocked, 2 pair blocked, 3 wait,
 * 4 username held back by the ceiling.
 */
const RESERVE = `${COMMON}
for _, scope in ipairs(scopes) do
  local stale = redis.call('ZRANGEBYSCORE', scope.pending, '-inf', now - stalePending, 'WITHSCORES')
  for i = 1, #stale, 2 do redis.call('ZADD', scope.failures, stale[i + 1], stale[i]) end
  redis.call('ZREMRANGEBYSCORE', scope.pending, '-inf', now - stalePending)
  redis.call('ZREMRANGEBYSCORE', scope.failures, '-inf', now - window)
end
for index = 1, 3 do
  local untilMs = blockedUntil(scopes[index])
  if untilMs > 0 then
    if index == 3 then return { 4, untilMs, 0 } end
    return { index, untilMs, fail(scopes[1], now) }
  end
end
-- Whether the attempts in flight, failing, would block this one: the failures and pending reach the
-- scope's lowest step (steps are ordered from the highest).
for _, scope in ipairs(scopes) do
  local inFlight = redis.call('ZCARD', scope.pending)
  if inFlight > 0 and redis.call('ZCARD', scope.failures) + inFlight >= scope.rules[#scope.rules][1] then
    return { 3, 0, 0 }
  end
end
for _, scope in ipairs(scopes) do
  redis.call('ZADD', scope.pending, now, member)
  redis.call('PEXPIRE', scope.pending, ttl)
end
return { 0, 0, 0 }
`;

/**
 * A failed attempt moves from the pending sets to the failures, keeping the time it started (ARGV[1] is
 * then that time). Answers each scope's failures within the window, for the metric of blocks imposed.
 */
const FAILED = `${COMMON}
local counts = {}
for index, scope in ipairs(scopes) do
  redis.call('ZREM', scope.pending, member)
  counts[index] = fail(scope, now)
end
redis.call('ZREMRANGEBYSCORE', KEYS[8], '-inf', now - window)
redis.call('ZADD', KEYS[8], now, ip)
redis.call('PEXPIRE', KEYS[8], ttl)
return counts
`;

/** The attempt ends without counting; a success (last ARGV = 1) also resets the pair. */
const ENDED = `${COMMON}
for _, scope in ipairs(scopes) do redis.call('ZREM', scope.pending, member) end
if ARGV[#ARGV] == '1' then
  redis.call('DEL', KEYS[3])
  redis.call('ZREM', KEYS[7], scopes[2].name)
  redis.call('ZREM', KEYS[8], ip)
end
return 0
`;

const flatten = (steps: readonly BlockStep[]) => [
  steps.length,
  ...steps.flatMap((step) => [step.failures, step.blockSeconds]),
];
const LONGEST_BLOCK_MS =
  Math.max(...[...PAIR_BLOCK_STEPS, ...IP_BLOCK_STEPS, ...USERNAME_CEILING_STEPS].map((s) => s.blockSeconds)) * 1000;
const KEY_TTL_MS = LOGIN_FAILURE_WINDOW_MS + LONGEST_BLOCK_MS;
const STEPS = [...flatten(IP_BLOCK_STEPS), ...flatten(PAIR_BLOCK_STEPS), ...flatten(USERNAME_CEILING_STEPS)];

/** 429 with Retry-After: what a blocked login hears. */
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new Problem(
    429,
    TITLES[429]!,
    `Too many failed logins; try again in ${retryAfterSeconds} seconds.`,
    undefined,
    retryAfterSeconds,
  );

/** 503: the attempt could not be decided because of the server, so it counts as nothing. */
export const loginUnavailable = (what: string) =>
  new Problem(
    503,
    TITLES[503]!,
    `Logins are unavailable: ${what}. This attempt was not counted as a failed login; try again shortly.`,
  );

const countersUnavailable = () =>
  loginUnavailable('the brute-force counters (Redis) did not answer in time or cannot be reached');

/** Where a login happens: one tenant's end users, or the deployment's operators. */
export type LoginRealm = { tenantId: string } | 'operators';

export type RefusalReason = 'blocked-ip' | 'blocked-user' | 'throttled-user';

interface LoginKeys {
  keys: string[];
  ip: string;
  usernameHash: string;
}

export interface LoginAttemptTicket extends LoginKeys {
  realm: LoginRealm;
  member: string;
  startedAt: number;
}

export type Reservation =
  { allowed: true; ticket: LoginAttemptTicket } | { allowed: false; reason: RefusalReason; retryAfterSeconds: number };

/** One block in force: an address, a (username, address) pair, or a username held back by its ceiling. */
export type LoginBlock =
  | { kind: 'address'; id: string; address: string; until: Date }
  | { kind: 'user-address'; id: string; usernameHash: string; address: string; until: Date }
  | { kind: 'username'; id: string; usernameHash: string; until: Date };

/** A login never takes this long; a pending attempt older than this belongs to an API process that died. */
const STALE_PENDING_MS = 60_000;
/** How long an attempt waits for the attempts in flight before it is turned away (429, not counted). */
const MAX_WAIT_MS = 10_000;
const WAIT_STEP_MS = 20;
const REFUSALS: Record<number, RefusalReason> = { 1: 'blocked-ip', 2: 'blocked-user', 4: 'throttled-user' };

/** 429 for an attempt that waited for parallel attempts that did not end: no block, try again at once. */
const tooManyInFlight = () =>
  new Problem(
    429,
    TITLES[429]!,
    'Too many logins for this username or address are in progress at once; try again in a second.',
    undefined,
    1,
  );

/** Brute-force counters in Redis, so every API replica sees the same state (API.md §6). */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger('LoginLimiter');

  constructor(
    @Inject(LOGIN_REDIS) private readonly redis: RedisClient,
    @Inject(CONFIG) private readonly config: Config,
    private readonly clock: Clock,
    private readonly metrics: ApiMetrics,
    private readonly hasher: UsernameHasher,
  ) {}

  /**
   * Lets the attempt go ahead (pending until succeeded, failed or released is called) or says what blocks
   * it and for how long. While attempts in flight could block it, it waits for them (real time, not the Clock's).
   */
  async reserve(realm: LoginRealm, username: string, ip: string): Promise<Reservation> {
    const keys = this.keys(realm, username, ip);
    const member = randomUUID();
    const deadline = performance.now() + MAX_WAIT_MS;
    for (;;) {
      const now = this.clock.now().getTime();
      // Fail closed: without the counters nothing would stop guessing.
      const [status, until, ipFailures] = (await this.run(RESERVE, keys, member, now)) as number[];
      if (status === 0) return { allowed: true, ticket: { ...keys, realm, member, startedAt: now } };
      if (status !== 3) {
        // A refusal for the address or the pair counts against the address: it may reach its next, longer block.
        if (status !== 4) this.blockBegun(realm, 'ip', ipFailures!);
        return {
          allowed: false,
          reason: REFUSALS[status!]!,
          retryAfterSeconds: retryAfterSeconds(until!, now),
        };
      }
      if (performance.now() > deadline) throw tooManyInFlight();
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS * (0.5 + Math.random())));
    }
  }

  /** A success resets the pair's failures and ends the attempt without counting it anywhere. */
  async succeeded(ticket: LoginAttemptTicket): Promise<void> {
    await this.run(ENDED, ticket, ticket.member, ticket.startedAt, '1');
  }

  /**
   * A failure counts against the address, the pair and the username, from the time the attempt started.
   * Answers the blocks this failure began (none, mostly), for the metric and the user.blocked event.
   */
  async failed(ticket: LoginAttemptTicket): Promise<BlockScope[]> {
    const [ipFailures, pairFailures, usernameFailures] = (await this.run(
      FAILED,
      ticket,
      ticket.member,
      ticket.startedAt,
    )) as number[];
    return [
      this.blockBegun(ticket.realm, 'ip', ipFailures!),
      this.blockBegun(ticket.realm, 'username', pairFailures!),
      this.blockBegun(ticket.realm, 'username-ceiling', usernameFailures!),
    ].filter((scope) => scope !== null);
  }

  /**
   * Runs the attempt. A verdict on the credentials (401, counted by failed) passes through; any other problem
   * passes through uncounted; anything else thrown is a fault of the server, not of the guesser: the attempt
   * ends uncounted and answers 503.
   */
  async decide<T>(ticket: LoginAttemptTicket, attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      const verdict = error instanceof Problem && error.getStatus() === 401;
      // Anything but a verdict leaves the attempt uncounted (a pending one would turn into a failure later).
      if (!verdict) await this.run(ENDED, ticket, ticket.member, ticket.startedAt, '0').catch(() => undefined);
      if (error instanceof Problem) throw error;
      this.logger.error(`Login attempt failed on the server, not counted: ${String(error)}`);
      throw loginUnavailable('the server could not complete this login (the database may be unavailable)');
    }
  }

  /** The username's key in the counters (and in the attempt log): a keyed hash, never the typed text. */
  usernameHash(username: string): string {
    return this.hasher.hash(username);
  }

  /** The blocks in force in the realm, soonest to end first. */
  async blocks(realm: LoginRealm): Promise<LoginBlock[]> {
    const index = this.base(realm) + ':blocks';
    const now = this.clock.now().getTime();
    const entries = await this.command(async () => {
      await this.redis.zremrangebyscore(index, '-inf', String(now));
      return this.redis.zrange(index, '0', '-1', 'WITHSCORES');
    });
    const blocks: LoginBlock[] = [];
    for (let i = 0; i < entries.length; i += 2) {
      const block = parseBlock(entries[i]!, new Date(Number(entries[i + 1])));
      if (block) blocks.push(block);
    }
    return blocks;
  }

  /** Lifts one block (and forgets the failures behind it); false when no such block is in force. */
  async unblock(realm: LoginRealm, blockId: string): Promise<boolean> {
    const base = this.base(realm);
    const block = parseBlock(blockId, new Date(0));
    if (!block) return false;
    return this.command(async () => {
      const multi = this.redis.multi().zrem(`${base}:blocks`, blockId);
      if (block.kind === 'address') multi.del(`${base}:ip:${block.address}`);
      if (block.kind === 'user-address') {
        multi.del(`${base}:pair:${block.usernameHash}:${block.address}`);
        multi.zrem(`${base}:user-addresses:${block.usernameHash}`, block.address);
      }
      if (block.kind === 'username') multi.del(`${base}:user:${block.usernameHash}`);
      const results = await multi.exec();
      return results?.[0]?.[1] === 1;
    });
  }

  /** Lifts every block of a username, from every address, and forgets its failures (an operator vouched for it). */
  async unblockUsername(realm: LoginRealm, username: string): Promise<void> {
    const base = this.base(realm);
    const hash = this.hasher.hash(username);
    await this.command(async () => {
      const addresses = await this.redis.zrange(`${base}:user-addresses:${hash}`, '0', '-1');
      const multi = this.redis
        .multi()
        .del(`${base}:user:${hash}`, `${base}:user-addresses:${hash}`)
        .zrem(`${base}:blocks`, `user|${hash}`);
      for (const address of addresses) {
        multi.del(`${base}:pair:${hash}:${address}`).zrem(`${base}:blocks`, `pair|${hash}|${address}`);
      }
      await multi.exec();
    });
  }

  /** The failure that brings a scope's count to a block step imposes that block. */
  /** The scope, counted in the metric, when this many failures begin one of its blocks; else null. */
  private blockBegun(realm: LoginRealm, scope: BlockScope, failures: number): BlockScope | null {
    const steps = { ip: IP_BLOCK_STEPS, username: PAIR_BLOCK_STEPS, 'username-ceiling': USERNAME_CEILING_STEPS }[scope];
    if (!steps.some((step) => step.failures === failures)) return null;
    this.metrics.countBlock(realm === 'operators' ? 'operator' : 'end-user', scope);
    return scope;
  }

  private run(script: string, keys: LoginKeys, member: string, now: number, ...extra: string[]): Promise<unknown> {
    return this.command(() =>
      this.redis.eval(
        script,
        keys.keys.length,
        ...keys.keys,
        now,
        LOGIN_FAILURE_WINDOW_MS,
        member,
        KEY_TTL_MS,
        STALE_PENDING_MS,
        keys.ip,
        `${keys.usernameHash}|${keys.ip}`,
        keys.usernameHash,
        ...STEPS,
        ...extra,
      ),
    );
  }

  /** A Redis error or timeout (the connection's commandTimeout) becomes 503, never a hang or a 500. */
  private async command<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      this.logger.warn(`Brute-force counters unavailable: ${String(error)}`);
      throw countersUnavailable();
    }
  }

  private base(realm: LoginRealm): string {
    const scope = realm === 'operators' ? 'operators' : `tenant:${realm.tenantId}`;
    // One hash tag per realm, so every key a script or MULTI touches lives in one Redis Cluster slot, and the
    // realms spread over the cluster's nodes: the prefix's own tag ({roster}) would pin them all to one.
    return `${untagged(this.config.queuePrefix)}:login:{${scope}}`;
  }

  /** Usernames appear only as keyed hashes of their one normal form; the address is kept to 45 characters. */
  private keys(realm: LoginRealm, username: string, rawIp: string): LoginKeys {
    const base = this.base(realm);
    const ip = rawIp.slice(0, 45);
    const hash = this.hasher.hash(username);
    return {
      ip,
      usernameHash: hash,
      keys: [
        `${base}:ip:${ip}`,
        `${base}:ip-pending:${ip}`,
        `${base}:pair:${hash}:${ip}`,
        `${base}:pair-pending:${hash}:${ip}`,
        `${base}:user:${hash}`,
        `${base}:user-pending:${hash}`,
        `${base}:blocks`,
        `${base}:user-addresses:${hash}`,
      ],
    };
  }
}

const HASH = /^[0-9a-f]{64}$/;

/** A block's id is its index entry; anything else names no block. */
function parseBlock(id: string, until: Date): LoginBlock | null {
  const [kind, first, second, ...rest] = id.split('|');
  if (rest.length > 0) return null;
  if (kind === 'ip' && first && second === undefined) return { kind: 'address', id, address: first, until };
  if (kind === 'pair' && first && HASH.test(first) && second) {
    return { kind: 'user-address', id, usernameHash: first, address: second, until };
  }
  if (kind === 'user' && first && HASH.test(first) && second === undefined) {
    return { kind: 'username', id, usernameHash: first, until };
  }
  return null;
}
