import { Gauge, type Registry } from 'prom-client';

/** What node-postgres' Pool tells of its connections. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * roster_db_pool_connections{state}: the PostgreSQL pool's connections (total, idle) and the requests
 * waiting for one (waiting), read at scrape time from a TypeORM DataSource on the postgres driver.
 */
export function poolConnectionsGauge(registers: Registry[], dataSource: { driver: object }): void {
  new Gauge({
    name: 'roster_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle) and requests waiting for one (waiting)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      // TypeORM's postgres driver keeps node-postgres' Pool as `master` (absent until it connected).
      const pool = (dataSource.driver as { master?: PoolCounts }).master;
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}
