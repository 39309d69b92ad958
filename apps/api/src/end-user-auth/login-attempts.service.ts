import { Injectable } from '@nestjs/common';
import { type LoginAttemptsRepository, mapPage } from '@roster/db';
import { change, loginBlockLifted } from '@roster/domain';
import { Work } from '../changes/work.js';
import { badRequest, notFound } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { Page, PageQuery } from '../common/schemas.js';
import { type LoginBlock, LoginLimiter } from '../login-protection/login-limiter.js';
import type { LoginBlockResponse, UserLoginBlockStatus } from './end-user-auth.schemas.js';

/** What operators see of end-user logins: the attempt log, the blocks in force, and lifting them. */
@Injectable()
export class LoginAttemptsService {
  constructor(
    private readonly work: Work,
    private readonly limiter: LoginLimiter,
  ) {}

  /** Newest first (ids are UUIDv7); attempts with an unknown username belong to no user. */
  async list(userId: string, page: PageQuery) {
    const result = await this.work.tenant().read(async (data) => {
      await data.users.get(userId);
      return data.loginAttempts.pageOfUser(userId, page);
    });
    return mapPage(result, (attempt) => ({ at: attempt.at.toISOString(), result: attempt.result, ip: attempt.ip }));
  }

  /** Lifts every block of the user's username, from every address (the address blocks stay). */
  async unblock(userId: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      const user = await data.users.get(userId);
      if (user.username === null) return;
      await this.limiter.unblockUsername({ tenantId: data.tenantId }, user.username);
      data.record(change('user.unblocked', userId, null, null));
    });
  }

  /**
   * The blocks in force in the tenant, soonest to end first (then by id), with the user each username belongs
   * to. They live in Redis, not in a table: a page is cut from the whole list, which the limiter keeps to the
   * blocks in force. The cursor is the last block's end and id.
   */
  async blocks(page: PageQuery): Promise<Page<LoginBlockResponse>> {
    const all = await this.limiter.blocks({ tenantId: RequestContext.tenant.tenantId });
    const after = page.cursor === undefined ? null : decodeBlockCursor(page.cursor);
    const rest = after
      ? all.filter((block) => {
          const until = block.until.getTime();
          return until > after.until || (until === after.until && block.id > after.id);
        })
      : all;
    const slice = rest.slice(0, page.limit);
    const last = slice.at(-1);
    return {
      items: slice.length === 0 ? [] : await this.work.tenant().read((data) => describe(data.loginAttempts, slice)),
      nextCursor:
        rest.length > page.limit && last
          ? Buffer.from(JSON.stringify([last.until.getTime(), last.id])).toString('base64url')
          : null,
      ...(page.includeTotal ? { total: all.length } : {}),
    };
  }

  /** Whether the user's username is blocked now, from which addresses and until when. */
  async blockStatus(userId: string): Promise<UserLoginBlockStatus> {
    const user = await this.work.tenant().read((data) => data.users.get(userId));
    const hash = user.username === null ? null : this.limiter.usernameHash(user.username);
    const blocks = (await this.limiter.blocks({ tenantId: user.tenantId })).filter(
      (block) => block.kind !== 'address' && block.usernameHash === hash,
    );
    const items = blocks.map((block) => toResponse(block, { userId: user.id, username: user.username }));
    const until = blocks.reduce<Date | null>((last, block) => (last && last > block.until ? last : block.until), null);
    return { blocked: blocks.length > 0, until: until?.toISOString() ?? null, blocks: items };
  }

  /** Lifts one block; 404 when it is not in force (ended, lifted, or never was). */
  async lift(blockId: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      const block = (await this.limiter.blocks({ tenantId: data.tenantId })).find(
        (candidate) => encodeId(candidate.id) === blockId,
      );
      if (!block || !(await this.limiter.unblock({ tenantId: data.tenantId }, block.id))) {
        throw notFound('Login block', blockId);
      }
      const [described] = await describe(data.loginAttempts, [block]);
      const { userId, kind, address, until } = described!;
      data.record(
        loginBlockLifted(userId ? { type: 'user', id: userId } : { type: 'tenant', id: data.tenantId }, {
          kind,
          address,
          until,
        }),
      );
    });
  }
}

/** The blocks as operators see them, with the user each blocked username belongs to (when one does). */
async function describe(
  attempts: LoginAttemptsRepository,
  blocks: readonly LoginBlock[],
): Promise<LoginBlockResponse[]> {
  const hashes = blocks.flatMap((block) => (block.kind === 'address' ? [] : [block.usernameHash]));
  const users = await attempts.usersByUsernameHash([...new Set(hashes)]);
  return blocks.map((block) => toResponse(block, block.kind === 'address' ? null : users.get(block.usernameHash)));
}

function decodeBlockCursor(cursor: string): { until: number; id: string } {
  try {
    const [until, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof until === 'number' && typeof id === 'string') return { until, id };
  } catch {
    // answered below
  }
  throw badRequest('The cursor is not one this list handed out; start again without it.', [
    { field: 'cursor', message: 'is not a valid cursor' },
  ]);
}

/**
 * Block ids go into URLs (at most 100 characters a segment): the kind's letter, the username's hash in
 * base64url and the address, e.g. p.<43 characters>.203.0.113.7 for a pair.
 */
function encodeId(id: string): string {
  const [kind, ...parts] = id.split('|');
  const short = parts.map((part) =>
    /^[0-9a-f]{64}$/.test(part) ? Buffer.from(part, 'hex').toString('base64url') : part,
  );
  return [{ ip: 'a', pair: 'p', user: 'u' }[kind as 'ip'] ?? kind, ...short].join('.');
}

function toResponse(
  block: LoginBlock,
  user: { userId: string; username: string | null } | null | undefined,
): LoginBlockResponse {
  return {
    id: encodeId(block.id),
    kind: block.kind,
    address: block.kind === 'username' ? null : block.address,
    userId: user?.userId ?? null,
    username: user?.username ?? null,
    until: block.until.toISOString(),
  };
}
