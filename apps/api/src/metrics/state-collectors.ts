import { Injectable } from '@nestjs/common';
import { latestAccountTotals } from '@roster/db';
import { poolConnectionsGauge, queueDepthGauge, withTimeout } from '@roster/ops';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Caches } from '../cache/caches.js';
import type { MemoryCache } from '../cache/memory-cache.js';
import { Queues } from '../queues/queues.module.js';
import { ApiMetrics } from './api-metrics.js';

/** A scrape waits this long on Redis or PostgreSQL, then reports without what did not answer. */
export const SCRAPE_TIMEOUT_MS = 1_000;

const DIMENSIONS = ['internal', 'external', 'named'] as const;

/**
 * What is read at scrape time rather than counted as it happens: cache statistics, queue depth, the
 * latest usage per account and the database pool. A source that fails or does not answer in time
 * leaves its series out of that scrape and sets roster_metrics_source_up{source} to 0, so a Redis
 * outage neither hangs the scrape nor fails it.
 */
@Injectable()
export class StateCollectors {
  constructor(metrics: ApiMetrics, caches: Caches, queues: Queues, dataSource: DataSource) {
    const registers = [metrics.registry];
    // Registered after the gauges that set it (below): a scrape reads the metrics in order, so this one then
    // tells about the scrape it is part of, not the one before.
    const sourceUp = new Gauge({
      name: 'roster_metrics_source_up',
      help: 'Whether the last scrape could read a source (queues: Redis, usage: PostgreSQL)',
      labelNames: ['source'] as const,
      registers: [],
    });
    const read: SourceReader = async (source, work) => {
      const ok = await withTimeout(work(), SCRAPE_TIMEOUT_MS).then(
        () => true,
        () => false,
      );
      sourceUp.set({ source }, ok ? 1 : 0);
    };
    cacheStatistics(registers, caches);
    queueDepthGauge({
      registers,
      queues: () => queues.all(),
      timeoutMs: SCRAPE_TIMEOUT_MS,
      answered: (ok) => sourceUp.set({ source: 'queues' }, ok ? 1 : 0),
      // Queues.run fails at once while Redis is not connected, instead of waiting for it.
      run: (read) => queues.run(read, SCRAPE_TIMEOUT_MS),
    });
    latestUsage(registers, dataSource, read);
    poolConnectionsGauge(registers, dataSource);
    metrics.registry.registerMetric(sourceUp);
  }
}

/** Runs a source's reading within the scrape's deadline and records whether it succeeded. */
type SourceReader = (source: 'usage', work: () => Promise<void>) => Promise<void>;
type Registers = Registry[];

function cacheStatistics(registers: Registers, caches: Caches): void {
  const named: Record<string, MemoryCache<unknown>> = {
    actors: caches.actors,
    scopes: caches.scopes,
    'role-catalogs': caches.roleCatalogs,
    audiences: caches.audiences,
    'user-roles': caches.userRoles,
  };
  // The caches keep their own totals; each scrape copies them (a counter only ever goes up, and so do they).
  new Counter({
    name: 'roster_cache_lookups_total',
    help: 'Lookups in the in-process caches by cache and result (hit, miss)',
    labelNames: ['cache', 'result'] as const,
    registers,
    collect() {
      this.reset();
      for (const [cache, store] of Object.entries(named)) {
        this.inc({ cache, result: 'hit' }, store.stats.hits);
        this.inc({ cache, result: 'miss' }, store.stats.misses);
      }
    },
  });
  new Gauge({
    name: 'roster_cache_entries',
    help: 'Entries held by each in-process cache',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      for (const [cache, store] of Object.entries(named)) this.set({ cache }, store.size);
    },
  });
}

function latestUsage(registers: Registers, dataSource: DataSource, read: SourceReader): void {
  const limit = new Gauge({
    name: 'roster_usage_limit',
    help: 'The subscription limit per account and dimension as of the latest snapshot (dimensions without a limit are left out)',
    labelNames: ['account_id', 'dimension'] as const,
    registers,
  });
  new Gauge({
    name: 'roster_usage_users',
    help: 'Licensed users per account and dimension in the latest account usage snapshot',
    labelNames: ['account_id', 'dimension'] as const,
    registers,
    async collect() {
      // Reset first: a deleted account's series must go.
      this.reset();
      limit.reset();
      await read('usage', async () => {
        for (const row of await latestAccountTotals(dataSource)) {
          for (const dimension of DIMENSIONS) {
            this.set({ account_id: row.account_id, dimension }, row[dimension]);
            const value = row.limits[dimension];
            if (typeof value === 'number') limit.set({ account_id: row.account_id, dimension }, value);
          }
        }
      });
    },
  });
}
