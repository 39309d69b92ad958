/**
 * The API's configuration: read and validated by @roster/config, which defines each variable once for the API,
 * the worker and `pnpm start`. The app keeps its own names for it (Config, loadConfig) and the Nest token.
 */
export { type ApiConfig as Config, ConfigError, loadApiConfig as loadConfig } from '@roster/config';

/** Nest injection token for the validated Config. */
export const CONFIG = Symbol('CONFIG');
