import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Aggregation, Subscription, SubscriptionModel } from '@roster/domain';
import { newId } from './base.js';

@Entity('accounts')
export class Account {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'subscription_model', type: 'text' }) subscriptionModel!: SubscriptionModel;
  @Column({ name: 'internal_limit', type: 'integer', nullable: true }) internalLimit!: number | null;
  @Column({ name: 'external_limit', type: 'integer', nullable: true }) externalLimit!: number | null;
  @Column({ name: 'named_limit', type: 'integer', nullable: true }) namedLimit!: number | null;
  @Column({ type: 'text' }) aggregation!: Aggregation;
  /** The day of the month (1–28, UTC) each billing period starts (billingPeriodOf). */
  @Column({ name: 'billing_day', type: 'smallint', default: 1 }) billingDay!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;

  /** The subscription as the rules of packages/domain take it. */
  get subscription(): Subscription {
    return {
      model: this.subscriptionModel,
      internalLimit: this.internalLimit,
      externalLimit: this.externalLimit,
      namedLimit: this.namedLimit,
      aggregation: this.aggregation,
    };
  }
}
