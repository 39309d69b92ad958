export * from './access.js';
export * from './domains.js';
export * from './duration.js';
export * from './jobs.js';
export * from './keys.js';
export * from './password.js';
export * from './roles.js';
export * from './subscription.js';
