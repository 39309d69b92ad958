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

/**
 * Checks both counters and, when neither blocks, records the attempt as a failure in the same atomic
 * step. An attempt counts from the moment it starts, so parallel guesses cannot all pass the check
 * before the first of them fails; a success takes its own failure back.
 * The rules are those of packages/domain (blockedUntil); the tests hold the two in agreement.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local member = ARGV[3]
local ttl = tonumber(ARGV[4])
local function steps(offset)
  local count = tonumber(ARGV[offset])
  local parsed = {}
  for i = 1, count do
    parsed[i] = { tonumber(ARGV[offset + 2 * i - 1]), tonumber(ARGV[offset + 2 * i]) }
  end
  return parsed, offset + 2 * count + 1
end
local userSteps, next = steps(5)
local ipSteps = steps(next)
local function blockedUntil(key, rules)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
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
local function count(key)
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, ttl)
end
local ipUntil = blockedUntil(KEYS[2], ipSteps)
local userUntil = 0
if ipUntil == 0 then userUntil = blockedUntil(KEYS[1], userSteps) end
-- A refused attempt still counts against the address (a client that keeps hammering escalates to the
-- long block), never against the username (a person retrying during 30 s is not escalated to 30 min).
count(KEYS[2])
if ipUntil > 0 then return { 1, ipUntil } end
if userUntil > 0 then return { 2, userUntil } end
count(KEYS[1])
return { 0, 0 }
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

export interface LoginAttemptTicket {
  userKey: string;
  ipKey: string;
  member: string;
}

export type Reservation =
  | { allowed: true; ticket: LoginAttemptTicket }
  | { allowed: false; reason: 'blocked-ip' | 'blocked-user'; retryAfterSeconds: number };

/** Brute-force counters in Redis, so every API replica sees the same state (API.md §6). */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
    private readonly clock: Clock,
  ) {}

  /** Lets the attempt go ahead (already counted as a failure) or says what blocks it and for how long. */
  async reserve(realm: LoginRealm, username: string, ip: string): Promise<Reservation> {
    const now = this.clock.now().getTime();
    const ticket = { ...this.keys(realm, username, ip), member: `${now}:${randomUUID()}` };
    const [status, until] = (await this.redis
      .eval(
        RESERVE,
        2,
        ticket.userKey,
        ticket.ipKey,
        now,
        LOGIN_FAILURE_WINDOW_MS,
        ticket.member,
        LOGIN_FAILURE_WINDOW_MS + LONGEST_BLOCK_MS,
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
      })) as [number, number];
    if (status === 0) return { allowed: true, ticket };
    return {
      allowed: false,
      reason: status === 1 ? 'blocked-ip' : 'blocked-user',
      retryAfterSeconds: retryAfterSeconds(until, now),
    };
  }

  /** A success resets the username's counter and takes the attempt off the IP's. */
  async succeeded(ticket: LoginAttemptTicket): Promise<void> {
    await this.redis.multi().del(ticket.userKey).zrem(ticket.ipKey, ticket.member).exec();
  }

  /** Lifts a username block (an operator vouched for the user). */
  async unblock(realm: LoginRealm, username: string): Promise<void> {
    await this.redis.del(this.keys(realm, username, '').userKey);
  }

  /** Both keys share a hash tag, so the script's two keys live in one Redis Cluster slot. */
  private keys(realm: LoginRealm, username: string, ip: string) {
    const scope = realm === 'operators' ? 'operators' : `tenant:${realm.tenantId}`;
    const base = `${this.config.queuePrefix}:login:{${scope}}`;
    return { userKey: `${base}:user:${username.trim().toLowerCase()}`, ipKey: `${base}:ip:${ip}` };
  }
}
