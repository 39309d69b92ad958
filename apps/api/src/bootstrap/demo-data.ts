import { Injectable } from '@nestjs/common';
import { ScopesRepository } from '@roster/db';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { EnvironmentsService } from '../environments/environments.service.js';
import { RequestContext } from '../common/request-context.js';
import { GroupsService } from '../groups/groups.service.js';
import { RoleGrantsService } from '../role-grants/role-grants.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { UsersService } from '../users/users.service.js';

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Dennis'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson'];

/**
 * Demo data for a fresh development database: an ISV with two production environments and
 * one non-production environment, three client tenants. Written through the services, so
 * it is validated and audited exactly like data entered through the API.
 */
@Injectable()
export class DemoData {
  constructor(
    private readonly scopes: ScopesRepository,
    private readonly accounts: AccountsService,
    private readonly environments: EnvironmentsService,
    private readonly applications: ApplicationsService,
    private readonly tenants: TenantsService,
    private readonly users: UsersService,
    private readonly groups: GroupsService,
    private readonly grants: RoleGrantsService,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    if (await this.scopes.anyAccount()) return false;

    const account = await this.accounts.create({
      name: 'Demo ISV',
      subscription: { model: 'internal-external', internalLimit: 500, externalLimit: 2000, aggregation: 'sum' },
    });
    // What a request on the account's routes would have resolved: its changes are the account's.
    RequestContext.setScope({ accountId: account.id });
    const europe = await this.environments.create(account.id, { name: 'Production EU', kind: 'production' });
    const america = await this.environments.create(account.id, { name: 'Production US', kind: 'production' });
    const staging = await this.environments.create(account.id, { name: 'Staging', kind: 'non-production' });
    for (const environment of [europe, america, staging]) {
      await this.environments.replaceDomains(environment.id, ['demo-isv.com']);
      await this.applications.declare(environment.id, 'crm', {
        name: 'CRM',
        roles: [
          { key: 'crm.admin', name: 'CRM administrator', description: 'Configures the CRM' },
          { key: 'crm.sales', name: 'Sales', description: 'Manages leads and deals' },
          { key: 'crm.viewer', name: 'Viewer', description: 'Reads everything, changes nothing' },
        ],
      });
    }
    const clients = [
      { environment: europe, name: 'Acme Corporation', domains: ['acme.com'] },
      { environment: europe, name: 'Globex', domains: ['globex.example'] },
      { environment: america, name: 'Initech', domains: ['initech.com', 'initech.us'] },
    ];
    for (const client of clients) {
      const tenant = await this.tenants.create(client.environment.id, client.name);
      await this.tenants.replaceDomains(tenant.id, client.domains);
      RequestContext.setScope({ accountId: account.id, environmentId: client.environment.id, tenantId: tenant.id });
      await this.seedUsers(client.domains[0]!);
    }
    return true;
  }

  /** Eighty people per client: most at the client's domain, some external, a few inactive, two groups. */
  private async seedUsers(domain: string): Promise<void> {
    const sales = await this.groups.create({ name: 'Sales', description: 'Works leads and deals' });
    const support = await this.groups.create({ name: 'Support', description: 'Reads customer records' });
    await this.grants.grantToGroup(sales.id, 'crm.sales');
    await this.grants.grantToGroup(support.id, 'crm.viewer');
    for (let i = 0; i < 80; i += 1) {
      const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
      const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
      const username = `${first}.${last}`.toLowerCase();
      const external = i % 5 === 4;
      const user = await this.users.create({
        username,
        name: `${first} ${last}`,
        email: `${username}@${external ? 'partner.example' : domain}`,
        isActive: i % 13 !== 12,
      });
      if (i === 0) await this.grants.grantToUser(user.id, 'crm.admin');
      await this.groups.addMember(i % 3 === 0 ? support.id : sales.id, user.id);
    }
    await this.users.create({ kind: 'anonymous', externalId: 'guest-session-1' });
  }
}
