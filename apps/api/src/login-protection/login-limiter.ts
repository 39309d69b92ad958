import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type BlockStep,
  IP_BLOCK_STEPS,
  LOGIN_FAILURE_WINDOW_MS,
  retryAfterSeconds,
  USERNAME_BLOCK_STEPS,
} from '@roster/domain';
import type { Redis } from 'ioredis';
import { Clock } from '../common/clock.js';
import { Problem, TITLES } from '../common/problems.js';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../database/redis.module.js';
import { ApiMetrics, type BlockScope } from '../metrics/api-metrics.js';

/**
 * Two sorted sets per username and per address: the failures of the window, and the attempts in flight
 * (pending). Neither blocks: the attempt is counted as pending and goes ahead. Blocked by the failures:
 * refused, and the refusal counts as a failure of the address (a client that keeps hammering escalates
 * to the long block), never of the username (a person retrying during 30 s is not escalated to 30 min).
 * Not blocked, but the attempts in flight would reach a threshold if they all failed: the attempt waits
 * (status 3, not counted) until they end. So exactly as many parallel guesses get through as failures
 * are allowed, while parallel logins that succeed are only held back a moment, never blocked.
 * Pending attempts older than a login can take (their API process died) become failures.
 * The rules are those of packages/domain (blockedUntil); the tests hold the two in agreement.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local member = ARGV[3]
local ttl = tonumber(ARGV[4])
local stalePending = tonumber(ARGV[5])
local function steps(offset)
  local count = tonumber(ARGV[offset])
  local parsed = {}
  for i = 1, count do
    parsed[i] = { tonumber(ARGV[offset + 2 * i - 1]), tonumber(ARGV[offset + 2 * i]) }
  end
  return parsed, offset + 2 * count + 1
end
local userSteps, next = steps(6)
local ipSteps = steps(next)
local function settle(failures, pending)
  local stale = redis.call('ZRANGEBYSCORE', pending, '-inf', now - stalePending, 'WITHSCORES')
  for i = 1, #stale, 2 do redis.call('ZADD', failures, stale[i + 1], stale[i]) end
  redis.call('ZREMRANGEBYSCORE', pending, '-inf', now - stalePending)
  redis.call('ZREMRANGEBYSCORE', failures, '-inf', now - window)
end
local function blockedUntil(key, rules)
  local count = redis.call('ZCARD', key)
  if count == 0 then return 0 end
  local last = tonumber(redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2])
  for _, rule in ipairs(rules) do
    if count >= rule[1] then
      local untilMs = last + rule[2] * 1000
      if untilMs > now then return untilMs end
      return 0
    end
  end
  return 0
end
-- Whether the attempts in flight, failing, would block this one: the failures and pending reach the
-- lowest step (steps are ordered from the highest).
local function mustWait(failures, pending, rules)
  local inFlight = redis.call('ZCARD', pending)
  return inFlight > 0 and redis.call('ZCARD', failures) + inFlight >= rules[#rules][1]
end
local function count(key)
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, ttl)
end
settle(KEYS[1], KEYS[3])
settle(KEYS[2], KEYS[4])
local ipUntil = blockedUntil(KEYS[2], ipSteps)
local userUntil = 0
if ipUntil == 0 then userUntil = blockedUntil(KEYS[1], userSteps) end
if ipUntil > 0 or userUntil > 0 then
  count(KEYS[2])
  -- The address's failures now, for the metric of blocks imposed.
  local ipFailures = redis.call('ZCARD', KEYS[2])
  if ipUntil > 0 then return { 1, ipUntil, ipFailures } end
  return { 2, userUntil, ipFailures }
end
if mustWait(KEYS[2], KEYS[4], ipSteps) or mustWait(KEYS[1], KEYS[3], userSteps) then return { 3, 0 } end
count(KEYS[3])
count(KEYS[4])
return { 0, 0 }
`;

/**
 * A failed attempt moves from the pending sets to the failures, keeping the time it started. Answers
 * the username's and the address's failures within the window, for the metric of blocks imposed.
 */
const FAILED = `
local started = tonumber(ARGV[2])
local counts = {}
for i = 1, 2 do
  redis.call('ZREM', KEYS[i + 2], ARGV[1])
  redis.call('ZADD', KEYS[i], started, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[3]))
  counts[i] = redis.call('ZCOUNT', KEYS[i], '(' .. (started - tonumber(ARGV[4])), '+inf')
end
return counts
`;

const flatten = (steps: readonly BlockStep[]) => [
  steps.length,
  ...steps.flatMap((step) => [step.failures, step.blockSeconds]),
];
const LONGEST_BLOCK_MS = Math.max(...[...USERNAME_BLOCK_STEPS, ...IP_BLOCK_STEPS].map((s) => s.blockSeconds)) * 1000;

/** 429 with Retry-After: what a blocked login hears. */
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new Problem(
    429,
    TITLES[429]!,
    `Too many failed logins; try again in ${retryAfterSeconds} seconds.`,
    undefined,
    retryAfterSeconds,
  );

/** Where a login happens: one tenant's end users, or the deployment's operators. */
export type LoginRealm = { tenantId: string } | 'operators';

interface LoginKeys {
  userKey: string;
  ipKey: string;
  userPendingKey: string;
  ipPendingKey: string;
}

