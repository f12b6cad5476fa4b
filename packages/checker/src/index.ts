export type * from './ir.js';
export { checkPlan, type CheckOutput } from './lower.js';
export { references, tierOperands } from './references.js';
export type { TableInfo } from './tables.js';
export { unitWords } from './units.js';
export { frequencies } from './header.js';
export { checkExamples } from './examples.js';
export { lintPlan } from './lint.js';
export { closest, didYouMean } from './suggest.js';
