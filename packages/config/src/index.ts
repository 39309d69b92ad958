export { type ApiConfig, API_VARIABLES, loadApiConfig, type ShutdownTimings } from './api-config.js';
export { ConfigError } from './config-error.js';
export { type MigrateConfig, MIGRATE_VARIABLES, readMigrateConfig } from './migrate-config.js';
export { type Rule, select, type Selection, variableNames } from './select.js';
export { readStartConfig, type StartConfig, START_VARIABLES } from './start-config.js';
export { type Context, defineVariable, type Env, reject, type Variable } from './variable.js';
export * from './variables/index.js';
export { loadWorkerConfig, type WorkerConfig, WORKER_VARIABLES } from './worker-config.js';
export { MissingEncryptionKey, open, rewrap, type Sealed, seal } from './envelope.js';
