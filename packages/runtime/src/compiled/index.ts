/**
 * @payplan/runtime/compiled: the support code every compiled plan module imports — the interpreter's
 * value checks and errors on decimals, exact integer arithmetic and the fast readers for the fast
 * path, period slots, and the full validation of rows an application passes. Plain, type-checked
 * TypeScript, the same for every plan; generated modules import it under `$`-prefixed names, which
 * plan names can never take.
 */
export * from './errors.js';
export * from './exact.js';
export * from './periods.js';
export * from './read-cells.js';
export * from './run-data.js';
export * from './validate.js';
export * from './values.js';
export * from './input-schema.js';
