import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { newId, Operator } from '@roster/db';
import { type Actor, normalizeUsername } from '@roster/domain';
import { DataSource } from 'typeorm';
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
    private readonly dataSource: DataSource,
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
    const existing: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM operators WHERE role = 'platform-admin' ORDER BY id LIMIT 1`,
    );
    if (existing[0]) return existing[0];

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
    // ON CONFLICT: two replicas starting together must not both create one (or fail).
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO operators (id, account_id, username, username_key, password_hash, role)
       VALUES ($1, NULL, $2, $3, $4, 'platform-admin')
       ON CONFLICT (username_key) DO NOTHING RETURNING id`,
      [id, this.config.adminUsername, normalizeUsername(this.config.adminUsername), await hashPassword(password)],
    );
    if (!inserted[0]) {
      const raced = await this.dataSource.getRepository(Operator).findOneByOrFail({ role: 'platform-admin' });
      return { id: raced.id };
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
