export * from './attributes.js';
export * from './compare.js';
export * from './errors.js';
export * from './evaluate.js';
export * from './parse.js';
