export const SUBSCRIPTION_MODELS = ['internal-external', 'named'] as const;
export type SubscriptionModel = (typeof SUBSCRIPTION_MODELS)[number];
export const AGGREGATIONS = ['sum', 'unique'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A limit is a non-negative integer, or null for unlimited. */
export interface Subscription {
  model: SubscriptionModel;
  internalLimit: number | null;
  externalLimit: number | null;
  namedLimit: number | null;
  aggregation: Aggregation;
}

/**
 * Limits that do not belong to the model would silently never apply, which is almost
 * certainly a mistake by whoever set them: name each one so it can be fixed.
 */
export function limitsOutsideModel(subscription: Subscription): ('internalLimit' | 'externalLimit' | 'namedLimit')[] {
  if (subscription.model === 'named') {
    return (['internalLimit', 'externalLimit'] as const).filter((field) => subscription[field] !== null);
  }
  return subscription.namedLimit !== null ? ['namedLimit'] : [];
}
