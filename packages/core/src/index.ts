export * from './pipeline.js';
export * from './examples.js';
export * from './versions.js';
export * from './diff.js';
export * from './compile.js';
export * from './stream-run.js';
