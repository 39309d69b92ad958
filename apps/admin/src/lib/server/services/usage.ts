import type { RosterClient, Schemas } from '@roster/api-client';
import { limitStatus } from '@roster/domain';
import { callApi } from './errors';

export type AccountUsage = Schemas['AccountUsage'];
export type EnvironmentUsage = Schemas['EnvironmentUsage'];
export type LimitStatus = NonNullable<AccountUsage['status']['internal']>;
export type UsageDimensionKey = keyof AccountUsage['limits'];
export type SubscriptionModel = AccountUsage['model'];

const ACCOUNT_NOT_FOUND = 'This account does not exist, or you have no access to it.';

export function getAccountUsage(api: RosterClient, accountId: string): Promise<AccountUsage> {
  return callApi(() => api.GET('/api/v1/accounts/{accountId}/usage', { params: { path: { accountId } } }), {
    404: ACCOUNT_NOT_FOUND,
  });
}

export function getEnvironmentUsage(api: RosterClient, environmentId: string): Promise<EnvironmentUsage> {
  return callApi(() => api.GET('/api/v1/environments/{environmentId}/usage', { params: { path: { environmentId } } }), {
    404: 'This environment does not exist any more.',
  });
}

/** Queues a recount of every environment of the account; answers the job to follow. */
export async function requestRecount(api: RosterClient, accountId: string): Promise<string> {
  const accepted = await callApi(
    () => api.POST('/api/v1/accounts/{accountId}/usage/recount', { params: { path: { accountId } } }),
    { 403: 'Only owners and admins may request a recount.', 404: ACCOUNT_NOT_FOUND },
  );
  return accepted.jobId;
}

// ---------------------------------------------------------------------------------------------
// Totals against limits

/** One counted dimension of the account, as a meter shows it. */
export interface UsageDimension {
  key: UsageDimensionKey;
  label: string;
  /** Who is counted, in one line. */
  description: string;
  /** null before the first count. */
  count: number | null;
  /** null: unlimited. */
  limit: number | null;
  /** null before the first count; `unlimited` where no limit applies. */
  status: LimitStatus | 'unlimited' | null;
  /** Share of the limit used (may pass 100); null when unlimited, not counted or the limit is 0. */
  percent: number | null;
}

const DIMENSIONS: Record<UsageDimensionKey, { label: string; description: string }> = {
  internal: {
    label: 'Internal users',
    description: 'Active registered users whose address is in an internal domain (or who have no address).',
  },
  external: {
    label: 'External users',
    description: 'Active registered users whose address is outside the internal domains.',
  },
  named: {
    label: 'Named users',
    description: 'Every active registered user: internal plus external.',
  },
};

/** The dimensions the subscription model limits: internal and external, or named. */
export function limitedDimensions(model: SubscriptionModel): UsageDimensionKey[] {
  return model === 'named' ? ['named'] : ['internal', 'external'];
}

/** The dimensions the model does not limit, still worth showing as plain numbers. */
export function otherDimensions(model: SubscriptionModel): UsageDimensionKey[] {
  return model === 'named' ? ['internal', 'external'] : ['named'];
}

export function describeDimension(key: UsageDimensionKey): { label: string; description: string } {
  return DIMENSIONS[key];
}

/**
 * A dimension of the account's usage ready for a meter. The API's status is the word (it was
 * evaluated with the limits of that count); the domain rule only fills in when the API gave none.
 */
export function usageDimension(usage: AccountUsage, key: UsageDimensionKey): UsageDimension {
  const count = usage[key];
  const limit = usage.limits[key];
  let status: UsageDimension['status'] = null;
  if (count !== null) status = limit === null ? 'unlimited' : (usage.status[key] ?? limitStatus(count, limit));
  const percent = count !== null && limit !== null && limit > 0 ? (count / limit) * 100 : null;
  return { key, ...DIMENSIONS[key], count, limit, status, percent };
}

/** How the account's totals combine its production environments, in a sentence. */
export function describeAggregation(aggregation: AccountUsage['aggregation']): string {
  return aggregation === 'unique'
    ? 'Each person is counted once across all production environments (matched by email, else username), so the totals can be lower than the sum of the environments.'
    : 'The totals are the sum of the counts of every production environment.';
}

// ---------------------------------------------------------------------------------------------
// Per environment

/** One environment's latest counts. */
export interface EnvironmentCounts {
  environmentId: string;
  /** null for an environment deleted since the count. */
  name: string | null;
  internal: number | null;
  external: number | null;
  named: number | null;
  /** null where the API has no per-environment snapshot (yet). */
  anonymous: number | null;
  inactive: number | null;
  /** A production environment that is not part of the latest account count (created since). */
  notInTotals: boolean;
}

export interface UsageOverview {
  usage: AccountUsage;
  /** Production environments: the counts the totals are made of. */
  production: EnvironmentCounts[];
  /** Non-production environments: counted on their own, never toward the subscription. */
  nonProduction: EnvironmentCounts[];
}

/** Every environment of the account with its own latest count, production first (billing may read it). */
export async function listEnvironmentUsage(
  api: RosterClient,
  accountId: string,
): Promise<Schemas['NamedEnvironmentUsage'][]> {
  const list = await callApi(() =>
    api.GET('/api/v1/accounts/{accountId}/usage/environments', { params: { path: { accountId } } }),
  );
  return list.items;
}

/**
 * The account's usage with a row per environment. Production rows take their counts from the account
 * snapshot (what the totals are made of) and anonymous/inactive from the environment's own snapshot;
 * non-production environments have only their own snapshot.
 */
