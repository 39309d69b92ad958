export { syncAccountSchedules } from './account-schedules.js';
export { UsageModule } from './usage.module.js';
export {
  type AccountRecountResult,
  type EnvironmentRecountResult,
  type RecountRequestResult,
  UsageRecountHandler,
} from './usage-recount.handler.js';
