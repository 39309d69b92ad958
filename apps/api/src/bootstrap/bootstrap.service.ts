import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CredentialsRepository, newId } from '@roster/db';
import type { Actor } from '@roster/domain';
import { hashPassword, newSecret } from '../auth/secrets.js';
import { RequestContext } from '../common/request-context.js';
import { CONFIG, type Config } from '../config/config.js';
import { DemoData } from './demo-data.js';

/**
 * At start: make sure a platform admin exists (API.md §1) and, in development, give an
 * empty database demo data to look at.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly demo: DemoData,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = await this.ensurePlatformAdmin();
    if (this.config.nodeEnv === 'development') {
      const actor: Actor = {
        kind: 'operator',
        id: admin.id,
        role: 'platform-admin',
        accountId: null,
        tenantIds: [],
        environmentIds: [],
      };
      await RequestContext.run({ requestId: 'bootstrap', actor }, async () => {
        if (await this.demo.seedIfEmpty())
          this.logger.log('Seeded demo data: account "Demo ISV" with 3 environments and 3 tenants.');
      });
    }
  }

  private async ensurePlatformAdmin(): Promise<{ id: string }> {
    const existing = await this.credentials.platformAdminId();
    if (existing) return { id: existing };

    let password = this.config.adminPassword;
    if (password === null) {
      if (this.config.nodeEnv === 'production') {
        throw new Error(
          'No platform admin exists yet: set ROSTER_ADMIN_USERNAME and ROSTER_ADMIN_PASSWORD for the first start.',
        );
      }
      password = newSecret().slice(0, 20);
    }
    const id = newId();
    const created = await this.credentials.insertPlatformAdmin({
      id,
      username: this.config.adminUsername,
      passwordHash: await hashPassword(password),
    });
    if (!created) {
      // Another replica starting at the same moment made it.
      const raced = await this.credentials.platformAdminId();
      if (!raced) throw new Error(`ROSTER_ADMIN_USERNAME "${this.config.adminUsername}" is an existing operator's`);
      return { id: raced };
    }
    if (this.config.adminPassword === null) {
      // Printed once, on purpose: this is the only way to learn a generated password.
      this.logger.warn(
        `Created platform admin "${this.config.adminUsername}" with generated password: ${password}  (shown once; set ROSTER_ADMIN_PASSWORD to choose it)`,
      );
    } else {
      this.logger.log(`Created platform admin "${this.config.adminUsername}".`);
    }
    return { id };
  }
}