export interface LoginAttemptTicket extends LoginKeys {
  realm: LoginRealm;
  member: string;
  startedAt: number;
}

export type Reservation =
  | { allowed: true; ticket: LoginAttemptTicket }
  | { allowed: false; reason: 'blocked-ip' | 'blocked-user'; retryAfterSeconds: number };

/** A login never takes this long; a pending attempt older than this belongs to an API process that died. */
const STALE_PENDING_MS = 60_000;
/** How long an attempt waits for the attempts in flight before it is turned away (429, not counted). */
const MAX_WAIT_MS = 10_000;
const WAIT_STEP_MS = 20;

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
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
    private readonly clock: Clock,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Lets the attempt go ahead (pending until succeeded or failed is called) or says what blocks it and for
   * how long. While attempts in flight could block it, it waits for them (real time, not the Clock's).
   */
  async reserve(realm: LoginRealm, username: string, ip: string): Promise<Reservation> {
    const keys = this.keys(realm, username, ip);
    const member = randomUUID();
    const deadline = performance.now() + MAX_WAIT_MS;
    for (;;) {
      const now = this.clock.now().getTime();
      const [status, until, ipFailures] = (await this.redis
        .eval(
          RESERVE,
          4,
          keys.userKey,
          keys.ipKey,
          keys.userPendingKey,
          keys.ipPendingKey,
          now,
          LOGIN_FAILURE_WINDOW_MS,
          member,
          LOGIN_FAILURE_WINDOW_MS + LONGEST_BLOCK_MS,
          STALE_PENDING_MS,
          ...flatten(USERNAME_BLOCK_STEPS),
          ...flatten(IP_BLOCK_STEPS),
        )
        .catch(() => {
          // Fail closed: without the counters nothing would stop guessing.
          throw new Problem(
            503,
            TITLES[503]!,
            'Logins are unavailable while the brute-force counters (Redis) cannot be reached; try again shortly.',
          );
        })) as [number, number, number?];
      if (status === 0) return { allowed: true, ticket: { ...keys, realm, member, startedAt: now } };
      if (status !== 3) {
        // A refusal counts against the address: it may reach the next, longer block of the address.
        this.countBlocksBegun(realm, 'ip', ipFailures ?? 0);
        return {
          allowed: false,
          reason: status === 1 ? 'blocked-ip' : 'blocked-user',
          retryAfterSeconds: retryAfterSeconds(until, now),
        };
      }
      if (performance.now() > deadline) throw tooManyInFlight();
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS * (0.5 + Math.random())));
    }
  }

  /** A success resets the username's failures and ends the attempt without counting it against the address. */
  async succeeded(ticket: LoginAttemptTicket): Promise<void> {
    await this.redis
      .multi()
      .del(ticket.userKey)
      .zrem(ticket.userPendingKey, ticket.member)
      .zrem(ticket.ipPendingKey, ticket.member)
      .exec();
  }

  /** A failure counts against the username and the address, from the time the attempt started. */
  async failed(ticket: LoginAttemptTicket): Promise<void> {
    const [usernameFailures, ipFailures] = (await this.redis.eval(
      FAILED,
      4,
      ticket.userKey,
      ticket.ipKey,
      ticket.userPendingKey,
      ticket.ipPendingKey,
      ticket.member,
      ticket.startedAt,
      LOGIN_FAILURE_WINDOW_MS + LONGEST_BLOCK_MS,
      LOGIN_FAILURE_WINDOW_MS,
    )) as [number, number];
    this.countBlocksBegun(ticket.realm, 'username', usernameFailures);
    this.countBlocksBegun(ticket.realm, 'ip', ipFailures);
  }

  /** The failure that brings a username's or an address's count to a block step imposes that block. */
  private countBlocksBegun(realm: LoginRealm, scope: BlockScope, failures: number): void {
    const steps = scope === 'username' ? USERNAME_BLOCK_STEPS : IP_BLOCK_STEPS;
    if (steps.some((step) => step.failures === failures)) {
      this.metrics.countBlock(realm === 'operators' ? 'operator' : 'end-user', scope);
    }
  }

  /** Runs the attempt; if it throws, the attempt counts as failed before the error goes on. */
  async failedIfThrows<T>(ticket: LoginAttemptTicket, attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      await this.failed(ticket).catch(() => undefined);
      throw error;
    }
  }

  /** Lifts a username block (an operator vouched for the user). */
  async unblock(realm: LoginRealm, username: string): Promise<void> {
    await this.redis.del(this.keys(realm, username, '').userKey);
  }

  /** All keys share a hash tag, so the script's keys live in one Redis Cluster slot. */
  private keys(realm: LoginRealm, username: string, ip: string): LoginKeys {
    const scope = realm === 'operators' ? 'operators' : `tenant:${realm.tenantId}`;
    const base = `${this.config.queuePrefix}:login:{${scope}}`;
    const name = username.trim().toLowerCase();
    return {
      userKey: `${base}:user:${name}`,
      ipKey: `${base}:ip:${ip}`,
      userPendingKey: `${base}:user-pending:${name}`,
      ipPendingKey: `${base}:ip-pending:${ip}`,
    };
  }
}
