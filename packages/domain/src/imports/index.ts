export * from './columns.js';
export * from './csv.js';
export * from './multi-values.js';
export * from './reader.js';
export * from './rows.js';
export * from './states.js';
