/**
 * The interpreter: IR → the plan-specific half of a run, handed to the runtime's settlement engine.
 * Expressions become closures once (closures.ts, here in `prepare`); the plan's values
 * (plan-values.ts) and each rule's line (component-lines.ts) make up a `PlanSpec` (plan-spec.ts):
 * how to compute derived values, bases, requirements, credit shares and each statement's lines for
 * one payee and period. The engine does the rest (grouping, credit, teams, year-to-date, clawbacks,
 * draws) exactly as it does for compiled modules. A value that cannot be computed is a diagnostic
 * naming the payee, the period and the rule, and the run returns no statements.
 */
import type { IrExpr, IrPlan } from '@payplan/checker';
import type { Diagnostic, Result } from '@payplan/diagnostics';
import { PlanError, settle, type RunResult, type TableRows } from '@payplan/runtime';
import { compileExpr, type Closure } from './closures.js';
import { planSpec } from './plan-spec.js';
import { PlanValues } from './plan-values.js';

/** Validated rows of one input table, with the file they came from. */
export type TableData = TableRows;
export type DataSet = ReadonlyMap<string, TableData>;

/** An IR plan prepared for evaluation: every expression turned into a closure once. */
export interface PreparedPlan {
  readonly ir: IrPlan;
  readonly closures: Map<IrExpr, Closure>;
}

export function prepare(ir: IrPlan): PreparedPlan {
  const closures = new Map<IrExpr, Closure>();
  const visit = (e: IrExpr | undefined) => {
    if (e && !closures.has(e)) closures.set(e, compileExpr(e));
  };
  ir.consts.forEach((c) => visit(c.value));
  ir.lets.forEach((l) => visit(l.value));
  ir.bases.forEach((b) => (visit(b.value), visit(b.where)));
  ir.requirements.forEach((r) => (visit(r.where), visit(r.condition)));
  for (const c of ir.components) {
    switch (c.kind) {
      case 'commission':
        visit(c.base);
        visit(c.by?.measure);
        c.bands.forEach((b) => (visit(b.lower), visit(b.upper), visit(b.pay)));
        break;
      case 'bonus':
        visit(c.when);
        visit(c.pay);
        break;
      case 'per_row':
        visit(c.where);
        visit(c.when);
        visit(c.pay);
        break;
      case 'step_bonus':
        visit(c.on);
        c.steps.forEach((st) => (visit(st.at), visit(st.pay)));
        break;
      case 'salary':
        visit(c.amount);
        visit(c.measure);
        c.bands.forEach((b) => (visit(b.lower), visit(b.upper), visit(b.by)));
        break;
      case 'contest':
        visit(c.measure);
        visit(c.where);
        c.places.forEach((p) => visit(p.pay));
        break;
      case 'pool':
      case 'allocation':
        visit(c.amount);
        visit(c.weight);
        break;
    }
  }
  ir.shown.forEach((s) => visit(s.ref));
  ir.rates.forEach((r) => (r.entries.forEach((e) => visit(e.value)), r.ranges?.forEach((k) => visit(k.value)), visit(r.fallback)));
  ir.limits.forEach((l) => visit(l.value));
  ir.ladders.forEach((l) => l.items.forEach(visit));
  ir.credits.forEach((c) => c.rules.forEach((r) => (visit(r.share), visit(r.when))));
  visit(ir.draw?.amount);
  return { ir, closures };
}

export function evaluate(plan: IrPlan | PreparedPlan, data: DataSet): Result<RunResult | undefined> {
  const { ir, closures } = 'closures' in plan ? plan : prepare(plan);
  try {
    const settled = settle(planSpec(new PlanValues(ir, closures, data)), data);
    const diagnostics: Diagnostic[] = settled.errors.map((e) => ({ code: e.code as Diagnostic['code'], severity: 'error', message: e.message, file: e.file, span: e.span }));
    return { value: settled.result, diagnostics };
  } catch (err) {
    // Constants and rate tables are computed before any payee: their errors land here.
    if (!(err instanceof PlanError)) throw err;
    return { value: undefined, diagnostics: [{ code: err.code, severity: 'error', message: err.message, file: ir.file, span: err.span }] };
  }
}
