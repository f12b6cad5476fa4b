/**
 * Lints: a plan that checked cleanly (its AST, its IR and its text) → warnings about what it
 * probably does not mean, each with a stable code (L001–L007). Nothing here changes a payout or
 * blocks a run; `payplan check --strict` turns the warnings into errors. Each lint is a module under
 * lints/, listed in lints/registry.ts.
 *
 * Every finding is proved, not sampled: values are reduced to linear forms `c + Σ kᵢ·xᵢ` over the
 * plan's inputs with order.ts `linear` (constants and derived values expanded, inputs of money
 * taken to be zero or more, as the order checks take them), and a lint speaks only when the form
 * decides the question; what is not linear (a rate read from a table per payee, attainment) is
 * left alone rather than guessed at. A plan can mark a finding as meant with a comment on the
 * reported line (or on its rule's first line), such as `# cliff: intended`.
 */
import type { Code, Diagnostic, SourceText, Span } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { IrPlan } from './ir.js';
import type { Definitions } from './order.js';
import { warnInto, type Cx } from './lints/context.js';
import { lints } from './lints/registry.js';

/**
 * The warnings of a plan the checker accepted (its IR, the AST it came from for names and comments,
 * and its text). Returns diagnostics only, never throws: a lint that cannot decide says nothing.
 */
export function lintPlan(ir: IrPlan, plan: Ast.Plan, source: SourceText): Diagnostic[] {
  const out: Diagnostic[] = [];
  const consts = new Map(ir.consts.map((c) => [c.name, c.value]));
  const lets = new Map(ir.lets.map((l) => [l.name, l.value]));
  const defs: Definitions = (kind, name) => (kind === 'const' ? consts : lets).get(name);
  const markers: Partial<Record<Code, string>> = Object.assign({}, ...lints.map((l) => l.markers));
  const say = (e: { span: Span }): string => source.slice(e.span).replace(/\s+/g, ' ').trim();
  const cx: Cx = { ir, plan, defs, warn: warnInto(out, plan, source, markers), say, forms: new Map(), keys: new Map() };
  for (const lint of lints) lint.plan?.(cx);
  for (const c of ir.components) for (const lint of lints) lint.rule?.(cx, c);
  return out;
}
