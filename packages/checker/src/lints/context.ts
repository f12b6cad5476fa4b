/**
 * What every lint shares: the plan's IR and definitions, the `warn` that honours `# …: intended`
 * markers, and each expression's linear form and canonical key, worked out once per expression.
 */
import type { Code, Diagnostic, Label, SourceText, Span } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { IrComponent, IrExpr, IrPlan } from '../ir.js';
import { linear, type Definitions, type Linear } from '../order.js';
import { EXCESS_BASE, lvar } from './linear.js';
import { tierOperands } from '../references.js';

export interface WarnExtra {
  /** Where else a `# …: intended` comment may stand: the rule's first line, a constant's line. */
  readonly owner?: Span | readonly Span[];
  readonly labels?: Label[];
  readonly notes?: string[];
  readonly hint?: string;
}

export interface Cx {
  readonly ir: IrPlan;
  /** The AST the IR came from, for declarations in plan order and their names' spans. */
  readonly plan: Ast.Plan;
  readonly defs: Definitions;
  readonly warn: (code: Code, span: Span, message: string, extra?: WarnExtra) => void;
  /** An expression as written, on one line. */
  readonly say: (e: { span: Span }) => string;
  /** The linear form and the key of each expression asked about so far (see `form`, `canon`). */
  readonly forms: Map<IrExpr, Linear | undefined>;
  readonly keys: Map<IrExpr, string>;
}

/**
 * A `warn` that adds to `out`, unless the reported line, or its rule's first line, carries the
 * code's marker (`# cliff: intended`), or the same code was already reported at the same span.
 */
export function warnInto(out: Diagnostic[], plan: Ast.Plan, source: SourceText, markers: Partial<Record<Code, string>>): Cx['warn'] {
  const commentLines = new Map<number, string>();
  for (const c of plan.comments) commentLines.set(source.lineCol(c.span.start).line, c.text);
  const patterns = new Map(Object.entries(markers).map(([code, word]) => [code, new RegExp(`#.*\\b${word}\\s*:\\s*intended\\b`, 'i')]));
  const seen = new Set<string>();
  return (code, span, message, extra = {}) => {
    const pattern = patterns.get(code);
    const lines = [span, ...[extra.owner ?? []].flat()].map((s) => source.lineCol(s.start).line);
    if (pattern && lines.some((l) => pattern.test(commentLines.get(l) ?? ''))) return;
    const key = `${code} ${span.start} ${span.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      code,
      severity: 'warning',
      message,
      file: source.file,
      span,
      ...(extra.labels?.length && { labels: extra.labels }),
      ...(extra.notes?.length && { notes: extra.notes }),
      ...(extra.hint && { hint: extra.hint }),
    });
  };
}

/** An IR expression with `excess` turned into a variable `linear` understands. */
function withExcessVar(e: IrExpr): IrExpr {
  switch (e.kind) {
    case 'excess':
      return { kind: 'base', name: EXCESS_BASE, unit: 'money', span: e.span };
    case 'neg':
      return { ...e, operand: withExcessVar(e.operand) };
    case 'not':
      return { ...e, operand: withExcessVar(e.operand) };
    case 'isSet':
      return { ...e, operand: withExcessVar(e.operand) };
    case 'arith':
      return { ...e, left: withExcessVar(e.left), right: withExcessVar(e.right) };
    case 'cmp':
      return { ...e, left: withExcessVar(e.left), right: withExcessVar(e.right) };
    case 'logic':
      return { ...e, left: withExcessVar(e.left), right: withExcessVar(e.right) };
    case 'call':
      return { ...e, args: e.args.map(withExcessVar) };
    case 'if':
      return { ...e, condition: withExcessVar(e.condition), then: withExcessVar(e.then), else: withExcessVar(e.else) };
    case 'lookup':
      return { ...e, keys: e.keys.map(withExcessVar) };
    case 'keyed':
      return { ...e, keys: e.keys.map((k) => (k.value ? { ...k, value: withExcessVar(k.value) } : k)) };
    default:
      return e;
  }
}

/** An expression's linear form, worked out once: the lints ask about the same bounds and pays many times. */
export function form(cx: Cx, e: IrExpr): Linear | undefined {
  if (!cx.forms.has(e)) cx.forms.set(e, linear(withExcessVar(e), cx.defs));
  return cx.forms.get(e);
}

/**
 * An expression as data without positions: two expressions with the same key are the same value.
 * Worked out once per expression, as the walks ask again at every level of an expression.
 */
export function canon(cx: Cx, e: IrExpr): string {
  let key = cx.keys.get(e);
  if (key === undefined) cx.keys.set(e, (key = JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : v))));
  return key;
}

/** A linear form, or the expression as one opaque variable (`margin / T` is not linear, but is itself). */
export const formOrAtom = (cx: Cx, e: IrExpr): Linear => form(cx, e) ?? lvar(`?${canon(cx, e)}`);

/** An expression's direct operands. */
export function children(e: IrExpr): IrExpr[] {
  switch (e.kind) {
    case 'neg':
    case 'not':
    case 'isSet':
      return [e.operand];
    case 'arith':
    case 'cmp':
    case 'logic':
      return [e.left, e.right];
    case 'call':
      return [...e.args];
    case 'if':
      return [e.condition, e.then, e.else];
    case 'lookup':
      return [...e.keys];
    case 'tiers':
      return tierOperands(e);
    case 'keyed':
      return e.keys.flatMap((k) => (k.value ? [k.value] : []));
    default:
      return [];
  }
}

/** Every expression a rule evaluates: its measure, bounds, conditions and pays. */
export function componentExprs(c: IrComponent): IrExpr[] {
  switch (c.kind) {
    case 'commission':
      return tierOperands({ ...c, mode: 'whole' });
    case 'bonus':
      return [c.when, c.pay];
    case 'per_row':
      return [c.pay, ...(c.when ? [c.when] : []), ...(c.where ? [c.where] : [])];
    case 'step_bonus':
      return [c.on, ...c.steps.flatMap((s) => [s.at, s.pay])];
    case 'salary':
      return [c.amount, ...(c.measure ? [c.measure] : []), ...c.bands.flatMap((b) => [b.by, ...(b.lower ? [b.lower] : []), ...(b.upper ? [b.upper] : [])])];
    case 'pool':
    case 'allocation':
      return [c.amount, c.weight];
    case 'contest':
      return [c.measure, ...(c.where ? [c.where] : []), ...c.places.map((p) => p.pay)];
  }
}
