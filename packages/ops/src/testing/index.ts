export * from './child-process.js';
export * from './prometheus-text.js';
