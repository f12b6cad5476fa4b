/**
 * L002: rates above 100%. A rate pays when it is applied to a result: a base, a row's figures, `excess`, or what any
 * commission of the plan is paid on. Such a rate above 100% pays out more than the result itself, which is
 * nearly always a slipped digit (`500%` for `50%`). A percentage applied to a target or to a fixed
 * amount (`120% of T`, a weight of 150% on an award) is a threshold or a multiplier, not such a
 * rate, and is left alone; so are salary adjustments.
 */
import { percentText } from '@payplan/runtime';
import type { IrComponent, IrExpr, IrPlan } from '../ir.js';
import { canon, children, form, type Cx } from './context.js';
import { isConstant } from './linear.js';

/** What commissions are paid on, per plan, as keys by expression kind: computed once, not once per rule. */
const measuresOf = new WeakMap<IrPlan, Map<IrExpr['kind'], Set<string>>>();

function measuresByKind(cx: Cx): Map<IrExpr['kind'], Set<string>> {
  let measures = measuresOf.get(cx.ir);
  if (measures) return measures;
  measures = new Map<IrExpr['kind'], Set<string>>();
  for (const k of cx.ir.components) if (k.kind === 'commission') measures.set(k.base.kind, (measures.get(k.base.kind) ?? new Set()).add(canon(cx, k.base)));
  measuresOf.set(cx.ir, measures);
  return measures;
}

export function ratesAbove100(cx: Cx, c: IrComponent): void {
  switch (c.kind) {
    case 'commission':
      for (const b of c.bands) {
        if (b.payIsRate) check(cx, c, b.pay, `\`${c.baseName}\``);
        walk(cx, c, b.pay);
      }
      break;
    case 'bonus':
    case 'per_row':
      walk(cx, c, c.pay);
      break;
    case 'step_bonus':
      c.steps.forEach((s) => walk(cx, c, s.pay));
      break;
    case 'salary':
      walk(cx, c, c.amount);
      break;
    case 'pool':
    case 'allocation':
      walk(cx, c, c.amount);
      break;
    case 'contest':
      c.places.forEach((p) => walk(cx, c, p.pay));
      break;
  }
}

/** Every `rate of amount` inside a pay, where the amount is a result. */
function walk(cx: Cx, c: IrComponent, e: IrExpr): void {
  if (e.kind === 'arith' && e.op === '*') {
    const pairs: [IrExpr, IrExpr][] = [
      [e.left, e.right],
      [e.right, e.left],
    ];
    for (const [rate, amount] of pairs) if (rate.unit === 'ratio' && amount.unit !== 'ratio' && isMeasure(cx, amount)) check(cx, c, rate, `\`${cx.say(amount)}\``);
  }
  for (const child of children(e)) walk(cx, c, child);
}

/**
 * Whether a value is a result: a base, a row's figure, `excess`, or what a commission is paid on
 * (a per-payee `revenue` column is one wherever it appears, though a per-payee target beside it is not).
 */
function isMeasure(cx: Cx, e: IrExpr, depth = 0): boolean {
  if (depth > 50) return false;
  // Only an expression of a measure's kind can have its key: most have not, and need no key.
  if (measuresByKind(cx).get(e.kind)?.has(canon(cx, e))) return true;
  switch (e.kind) {
    case 'base':
    case 'field':
    case 'excess':
      return true;
    case 'let': {
      const d = cx.defs('let', e.name);
      return !!d && isMeasure(cx, d, depth + 1);
    }
    case 'neg':
      return isMeasure(cx, e.operand, depth + 1);
    case 'arith':
      return isMeasure(cx, e.left, depth + 1) || isMeasure(cx, e.right, depth + 1);
    case 'call':
      return e.args.some((a) => isMeasure(cx, a, depth + 1));
    default:
      return false;
  }
}

/** Warns when a rate applied to a result is above 100%. */
function check(cx: Cx, c: IrComponent, rate: IrExpr, appliedTo: string): void {
  if (rate.kind === 'lookup') return tableRates(cx, rate);
  const f = form(cx, rate);
  if (!f || !isConstant(f) || !f.constant.gt(1)) return;
  const named = rate.kind === 'const' || rate.kind === 'let' ? ` (\`${rate.name}\`)` : '';
  const definition = rate.kind === 'const' ? cx.ir.consts.find((k) => k.name === rate.name) : rate.kind === 'let' ? cx.ir.lets.find((l) => l.name === rate.name) : undefined;
  cx.warn('L002', rate.span, `a rate of ${percentText(f.constant)}${named} pays more than the whole of ${appliedTo}`, {
    owner: [c.source.span, ...(definition ? [definition.source.span] : [])],
    hint: `did you mean ${percentText(f.constant.div(10))}? If ${percentText(f.constant)} is meant, end the line with \`# rate: intended\``,
  });
}

/** A rate read from a rate table: reported at the table's entries, once each, whichever rule applies them. */
function tableRates(cx: Cx, rate: Extract<IrExpr, { kind: 'lookup' }>): void {
  const table = cx.ir.rates.find((t) => t.name === rate.rates);
  if (!table || table.unit !== 'ratio') return;
  for (const v of [...table.entries.map((en) => en.value), ...(table.fallback ? [table.fallback] : [])]) {
    const f = form(cx, v);
    if (f && isConstant(f) && f.constant.gt(1)) {
      cx.warn('L002', v.span, `rate table \`${table.name}\` pays ${percentText(f.constant)} here: more than the whole of what it applies to`, {
        labels: [{ span: rate.span, message: 'applied here' }],
        hint: `if ${percentText(f.constant)} is meant, end the line with \`# rate: intended\``,
      });
    }
  }
}
