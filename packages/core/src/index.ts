export * from './pipeline.js';
