/** @payplan/data: load a plan's input tables (CSV, JSON or in-memory rows), validating every cell. */
export type { DataContext, LoadedTable, LoadResult } from './types.js';
export { loadTableText, loadTableRows, isJsonFile } from './load.js';
export { checkDataSet, type CheckOptions } from './check.js';
export { locateCell } from './locate.js';
export { MAX_DIAGNOSTICS_PER_FILE } from './sink.js';
export { MAX_ROWS } from './limits.js';
export { MAX_NUMBER_DIGITS } from '@payplan/runtime';
export { streamCsvRows, readCsvObjects, type StreamOutcome, type StreamOptions } from './stream-csv.js';