export async function getUsageOverview(api: RosterClient, accountId: string): Promise<UsageOverview> {
  const [usage, environments] = await Promise.all([
    getAccountUsage(api, accountId),
    listEnvironmentUsage(api, accountId),
  ]);

  const counted = new Map(usage.environments.map((entry) => [entry.environmentId, entry]));
  const own = new Map(environments.map((environment) => [environment.environmentId, environment]));
  const production: EnvironmentCounts[] = [];
  const nonProduction: EnvironmentCounts[] = [];
  for (const environment of environments) {
    const entry = counted.get(environment.environmentId);
    // One made non-production since the count stays with the totals it is part of.
    if (environment.kind === 'production' || entry) {
      production.push({
        environmentId: environment.environmentId,
        name: environment.name,
        internal: entry?.internal ?? null,
        external: entry?.external ?? null,
        named: entry?.named ?? null,
        anonymous: environment.anonymous,
        inactive: environment.inactive,
        notInTotals: entry === undefined && usage.computedAt !== null,
      });
    } else {
      nonProduction.push({ ...environment, notInTotals: false });
    }
  }
  // Environments deleted since the count are still part of its totals.
  for (const entry of usage.environments) {
    if (own.has(entry.environmentId)) continue;
    production.push({ ...entry, anonymous: null, inactive: null, notInTotals: false });
  }
  return { usage, production: sortByName(production), nonProduction: sortByName(nonProduction) };
}

function sortByName(rows: EnvironmentCounts[]): EnvironmentCounts[] {
  return rows.sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'en'));
}

// ---------------------------------------------------------------------------------------------
// History

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const USAGE_RANGES = {
  '48h': { label: '48 hours', granularity: 'hour', buckets: 48 },
  '30d': { label: '30 days', granularity: 'day', buckets: 30 },
  '90d': { label: '90 days', granularity: 'day', buckets: 90 },
} as const;
export type UsageRange = keyof typeof USAGE_RANGES;
export type Granularity = (typeof USAGE_RANGES)[UsageRange]['granularity'];
export const DEFAULT_USAGE_RANGE: UsageRange = '30d';

export function parseUsageRange(value: string | null): UsageRange {
  return value !== null && Object.hasOwn(USAGE_RANGES, value) ? (value as UsageRange) : DEFAULT_USAGE_RANGE;
}

/** The peak counts of one bucket; null where no count happened in it. */
export interface HistoryPoint {
  /** Start of the bucket (UTC), ISO 8601. */
  at: string;
  internal: number | null;
  external: number | null;
  named: number | null;
}

export interface UsageHistory {
  range: UsageRange;
  granularity: Granularity;
  /** One point per bucket of the range, oldest first, gaps included. */
  points: HistoryPoint[];
  /** Whether any bucket holds a count. */
  hasData: boolean;
}

/**
 * The buckets of a range ending with the one `now` is in: whole UTC hours or UTC days, as the API
 * buckets them. `to` is the end of the current bucket, so the latest count is always included.
 */
export function historyWindow(range: UsageRange, now: Date): { from: Date; to: Date; starts: Date[] } {
  const { granularity, buckets } = USAGE_RANGES[range];
  const step = granularity === 'hour' ? HOUR_MS : DAY_MS;
  const current = Math.floor(now.getTime() / step) * step;
  const starts = Array.from({ length: buckets }, (_, i) => new Date(current - (buckets - 1 - i) * step));
  return { from: starts[0]!, to: new Date(current + step), starts };
}

/** Puts the API's buckets (only those holding counts) on the full axis of the range. */
export function fillHistory(items: Schemas['UsageHistory']['items'], starts: readonly Date[]): HistoryPoint[] {
  const byTime = new Map(items.map((item) => [Date.parse(item.at), item]));
  return starts.map((start) => {
    const item = byTime.get(start.getTime());
    return {
      at: start.toISOString(),
      internal: item?.internal ?? null,
      external: item?.external ?? null,
      named: item?.named ?? null,
    };
  });
}

type HistoryQuery = { from: string; to: string; granularity: Granularity };

/**
 * A history over `range` from an API route answering peaks per bucket (the account's or a tenant's):
 * asks for the range's window, and puts the answer on its full axis.
 */
export async function loadHistory(
  range: UsageRange,
  now: Date,
  fetchItems: (query: HistoryQuery) => Promise<Schemas['UsageHistory']>,
): Promise<UsageHistory> {
  const { granularity } = USAGE_RANGES[range];
  const { from, to, starts } = historyWindow(range, now);
  const history = await fetchItems({ from: from.toISOString(), to: to.toISOString(), granularity });
  const points = fillHistory(history.items, starts);
  return {
    range,
    granularity,
    points,
    hasData: points.some((point) => point.internal !== null || point.named !== null),
  };
}

export function getUsageHistory(
  api: RosterClient,
  accountId: string,
  range: UsageRange,
  now = new Date(),
): Promise<UsageHistory> {
  return loadHistory(range, now, (query) =>
    callApi(() => api.GET('/api/v1/accounts/{accountId}/usage/history', { params: { path: { accountId }, query } }), {
      404: ACCOUNT_NOT_FOUND,
    }),
  );
}

/**
 * Whether limit lines belong on the chart by default: only when they would not squash the counts
 * into the bottom quarter of it (a limit of 2,000 beside 45 users hides every change).
 */
export function limitsFitChart(
  points: readonly HistoryPoint[],
  keys: readonly UsageDimensionKey[],
  limits: AccountUsage['limits'],
): boolean {
  const set = keys.map((key) => limits[key]).filter((limit): limit is number => limit !== null);
  if (set.length === 0) return false;
  let peak = 0;
  for (const point of points) for (const key of keys) peak = Math.max(peak, point[key] ?? 0);
  return Math.max(...set) <= 4 * peak;
}
