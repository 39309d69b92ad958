import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { EnvironmentsService } from '../environments/environments.service.js';
import { TenantsService } from '../tenants/tenants.service.js';

/**
 * Demo data for a fresh development database: an ISV with two production environments and
 * one non-production environment, three client tenants. Written through the services, so
 * it is validated and audited exactly like data entered through the API.
 */
@Injectable()
export class DemoData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly environments: EnvironmentsService,
    private readonly applications: ApplicationsService,
    private readonly tenants: TenantsService,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM accounts');
    if (count > 0) return false;

    const account = await this.accounts.create({
      name: 'Demo ISV',
      subscription: { model: 'internal-external', internalLimit: 500, externalLimit: 2000, aggregation: 'sum' },
    });
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
    }
    return true;
  }
}
