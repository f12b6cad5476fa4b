export * from './decimal.js';
export * from './rounding.js';
export * from './period.js';
export * from './statement.js';
export * from './schema.js';
export * from './format.js';
export * from './tiers.js';
export * from './assemble.js';
