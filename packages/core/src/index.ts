export * from './pipeline.js';
export * from './examples.js';
