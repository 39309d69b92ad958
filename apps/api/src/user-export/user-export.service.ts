import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { USER_EXPORT_CSV_HEADER, type UserExportFormat } from '@roster/db';
import { Work } from '../changes/work.js';
import { Clock } from '../common/clock.js';
import { Problem, TITLES } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { userListFilter } from '../users/user-filter.js';
import { EXPORT_CONTENT_TYPES, type UserExportQuery } from './user-export.schemas.js';

/**
 * Exports running at once in this process. Each holds a connection of the pool (10) for as long as its client
 * takes to read the file: three leave the rest of the API its connections, whatever a caller starts.
 */
export const MAX_RUNNING_EXPORTS = 3;

const RETRY_AFTER_SECONDS = 10;

/** An export on its way: the file's text, and how to announce it. */
export interface UserExportFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/** `users-<tenant>-<date>.<format>`: the tenant's name in letters, digits and dashes (its id if nothing is left). */
export function exportFileName(tenantName: string, tenantId: string, at: Date, format: UserExportFormat): string {
  const slug = tenantName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
    .toLowerCase();
  return `users-${slug || tenantId}-${at.toISOString().slice(0, 10)}.${format}`;
}

/** A tenant's users as one CSV or JSON Lines file, streamed from a database cursor (API.md §10). */
@Injectable()
export class UserExportService {
  private running = 0;

  constructor(
    private readonly work: Work,
    private readonly clock: Clock,
  ) {}

  /**
   * Resolves the filters (a bad one, or a group or role of another tenant, throws here, before any byte is sent)
   * and opens the export's cursor; the stream holds its connection until it ends or is destroyed.
   */
  async open(query: UserExportQuery): Promise<UserExportFile> {
    if (this.running >= MAX_RUNNING_EXPORTS) {
      throw new Problem(
        429,
        TITLES[429]!,
        `${MAX_RUNNING_EXPORTS} exports are running already; try again in ${RETRY_AFTER_SECONDS} seconds.`,
        undefined,
        RETRY_AFTER_SECONDS,
      );
    }
    this.running += 1;
    try {
      const { tenantId } = RequestContext.tenant;
      let tenantName = '';
      const stream = await this.work.tenant().stream(
        async (data) => {
          const filter = await userListFilter(data, query);
          tenantName = await data.userExport.tenantName();
          return data.userExport.statement(filter, query.format, query.sort);
        },
        { head: query.format === 'csv' ? USER_EXPORT_CSV_HEADER : '' },
      );
      stream.once('close', () => (this.running -= 1));
      return {
        stream,
        contentType: EXPORT_CONTENT_TYPES[query.format],
        fileName: exportFileName(tenantName, tenantId, this.clock.now(), query.format),
      };
    } catch (error) {
      this.running -= 1;
      throw error;
    }
  }
}
