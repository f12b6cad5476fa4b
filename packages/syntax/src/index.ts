export type * as Ast from './ast.js';
export type { Plan, Decl, Expr } from './ast.js';
export * from './tokens.js';
export { PlanParser, planParser } from './parser.js';
export { parsePlan, type ParseOutput } from './parse.js';
export { decodeString } from './cst-to-ast.js';
export { printPlan, printExpr, printRateKey } from './print.js';
export { MAX_NESTING, MAX_OPERATORS, nestingProblem, type NestingProblem } from './nesting.js';
export { subExpressions, expressionsOf } from './walk.js';
