import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Aggregation, LimitEvaluation, SubscriptionModel } from '@roster/domain';
import { newId } from './base.js';
import type { EnvironmentKind } from './environment.entity.js';

/** One production environment's contribution, as recorded in an account snapshot (API.md §7). */
export interface UsageEnvironmentEntry {
  environmentId: string;
  /** The environment's name at the time of the count (the API shows the current name when it still exists). */
  name: string;
  internal: number;
  external: number;
  named: number;
}

/** A snapshot of one environment's counts; a retried job (same run id) rewrites its own row. */
@Entity('environment_usage')
export class EnvironmentUsage {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'environment_id', type: 'uuid' }) environmentId!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'run_id', type: 'text' }) runId!: string;
  /** The environment's kind when counted: only production snapshots enter account totals. */
  @Column({ type: 'text' }) kind!: EnvironmentKind;
  @Column({ type: 'integer' }) internal!: number;
  @Column({ type: 'integer' }) external!: number;
  @Column({ type: 'integer' }) named!: number;
  @Column({ type: 'integer' }) anonymous!: number;
  @Column({ type: 'integer' }) inactive!: number;
  /** When the counted data was read (its snapshot's time): what orders snapshots, not computedAt. */
  @Column({ name: 'data_as_of', type: 'timestamptz', precision: 3 }) dataAsOf!: Date;
  @Column({ name: 'computed_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) computedAt!: Date;
}

/** A snapshot of an account's totals over its production environments, with limits and status. */
@Entity('account_usage')
export class AccountUsage {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'run_id', type: 'text' }) runId!: string;
  @Column({ type: 'text' }) model!: SubscriptionModel;
  @Column({ type: 'text' }) aggregation!: Aggregation;
  @Column({ type: 'integer' }) internal!: number;
  @Column({ type: 'integer' }) external!: number;
  @Column({ type: 'integer' }) named!: number;
  @Column({ type: 'jsonb' }) limits!: LimitEvaluation['limits'];
  @Column({ type: 'jsonb' }) status!: LimitEvaluation['status'];
  @Column({ type: 'jsonb' }) environments!: UsageEnvironmentEntry[];
  /** The oldest read time of the counts it was built from (oldestReadTime): what orders snapshots. */
  @Column({ name: 'data_as_of', type: 'timestamptz', precision: 3 }) dataAsOf!: Date;
  @Column({ name: 'computed_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) computedAt!: Date;
}

/** A closed billing period's statement (API.md §8): written once by the worker, never changed. */
@Entity('usage_statements')
export class UsageStatement {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @PrimaryColumn({ name: 'period_from', type: 'timestamptz' }) periodFrom!: Date;
  @Column({ name: 'period_to', type: 'timestamptz' }) periodTo!: Date;
  @Column({ type: 'uuid' }) id!: string;
  @Column({ name: 'closed_at', type: 'timestamptz', default: () => 'now()' }) closedAt!: Date;
  @Column({ type: 'jsonb' }) statement!: Record<string, unknown>;
}
