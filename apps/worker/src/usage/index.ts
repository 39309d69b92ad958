export {
  accountLicensedTotals,
  countEnvironment,
  EnvironmentNotFoundError,
  type Queryable,
} from './environment-counts.js';
