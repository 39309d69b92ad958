import { Injectable } from '@nestjs/common';
import type { LoginResult } from '@roster/db';
import { createInstanceRegistry } from '@roster/ops';
import { Counter, Histogram } from 'prom-client';

const LOGIN_RESULTS: readonly LoginResult[] = [
  'logged-in',
  'invalid-user',
  'invalid-password',
  'inactive-user',
  'blocked-user',
  'blocked-ip',
  'throttled-user',
];

/** Who logged in: the deployment's operators or a tenant's end users. */
export type LoginKind = 'operator' | 'end-user';
/**
 * What a block holds back: one username from one address (its pair), one client address, or one username
 * from every address (its ceiling across addresses).
 */
export type BlockScope = 'username' | 'ip' | 'username-ceiling';

/** Request routes as Fastify matched them; requests no route matched share this one label. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The API's metrics that code records as things happen (requests, logins, blocks), in a registry of
 * this app instance's own (createInstanceRegistry says why).
 */
@Injectable()
export class ApiMetrics {
  readonly registry = createInstanceRegistry();

  private readonly requestDuration = new Histogram({
    name: 'roster_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status: how long each took to answer',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly logins = new Counter({
    name: 'roster_logins_total',
    help: 'Password logins by kind (operator, end-user) and result (as in the end-user login attempts)',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  private readonly blocks = new Counter({
    name: 'roster_login_blocks_total',
    help: 'Brute-force blocks imposed: a failure that brought a username from one address (scope username), an address, or a username across addresses (username-ceiling) to a block step',
    labelNames: ['kind', 'scope'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Every series exists from the start at 0, so rate() and alerts see the first login and block.
    for (const kind of ['operator', 'end-user'] as const) {
      for (const result of LOGIN_RESULTS) this.logins.inc({ kind, result }, 0);
      for (const scope of ['username', 'ip', 'username-ceiling'] as const) this.blocks.inc({ kind, scope }, 0);
    }
  }

  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route: route ?? UNMATCHED_ROUTE, status: String(status) }, seconds);
  }

  countLogin(kind: LoginKind, result: LoginResult): void {
    this.logins.inc({ kind, result });
  }

  countBlock(kind: LoginKind, scope: BlockScope): void {
    this.blocks.inc({ kind, scope });
  }
}
