/** Dataset sizes and measurement lengths. `full` is the benchmark of record; `small` runs in CI-sized time. */
export interface Preset {
  name: 'full' | 'small' | 'smoke';
  users: number;
  tenants: number;
  groups: number;
  /** Declared in every environment (5 applications × 10 roles at full size). */
  rolesPerEnvironment: number;
  /** Users of the largest tenant given a known password, for the login benchmark. */
  loginUsers: number;
  /** Repetitions of each measurement (median and spread are over these). */
  runs: number;
  /** Seconds of load per HTTP measurement run. */
  seconds: number;
  /** Concurrent connections of the HTTP measurements. */
  connections: number;
  /** How deep into the largest tenant's list the "deep page" starts. */
  deepRows: number;
  /** Users in the file of the import measurement (issue 18), imported into a tenant of their own. */
  importRows: number;
}

export const PRESETS: Record<Preset['name'], Preset> = {
  full: {
    name: 'full',
    users: 1_000_000,
    tenants: 100,
    groups: 2_000,
    rolesPerEnvironment: 50,
    loginUsers: 1_000,
    runs: 5,
    seconds: 10,
    connections: 16,
    deepRows: 5_000,
    importRows: 1_000_000,
  },
  small: {
    name: 'small',
    users: 30_000,
    tenants: 20,
    groups: 200,
    rolesPerEnvironment: 50,
    loginUsers: 200,
    runs: 3,
    seconds: 3,
    connections: 16,
    deepRows: 5_000,
    importRows: 30_000,
  },
  // The smoke test's: every measurement once, briefly, on a tiny dataset.
  smoke: {
    name: 'smoke',
    users: 4_000,
    tenants: 6,
    groups: 40,
    rolesPerEnvironment: 10,
    loginUsers: 50,
    runs: 1,
    seconds: 1,
    connections: 4,
    deepRows: 500,
    importRows: 2_000,
  },
};
