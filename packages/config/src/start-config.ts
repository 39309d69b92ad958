import { select, variableNames } from './select.js';
import type { Env } from './variable.js';
import {
  ADMIN_PORT,
  API_HOST,
  API_PORT,
  DATABASE_URL,
  REDIS_URL,
  ROSTER_ADMIN_PASSWORD,
  ROSTER_ADMIN_USERNAME,
} from './variables/index.js';

/** What `pnpm start` reads (infra/scripts/start.ts): where the services are and what to tell its user. */
export interface StartConfig {
  databaseUrl: string;
  redisUrl: string;
  apiHost: string;
  apiPort: number;
  adminPort: number;
  adminUsername: string;
  /** Whether ROSTER_ADMIN_PASSWORD is set (the start banner says where the password is); never the password. */
  adminPasswordSet: boolean;
}

const START = {
  databaseUrl: DATABASE_URL,
  redisUrl: REDIS_URL,
  apiHost: API_HOST,
  apiPort: API_PORT,
  adminPort: ADMIN_PORT,
  adminUsername: ROSTER_ADMIN_USERNAME,
  adminPassword: ROSTER_ADMIN_PASSWORD,
};

/** The variables `pnpm start` reads. */
export const START_VARIABLES: readonly string[] = variableNames(START);

/** Reads and validates what `pnpm start` needs, by the API's rules; throws one ConfigError naming every bad variable. */
export function readStartConfig(env: Env = process.env): StartConfig {
  const { adminPassword, ...config } = select(env, START);
  return { ...config, adminPasswordSet: adminPassword !== null };
}
